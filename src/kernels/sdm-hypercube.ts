import { InvalidValueError, assertPositiveInteger } from '../errors.js';
import gammaln from '@stdlib/math-base-special-gammaln';
import { logAddExp } from '../linalg/special.js';
import type { DistanceKernel } from './kernel.js';

/** Options for {@link sdmHypercube}. */
export interface SdmHypercubeOptions {
  /** Input dimension N_in. */
  readonly dim: number;
  /** Bit-wise error threshold r: an address is active when it differs from the input in at most r bits. */
  readonly radius: number;
}

/**
 * `ln K_SDM` on the hypercube for every Hamming distance `Delta = 0..N` (Property 3.1, Eq. 16):
 * the log of the number of addresses `z` in `{+-1}^N` within Hamming distance `r` of two points
 * at distance `Delta`, divided by `2^N`.
 *
 * Counting by `a` = mismatches of `z` on the `N - Delta` positions where the points agree and
 * `j` = mismatches with the first point on the `Delta` positions where they differ:
 * `count = sum_a sum_j C(N - Delta, a) C(Delta, j)` over `a + j <= r` and `a + Delta - j <= r`,
 * which is Eq. 16 with `i = N - Delta - a`. Sums run in log space (no overflow for any N) and use
 * prefix sums over `j`, so the whole table costs O(N^2).
 *
 * @example
 * ```ts
 * const logK = sdmHypercubeLogTable({ dim: 10, radius: 3 });
 * Math.exp(logK[0]); // (C(10,0) + ... + C(10,3)) / 2^10
 * ```
 */
export function sdmHypercubeLogTable(options: SdmHypercubeOptions): Float64Array {
  const { dim: n, radius: r } = options;
  assertPositiveInteger('dim', n);
  if (!Number.isInteger(r) || r < 0 || r > n) {
    throw new InvalidValueError('radius', `must be an integer in [0, ${n}], got ${r}`, 'pass 0 <= radius <= dim');
  }
  const table = new Float64Array(n + 1);
  const prefix = new Float64Array(n + 2);
  // ln k! for k = 0..n, so each log binomial is two subtractions instead of three gammaln calls.
  const logFact = new Float64Array(n + 1);
  for (let k = 0; k <= n; k++) logFact[k] = gammaln(k + 1);
  const logBinomial = (m: number, k: number): number => logFact[m]! - logFact[k]! - logFact[m - k]!;
  const log2n = n * Math.LN2;
  for (let delta = 0; delta <= n; delta++) {
    // prefix[j + 1] = ln sum_{j' <= j} C(delta, j')
    prefix[0] = -Infinity;
    for (let j = 0; j <= delta; j++) prefix[j + 1] = logAddExp(prefix[j]!, logBinomial(delta, j));
    let total = -Infinity;
    const agree = n - delta;
    for (let a = 0; a <= Math.min(agree, r); a++) {
      const lo = Math.max(0, a + delta - r);
      const hi = Math.min(delta, r - a);
      if (lo > hi) continue;
      const range = logSubExp(prefix[hi + 1]!, prefix[lo]!);
      total = logAddExp(total, logBinomial(agree, a) + range);
    }
    table[delta] = total - log2n;
  }
  return table;
}

function logSubExp(a: number, b: number): number {
  if (b === -Infinity) return a;
  return a + Math.log1p(-Math.exp(b - a));
}

/**
 * The kernel of an infinite SDM with addresses on the hypercube (Property 3.1, Eq. 16), as a
 * translation-invariant kernel of bipolar inputs: `Delta = ||x - y||^2 / 4`. Values are read
 * from a table computed once for all `Delta`.
 *
 * @example
 * ```ts
 * const K = sdmHypercube({ dim: 64, radius: 24 });
 * kernelValue(K, x, y); // fraction of addresses active for both x and y
 * ```
 */
export function sdmHypercube(options: SdmHypercubeOptions): DistanceKernel {
  const logTable = sdmHypercubeLogTable(options);
  const table = logTable.map(Math.exp);
  const n = options.dim;
  return {
    kind: 'distance',
    name: 'sdm-hypercube',
    params: { dim: n, radius: options.radius },
    g2: (d2) => {
      const delta = Math.round(d2 / 4);
      return delta <= n ? table[delta]! : 0;
    },
    positiveDefinite: false,
  };
}
