import { ShapeError } from '../../errors.js';
import type { Subscription } from 'rxjs';
import { overlaps } from '../../kernels/batch.js';
import type { Patterns } from '../../patterns/pattern-set.js';
import type { Simulation } from '../simulation.js';
import { ringBuffer } from './ring-buffer.js';

/** Overlaps `m^mu = xi^mu . s / N` with every stored pattern after each step. */
export interface OverlapMonitor {
  /** Held records, oldest first: `{ step, overlaps }`. */
  records(): { step: number; overlaps: number[] }[];
  readonly subscription: Subscription;
}

/**
 * Records the overlaps `m^mu = (1/N) sum_j xi_j^mu s_j` of the state with each pattern after
 * every step (the order parameters of Amit, Gutfreund and Sompolinsky), in a ring buffer.
 *
 * @example
 * ```ts
 * const m = overlapMonitor(sim, { patterns: X, capacity: 1000 });
 * ```
 */
export function overlapMonitor(sim: Simulation, options: { patterns: Patterns; capacity: number }): OverlapMonitor {
  const { count, dim } = options.patterns;
  if (dim !== sim.network.size) throw new ShapeError('patterns', `have dimension ${dim}, the network has ${sim.network.size} neurons`, 'pass patterns with one entry per neuron');
  const buffer = ringBuffer(options.capacity, count + 1);
  const record = new Float64Array(count + 1);
  const h = record.subarray(1);
  const subscription = sim.steps$.subscribe(({ step, state }) => {
    record[0] = step;
    overlaps(options.patterns, state, h);
    for (let mu = 0; mu < count; mu++) h[mu]! /= dim;
    buffer.push(record);
  });
  return { records: () => buffer.toArray().map(([step, ...overlaps]) => ({ step: step!, overlaps })), subscription };
}
