import { map, scan, type OperatorFunction } from 'rxjs';
import type { SpikeBatch } from '../../network/recurrent-network.js';

/**
 * Rate of state changes per neuron per step over a sliding window of `window` steps:
 * `(spikes in the last window batches) / (window x N)`. Emits once per batch.
 *
 * @example
 * ```ts
 * sim.spikes$.pipe(firingRate({ window: 5, neurons: net.size })).subscribe((r) => console.log(r));
 * ```
 */
export function firingRate(options: { window: number; neurons: number }): OperatorFunction<SpikeBatch, number> {
  const { window, neurons } = options;
  return (source) =>
    source.pipe(
      scan((acc: { counts: number[]; sum: number }, batch) => {
        acc.counts.push(batch.length);
        acc.sum += batch.length;
        if (acc.counts.length > window) acc.sum -= acc.counts.shift()!;
        return acc;
      }, { counts: [], sum: 0 }),
      map((acc) => acc.sum / (acc.counts.length * neurons)),
    );
}
