/** Options for {@link largestStorable}. */
export interface CapacitySearchOptions {
  /** First M tried (default 1). */
  readonly start?: number;
  /** Largest M ever tried; if even that is storable, it is returned (a censored value). */
  readonly max: number;
}

/**
 * The largest M with `storable(M)` true, for a property monotone in M (nested pattern sets:
 * storing the first M patterns is easier than storing the first M + 1). Doubles M from
 * `start` until the first failure, then bisects: O(log M) calls of `storable`.
 *
 * @returns 0 if `storable(1)` fails; `max` if `storable(max)` holds.
 * @example
 * ```ts
 * largestStorable((m) => m <= 37, { start: 4, max: 1000 }); // 37
 * ```
 */
export function largestStorable(storable: (m: number) => boolean, options: CapacitySearchOptions): number {
  const max = options.max;
  let lo = 0; // largest M known storable
  let hi = max + 1; // smallest M known not storable
  let m = Math.max(1, Math.min(options.start ?? 1, max));
  while (m < hi) {
    if (storable(m)) {
      lo = m;
      if (m === max) return max;
      m = Math.min(max, 2 * m);
    } else {
      hi = m;
      break;
    }
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (storable(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}
