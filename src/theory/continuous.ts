import { chiSquareCdf } from '../linalg/special.js';

/**
 * Probability that the Exp_beta network at beta -> infinity recalls a pattern from the cue
 * `xi + eps`, `eps ~ N(0, sigma^2 I_N)`, when patterns are further than 2r apart
 * (Property 5.2): recall iff `||eps|| < r`, i.e. `P(chi2_N < r^2 / sigma^2)`. At the
 * Property 6 threshold `sigma^2 = r^2 / N` this is `P(chi2_N < N)`, about one half.
 *
 * @example
 * ```ts
 * expBetaRecallProbability({ n: 100, r: 5, sigma2: 0.25 }); // about 0.52
 * ```
 */
export function expBetaRecallProbability(options: { n: number; r: number; sigma2: number }): number {
  if (options.sigma2 === 0) return 1;
  return chiSquareCdf((options.r * options.r) / options.sigma2, options.n);
}

/**
 * Property 7's lower bound on the capacity of the Exp_beta network for Gaussian patterns
 * (Eq. 24): `M_max >= sqrt(2 sqrt(pi N) (1 - 2 s)) exp(N (1 - 2 s)^2 / 8)` with
 * `s = sigma_max^2 <~ 1/2`.
 *
 * @example
 * ```ts
 * expBetaCapacityBound({ n: 100, sigma2Max: 0.1 }); // about 2.8e3
 * ```
 */
export function expBetaCapacityBound(options: { n: number; sigma2Max: number }): number {
  const a = 1 - 2 * options.sigma2Max;
  return Math.sqrt(2 * Math.sqrt(Math.PI * options.n) * a) * Math.exp((options.n * a * a) / 8);
}
