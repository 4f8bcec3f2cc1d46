import { ParameterError } from '../errors.js';
import type { ShardSpec } from './task-store.js';

/**
 * Most shards a run may be split into.
 *
 * @example
 * ```ts
 * parseShard(`1/${MAX_SHARDS}`); // the largest split
 * ```
 */
export const MAX_SHARDS = 10_000;

/**
 * Parses `--shard k/K` (shard k of K, 1-based, as in Jest and Playwright).
 *
 * @throws {@link ParameterError} naming `--shard` unless `1 <= k <= K <= 10000`.
 * @example
 * ```ts
 * parseShard('2/3'); // { index: 2, count: 3 }
 * ```
 */
export function parseShard(text: string): ShardSpec {
  const m = /^(\d{1,6})\/(\d{1,6})$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || index < 1 || count < 1 || index > count || count > MAX_SHARDS) {
    throw new ParameterError('--shard', `expects k/K with 1 <= k <= K <= ${MAX_SHARDS}, got ${JSON.stringify(text)}`, 'write e.g. --shard 2/3 (shard 2 of 3)');
  }
  return { index, count };
}

/**
 * Assigns every task to one of `count` shards, deterministically from the task costs: tasks in
 * decreasing cost (ties by index) each go to the shard with the least cost so far (ties to the
 * lowest shard), the longest-processing-time rule (Graham 1969), whose makespan is at most
 * 4/3 of the optimum. Without costs every task costs 1, which deals tasks round-robin.
 *
 * @returns for each shard (0-based), its task indices in ascending order.
 * @example
 * ```ts
 * assignShards([5, 1, 1, 3], 2); // [[0], [1, 2, 3]]
 * ```
 */
export function assignShards(costs: readonly number[], count: number): number[][] {
  const cost = (i: number): number => (Number.isFinite(costs[i]) && costs[i]! > 0 ? costs[i]! : 1);
  const order = costs.map((_, i) => i).sort((a, b) => cost(b) - cost(a) || a - b);
  const load = new Float64Array(count);
  const shards: number[][] = Array.from({ length: count }, () => []);
  // A binary min-heap of shards ordered by (load, shard index).
  const heap = Array.from({ length: count }, (_, s) => s);
  const less = (a: number, b: number): boolean => load[a]! < load[b]! || (load[a] === load[b] && a < b);
  for (const i of order) {
    const best = heap[0]!;
    shards[best]!.push(i);
    load[best]! += cost(i);
    let k = 0;
    for (;;) {
      const l = 2 * k + 1;
      const r = l + 1;
      let m = k;
      if (l < count && less(heap[l]!, heap[m]!)) m = l;
      if (r < count && less(heap[r]!, heap[m]!)) m = r;
      if (m === k) break;
      [heap[k], heap[m]] = [heap[m]!, heap[k]!];
      k = m;
    }
  }
  for (const s of shards) s.sort((a, b) => a - b);
  return shards;
}
