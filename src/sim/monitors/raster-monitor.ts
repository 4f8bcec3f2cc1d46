import type { Subscription } from 'rxjs';
import type { Simulation } from '../simulation.js';
import { ringBuffer } from './ring-buffer.js';

/** A spike raster: the last `capacity` state changes as (time, neuron, new state). */
export interface RasterMonitor {
  /** Recorded events, oldest first. */
  events(): { time: number; neuron: number; state: number }[];
  /** State changes seen in total (also those the buffer dropped). */
  readonly total: number;
  readonly subscription: Subscription;
}

/**
 * Records every spike (state change) into a ring buffer of bounded size.
 *
 * @example
 * ```ts
 * const raster = rasterMonitor(sim, { capacity: 50_000 });
 * sim.run(cue, { schedule: 'random-permutation', rng });
 * raster.events(); // [{ time, neuron, state }, ...]
 * ```
 */
export function rasterMonitor(sim: Simulation, options: { capacity: number }): RasterMonitor {
  const buffer = ringBuffer(options.capacity, 3);
  const subscription = sim.spikes$.subscribe((batch) => {
    for (let k = 0; k < batch.length; k++) buffer.push3(batch.time[k]!, batch.neuron[k]!, batch.state[k]!);
  });
  return {
    events: () => buffer.toArray().map(([time, neuron, state]) => ({ time: time!, neuron: neuron!, state: state! })),
    get total() {
      return buffer.total;
    },
    subscription,
  };
}
