import { normalCdf } from '../linalg/special.js';

/**
 * One-step bit error of the classical Hopfield network with Hebbian weights at load
 * `alpha = M / N` (large N, random unbiased patterns): the crosstalk is Gaussian with variance
 * `alpha` relative to the unit signal, so `P_error = Phi(-1 / sqrt(alpha))` (Amit, Gutfreund
 * and Sompolinsky 1985; Hertz, Krogh and Palmer 1991, Eq. 2.13).
 *
 * @example
 * ```ts
 * hebbianBitError(0.138); // about 0.0036
 * ```
 */
export function hebbianBitError(alpha: number): number {
  return normalCdf(-1 / Math.sqrt(alpha));
}

/**
 * The same one-step error at finite size, without self-connections: signal `N - 1`, crosstalk
 * variance `(N - 1)(M - 1)`, so `P_error = Phi(-sqrt((N - 1) / (M - 1)))`.
 *
 * @example
 * ```ts
 * hebbianBitErrorFinite(1000, 100);
 * ```
 */
export function hebbianBitErrorFinite(n: number, m: number): number {
  return m <= 1 ? 0 : normalCdf(-Math.sqrt((n - 1) / (m - 1)));
}

/**
 * Expected error-free capacity of the Hebbian (classical Hopfield) network of N neurons: every
 * one of the N M bits must be stable, each independently with probability `1 - P_error`
 * (finite-size Gaussian crosstalk), so `P(M_max >= M) ~ (1 - P_error(N, M))^(N M)` over nested
 * pattern sets. Scales as `N / (2 ln N)` (McEliece et al. 1987).
 *
 * @example
 * ```ts
 * hebbianErrorFreeCapacity(100); // about 10
 * ```
 */
export function hebbianErrorFreeCapacity(n: number): number {
  let expected = 0;
  for (let m = 1; m < 4 * n; m++) {
    const p = Math.exp(n * m * Math.log1p(-hebbianBitErrorFinite(n, m)));
    expected += p;
    if (p < 1e-12) break;
  }
  return expected;
}
