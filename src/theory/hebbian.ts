import { logBinomial, normalCdf } from '../linalg/special.js';

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
 * The exact one-step bit error of the classical Hopfield network (Hebbian `A = 1`, `theta = 0`,
 * no self-connections, `sgn(0) = +1`) at finite N and M, for random unbiased bipolar patterns.
 * With the network set to pattern nu, neuron i's stability is `y h = (N - 1) + C`, where the
 * crosstalk `C = sum_{mu != nu} sum_{j != i} (xi_i^nu xi_i^mu)(xi_j^mu xi_j^nu)` is a sum of
 * `K = (M - 1)(N - 1)` independent uniform +/-1 terms, so `C = 2B - K` with `B ~ Binomial(K, 1/2)`.
 * A bit is wrong when `y h < 0`, or `y h = 0` and `y = -1`:
 * `P_error = P(B < t) + P(B = t) / 2` with `t = (K - N + 1) / 2` (Amit, Gutfreund and
 * Sompolinsky 1985 take the Gaussian limit of the same sum). Summed in log space from the tail.
 *
 * @example
 * ```ts
 * hebbianBitErrorExact(100, 20); // close to hebbianBitErrorFinite(100, 20)
 * ```
 */
export function hebbianBitErrorExact(n: number, m: number): number {
  const k = (m - 1) * (n - 1);
  const t = (k - n + 1) / 2;
  const ln2k = k * Math.LN2;
  let p = 0;
  if (Number.isInteger(t) && t >= 0 && t <= k) p += Math.exp(logBinomial(k, t) - ln2k) / 2;
  let b = Math.ceil(t) - 1;
  if (b > k) b = k;
  if (b < 0) return p;
  let term = Math.exp(logBinomial(k, b) - ln2k);
  for (; b >= 0; b--) {
    p += term;
    if (term < p * 1e-17) break;
    term *= b / (k - b + 1);
  }
  return p;
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
