import { defer, map, type OperatorFunction } from 'rxjs';
import { assertPositiveInteger } from '../../errors.js';
import type { SpikeBatch } from '../../network/recurrent-network.js';

/**
 * Rate of state changes per neuron per step over a sliding window of `window` steps:
 * `(spikes in the last window batches) / (window x N)` (fewer batches at the start). Emits once
 * per batch. The window lives per subscription, so two subscribers never share counts.
 *
 * @example
 * ```ts
 * sim.spikes$.pipe(firingRate({ window: 5, neurons: net.size })).subscribe((r) => console.log(r));
 * ```
 */
export function firingRate(options: { window: number; neurons: number }): OperatorFunction<SpikeBatch, number> {
  const { window, neurons } = options;
  assertPositiveInteger('window', window);
  assertPositiveInteger('neurons', neurons);
  return (source) =>
    defer(() => {
      const counts = new Float64Array(window);
      let seen = 0;
      let sum = 0;
      return source.pipe(
        map((batch) => {
          const slot = seen % window;
          sum += batch.length - counts[slot]!;
          counts[slot] = batch.length;
          seen++;
          return sum / (Math.min(seen, window) * neurons);
        }),
      );
    });
}
