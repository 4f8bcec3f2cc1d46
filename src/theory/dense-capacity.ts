import { InvalidValueError, assertPositiveInteger } from '../errors.js';
import { logBinomial, normalCdf } from '../linalg/special.js';

/**
 * Double factorial `(2k - 1)!! = 1 * 3 * ... * (2k - 1)` (1 for k = 0): the 2k-th moment of a
 * standard normal.
 *
 * @example
 * ```ts
 * oddDoubleFactorial(3); // 15 = 1 * 3 * 5
 * ```
 */
export function oddDoubleFactorial(k: number): number {
  let v = 1;
  for (let j = 1; j <= k; j++) v *= 2 * j - 1;
  return v;
}

/**
 * Krotov and Hopfield's (2016) error-free capacity of a dense associative memory, in kmn's
 * terms: a recurrent network with `A = 1`, `theta = 0` and the homogeneous polynomial kernel
 * `k(h) = h^p` of degree p (their energy `F(x) = x^n` with `n = p + 1`, since kmn's kernel is
 * `k = F'`, Eq. 19 of Iatropoulos et al. 2022):
 * `M_max ~ N^p / (2 (2p - 1)!! ln N)`, which is their `N^(n-1) / (2 (2n - 3)!! ln N)`.
 * Degree 1 is the classical Hopfield network's `N / (2 ln N)` (McEliece et al. 1987). The
 * exponent is the kernel degree p, not p - 1: `N^(p-1)` holds only when p names the energy's power.
 *
 * @throws {@link InvalidValueError} unless n >= 2 and p >= 1 are integers.
 * @example
 * ```ts
 * krotovHopfieldCapacity(100, 2); // 10000 / (6 ln 100), about 362
 * ```
 */
export function krotovHopfieldCapacity(n: number, p: number): number {
  assertPositiveInteger('n', n);
  if (n < 2) throw new InvalidValueError('n', `must be >= 2 (ln N = 0 at N = 1), got ${n}`, 'pass at least two neurons');
  assertPositiveInteger('degree', p);
  return n ** p / (2 * oddDoubleFactorial(p) * Math.log(n));
}

/**
 * `E[h^(2p)]` for `h` the sum of `n` independent +/-1 signs (exact, by the binomial sum
 * `sum_k C(n, k) 2^-n (n - 2k)^(2p)`); tends to `(2p - 1)!! n^p`.
 *
 * @example
 * ```ts
 * rademacherSumMoment(10, 1); // 10
 * ```
 */
export function rademacherSumMoment(n: number, p: number): number {
  let s = 0;
  for (let k = 0; k <= n; k++) {
    const h = Math.abs(n - 2 * k);
    if (h === 0 && p > 0) continue;
    s += Math.exp(logBinomial(n, k) - n * Math.LN2 + (h === 0 ? 0 : 2 * p * Math.log(h)));
  }
  return s;
}

/**
 * Expected error-free capacity of the dense memory of {@link krotovHopfieldCapacity} at finite
 * N, with the crosstalk taken as Gaussian: neuron i at pattern mu sees the signal `(N - 1)^p`
 * and `M - 1` crosstalk terms `xi_i^nu (xi^nu_{-i} . xi^mu_{-i})^p` of variance
 * `E[h^(2p)]` (h: a sum of N - 1 signs, {@link rademacherSumMoment}), so a bit flips with
 * `P = Phi(-(N - 1)^p / sqrt((M - 1) E[h^(2p)]))`; all N M bits stable with probability
 * `(1 - P)^(N M)`, and `E[M_max] = sum_{M >= 1} P(M_max >= M)` over nested sets. Degree 1 is
 * `hebbianErrorFreeCapacity`. The Gaussian tail is optimistic for p >= 2 at small M (the terms
 * are heavy-tailed), so measured values fall below it there.
 *
 * @example
 * ```ts
 * denseErrorFreeCapacity(32, 2); // about 60
 * ```
 */
export function denseErrorFreeCapacity(n: number, p: number): number {
  assertPositiveInteger('n', n);
  assertPositiveInteger('degree', p);
  const signal = (n - 1) ** p;
  const moment = rademacherSumMoment(n - 1, p);
  let expected = 0;
  for (let m = 1; m < 1e7; m++) {
    const pErr = m <= 1 ? 0 : normalCdf(-signal / Math.sqrt((m - 1) * moment));
    const stored = Math.exp(n * m * Math.log1p(-pErr));
    expected += stored;
    if (stored < 1e-12) break;
  }
  return expected;
}

/**
 * Feature dimension of the homogeneous polynomial kernel `h^p` on n bipolar inputs: since
 * `x_j^2 = 1`, `(x . y)^p` expands into multilinear monomials of degree `s <= p` with `s = p mod 2`
 * (all with positive weights), so `D = sum_{s <= p, s = p (mod 2)} C(n, s)`; about `n^p / p!`.
 * With the inhomogeneous `(h + c)^p`, c > 0, every `s <= p` appears. Cover's count in this
 * dimension bounds what a max-margin neuron can store (`coverCapacity`).
 *
 * @example
 * ```ts
 * polynomialFeatureDimension(15, 2);            // C(15, 2) + C(15, 0) = 106
 * polynomialFeatureDimension(15, 2, { c: 1 }); // 106 + 15 = 121
 * ```
 */
export function polynomialFeatureDimension(n: number, p: number, options: { c?: number } = {}): number {
  assertPositiveInteger('n', n);
  assertPositiveInteger('degree', p);
  const all = (options.c ?? 0) > 0;
  let d = 0;
  for (let s = 0; s <= Math.min(p, n); s++) if (all || (p - s) % 2 === 0) d += Math.round(Math.exp(logBinomial(n, s)));
  return d;
}
