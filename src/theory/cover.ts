import { logAddExp, logBinomial } from '../linalg/special.js';

/**
 * Cover's function-counting theorem (Cover 1965): the probability that M points in general
 * position in n dimensions, with random labels, are linearly separable by a hyperplane through
 * the origin, `P = C(M, n) / 2^M` with `C(M, n) = 2 sum_{k < n} binom(M - 1, k)`.
 * Exactly 1/2 at M = 2n; 1 for M <= n. Computed in log space (any M).
 *
 * @example
 * ```ts
 * coverSeparableProbability(20, 10); // 0.5
 * ```
 */
export function coverSeparableProbability(m: number, n: number): number {
  if (m <= n) return 1;
  let log = -Infinity;
  for (let k = 0; k < n; k++) log = logAddExp(log, logBinomial(m - 1, k));
  return Math.min(1, Math.exp(Math.LN2 + log - m * Math.LN2));
}

/**
 * Expected network capacity of a recurrent network of N max-margin linear neurons, under
 * Cover's theorem and the approximation that the N neurons' problems are independent: each
 * neuron separates M patterns in N - 1 inputs with probability `P(M, N - 1)`, so with nested
 * pattern sets `P(M_max >= M) ~ P(M, N - 1)^N` and `E[M_max] = sum_{M >= 1} P(M_max >= M)`.
 * Tends to 2N as N grows (Gardner 1987); below it at finite N.
 *
 * @example
 * ```ts
 * coverNetworkCapacity(100) / 100; // about 1.6
 * ```
 */
export function coverNetworkCapacity(n: number): number {
  return coverCapacity({ inputs: n - 1, neurons: n });
}

/**
 * Expected M_max of `neurons` independent max-margin classifiers on the same nested random
 * patterns, each in a feature space of dimension `inputs` (Cover 1965):
 * `E[M_max] = sum_{M >= 1} P(M, inputs)^neurons`. For a sigma-pi neuron with monomials up to
 * degree p of N - 1 inputs, `inputs = sum_{s <= p} C(N - 1, s)`.
 *
 * @example
 * ```ts
 * coverCapacity({ inputs: 67, neurons: 12 }); // degree-2 dendrites on 11 inputs
 * ```
 */
export function coverCapacity(options: { inputs: number; neurons: number }): number {
  const { inputs: d, neurons } = options;
  let expected = 0;
  for (let m = 1; m < 8 * d + 64; m++) {
    const p = coverSeparableProbability(m, d) ** neurons;
    expected += p;
    if (p < 1e-12 && m > 2 * d) break;
  }
  return expected;
}
