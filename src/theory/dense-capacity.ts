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
 * `P(S >= a)` for `S` the sum of `m` independent crosstalk terms `s h^p` (s a random sign, h a sum
 * of `n` independent signs), by the Lugannani-Rice saddle-point formula (Lugannani and Rice 1980;
 * Butler, "Saddlepoint Approximations with Applications", 2007, ch. 1) on the exact cumulant
 * generating function `K(t) = ln E[cosh(t h^p)]` (binomial sum). Unlike the Gaussian tail it keeps
 * the heavy tail of `h^p` for p >= 2, which is what decides the error-free capacity at small M.
 * 0 when `a` exceeds the largest possible sum `m n^p`.
 *
 * @example
 * ```ts
 * crosstalkTail(31, 2, 40, 31 ** 2); // the chance that 40 crosstalk terms outweigh the signal
 * ```
 */
export function crosstalkTail(n: number, p: number, m: number, a: number): number {
  return tailFunction(n, p)(m, a);
}

/** The saddle-point tail for one (n, p), with the term distribution tabulated once. */
function tailFunction(n: number, p: number): (m: number, a: number) => number {
  const values = new Float64Array(n + 1);
  const logW = new Float64Array(n + 1);
  let maxV = 0;
  for (let k = 0; k <= n; k++) {
    values[k] = Math.abs(n - 2 * k) ** p;
    logW[k] = logBinomial(n, k) - n * Math.LN2;
    maxV = Math.max(maxV, values[k]!);
  }
  const out = { k: 0, k1: 0, k2: 0 };
  const cgf = (t: number): typeof out => {
    let mx = -Infinity;
    for (let i = 0; i <= n; i++) mx = Math.max(mx, logW[i]! + t * values[i]!);
    let z = 0;
    let z1 = 0;
    let z2 = 0;
    for (let i = 0; i <= n; i++) {
      const v = values[i]!;
      const ep = Math.exp(logW[i]! + t * v - mx);
      const em = Math.exp(logW[i]! - t * v - mx);
      z += (ep + em) / 2;
      z1 += (v * (ep - em)) / 2;
      z2 += (v * v * (ep + em)) / 2;
    }
    out.k1 = z1 / z;
    out.k = mx + Math.log(z);
    out.k2 = z2 / z - out.k1 * out.k1;
    return out;
  };
  return (m, a) => {
    if (m <= 0) return a <= 0 ? 1 : 0;
    const target = a / m;
    if (target >= maxV) return 0;
    if (target <= 0) return 0.5;
    // The saddle point t > 0 solves K'(t) = a / m (K' increases from 0 to max h^p): bracket, then
    // Newton steps kept inside the bracket.
    let lo = 0;
    let hi = 1 / maxV;
    while (cgf(hi).k1 < target) {
      lo = hi;
      hi *= 2;
    }
    let t = (lo + hi) / 2;
    for (let it = 0; it < 100; it++) {
      const { k1, k2 } = cgf(t);
      if (k1 < target) lo = t;
      else hi = t;
      let next = k2 > 0 ? t - (k1 - target) / k2 : (lo + hi) / 2;
      if (!(next > lo && next < hi)) next = (lo + hi) / 2;
      if (Math.abs(next - t) <= 1e-13 * t || hi - lo <= 1e-13 * hi) {
        t = next;
        break;
      }
      t = next;
    }
    const { k, k2 } = cgf(t);
    const rate = t * a - m * k;
    if (!(rate > 0) || !(k2 > 0)) return 0.5;
    const w = Math.sqrt(2 * rate);
    const u = t * Math.sqrt(m * k2);
    if (w < 1e-6) return 0.5;
    return Math.min(1, Math.max(0, 1 - normalCdf(w) + (Math.exp((-w * w) / 2) / Math.sqrt(2 * Math.PI)) * (1 / u - 1 / w)));
  };
}

/** Pure function of (n, p, tail): memoised, since scenarios ask for the same sizes often. */
const capacityCache = new Map<string, number>();

/** Options of {@link denseErrorFreeCapacity}. */
export interface DenseCapacityOptions {
  /** How the crosstalk tail is computed: `'saddle-point'` ({@link crosstalkTail}, default) or `'gaussian'`. */
  readonly tail?: 'saddle-point' | 'gaussian';
}

/**
 * Expected error-free capacity of the dense memory of {@link krotovHopfieldCapacity} at finite
 * N: neuron i at pattern mu sees the signal `(N - 1)^p` and `M - 1` crosstalk terms
 * `xi_i^nu (xi^nu_{-i} . xi^mu_{-i})^p`, so a bit flips with `P = P(S >= (N - 1)^p)`; all N M
 * bits stable with probability `(1 - P)^(N M)` (bits taken as independent), and
 * `E[M_max] = sum_{M >= 1} P(M_max >= M)` over nested sets. The tail is the saddle-point one of
 * {@link crosstalkTail} by default; `tail: 'gaussian'` uses `Phi(-(N - 1)^p / sqrt((M - 1) E[h^(2p)]))`
 * ({@link rademacherSumMoment}), which is `hebbianErrorFreeCapacity` at p = 1 and overestimates
 * the capacity for p >= 2 at small M (by 25% for p = 3 at N = 24), where the heavy tail of h^p matters.
 *
 * @example
 * ```ts
 * denseErrorFreeCapacity(32, 2); // about 29
 * ```
 */
export function denseErrorFreeCapacity(n: number, p: number, options: DenseCapacityOptions = {}): number {
  assertPositiveInteger('n', n);
  assertPositiveInteger('degree', p);
  const gaussian = options.tail === 'gaussian';
  const key = `${n}|${p}|${gaussian}`;
  const cached = capacityCache.get(key);
  if (cached !== undefined) return cached;
  const signal = (n - 1) ** p;
  const moment = rademacherSumMoment(n - 1, p);
  const tail = gaussian ? null : tailFunction(n - 1, p);
  let expected = 0;
  for (let m = 1; m < 1e7; m++) {
    const pErr = m <= 1 ? 0 : tail ? tail(m - 1, signal) : normalCdf(-signal / Math.sqrt((m - 1) * moment));
    const stored = Math.exp(n * m * Math.log1p(-pErr));
    expected += stored;
    if (stored < 1e-12) break;
  }
  capacityCache.set(key, expected);
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
