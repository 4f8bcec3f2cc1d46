import { InvalidValueError, assertPositiveInteger } from '../errors.js';

/** Options for {@link capacitySearch} and {@link largestStorable}. */
export interface CapacitySearchOptions {
  /** First M tried (default 1); clamped to [1, max]. */
  readonly start?: number;
  /** Largest M ever tried; if even that is storable, it is returned and the result is censored. */
  readonly max: number;
  /**
   * A proven upper bound on M_max (e.g. the exact storability oracle's, which no learning rule
   * can exceed). The search then scans down from `min(bound, max)` one M at a time and returns
   * the first storable M: the largest storable M, exactly, whether or not `storable` is monotone.
   * After {@link CAPACITY_SCAN_LIMIT} failures in a row it bisects the rest as without a bound.
   */
  readonly bound?: number;
}

/** Failures in a row after which a search with a `bound` stops scanning down and bisects. */
export const CAPACITY_SCAN_LIMIT = 12;

/** What one capacity search found: the bracket it ended on and the calls it took. */
export interface CapacitySearchResult {
  /** The largest M found storable (0 if `storable(1)` failed): the capacity `M_max`. */
  readonly mMax: number;
  /** The smallest M found not storable, `mMax + 1`, or `null` when `max` itself was storable. */
  readonly firstFailure: number | null;
  /** `storable(max)` held: the true capacity is at least `max` (a right-censored value). */
  readonly censored: boolean;
  /** Calls of `storable`, in the order they were made (`[M, storable(M)]`). */
  readonly calls: readonly (readonly [number, boolean])[];
}

/**
 * Capacity by binary search: the largest M with `storable(M)` true, for a predicate that is
 * monotone in M (true up to a threshold, false after). Monotonicity is what nested pattern sets
 * give: the first M patterns of one fixed sequence are stored whenever the first M + 1 are (for
 * fixed points under a separating rule, removing an example keeps every neuron separating).
 * Gallops from `start` by doubling until the first failure (the bracket `[lo, hi)` with
 * `storable(lo)` true, `storable(hi)` false), then bisects it: at most
 * `2 ceil(log2(max + 1)) + 2` calls. One search is one trial: run it once per independent
 * pattern sequence and average the trials' `mMax` (the search itself never re-draws anything).
 * Used by Bielmeier and Friedland ("Effects of feature correlations on associative memory
 * capacity") to locate each dataset's capacity.
 *
 * If `storable` is not monotone, the result is still a point where `storable(mMax)` holds and
 * `storable(mMax + 1)` fails, but not necessarily the first such point.
 *
 * @throws {@link InvalidValueError} if `max` is not a positive integer or `start` is not finite.
 * @example
 * ```ts
 * const r = capacitySearch((m) => m <= 37, { start: 4, max: 1000 });
 * r.mMax;         // 37
 * r.firstFailure; // 38
 * ```
 */
export function capacitySearch(storable: (m: number) => boolean, options: CapacitySearchOptions): CapacitySearchResult {
  const max = options.max;
  assertPositiveInteger('max', max);
  const start = options.start ?? 1;
  if (!Number.isFinite(start)) throw new InvalidValueError('start', `must be a finite number, got ${start}`, 'pass the first M to try, e.g. N / 4');
  const calls: [number, boolean][] = [];
  const test = (m: number): boolean => {
    const ok = storable(m);
    calls.push([m, ok]);
    return ok;
  };
  let lo = 0; // largest M known storable
  let hi = max + 1; // smallest M known not storable
  if (options.bound !== undefined) {
    const bound = options.bound;
    if (!Number.isInteger(bound) || bound < 0) throw new InvalidValueError('bound', `must be a non-negative integer, got ${bound}`, 'pass the proven upper bound on M_max, e.g. the exact oracle\'s mMax');
    hi = Math.min(bound, max) + 1;
    for (let k = 0; k < CAPACITY_SCAN_LIMIT && hi > 1; k++) {
      const m = hi - 1;
      if (test(m)) return { mMax: m, firstFailure: m === max ? null : m + 1, censored: m === max, calls };
      hi = m;
    }
    if (hi <= 1) return { mMax: 0, firstFailure: 1, censored: false, calls };
  }
  let m = Math.max(1, Math.min(Math.floor(start), hi - 1));
  for (;;) {
    if (test(m)) {
      lo = m;
      if (m === max) return { mMax: max, firstFailure: null, censored: true, calls };
      if (m === hi - 1) break;
      m = Math.min(hi - 1, 2 * m);
    } else {
      hi = m;
      break;
    }
  }
  // A failure at the start leaves lo = 0: bisect [0, start) (storable(0) holds vacuously).
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (test(mid)) lo = mid;
    else hi = mid;
  }
  return { mMax: lo, firstFailure: hi, censored: false, calls };
}

/**
 * The capacity found by {@link capacitySearch}, as a number: 0 if `storable(1)` fails, `max`
 * if `storable(max)` holds.
 *
 * @example
 * ```ts
 * largestStorable((m) => m <= 37, { start: 4, max: 1000 }); // 37
 * ```
 */
export function largestStorable(storable: (m: number) => boolean, options: CapacitySearchOptions): number {
  return capacitySearch(storable, options).mMax;
}
