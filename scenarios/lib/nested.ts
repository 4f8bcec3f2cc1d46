import type { BipolarPatterns } from '../../index.js';

/**
 * The first m patterns of a set, as a view (no copy): the nested sets that capacity searches
 * rely on (storing the first M patterns is easier than storing the first M + 1).
 *
 * @example
 * ```ts
 * const X20 = firstPatterns(X, 20);
 * ```
 */
export function firstPatterns(patterns: BipolarPatterns, m: number): BipolarPatterns {
  return { kind: 'bipolar', count: m, dim: patterns.dim, data: patterns.data.subarray(0, m * patterns.dim) };
}
