import betainc from '@stdlib/math-base-special-betainc';
import betaln from '@stdlib/math-base-special-betaln';
import erfc from '@stdlib/math-base-special-erfc';
import gammainc from '@stdlib/math-base-special-gammainc';
import gammaln from '@stdlib/math-base-special-gammaln';

/**
 * `ln C(n, k)`, the log binomial coefficient, via `ln Gamma` (stdlib).
 *
 * @example
 * ```ts
 * Math.exp(logBinomial(10, 3)); // 120
 * ```
 */
export function logBinomial(n: number, k: number): number {
  if (k < 0 || k > n) return -Infinity;
  return gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1);
}

/**
 * The binomial coefficient `C(n, k)` by the multiplicative formula, rounded: exact while the
 * result is below 2^53 (small counts such as feature dimensions).
 *
 * @example
 * ```ts
 * binomial(11, 2); // 55
 * ```
 */
export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let r = 1;
  for (let t = 0; t < k; t++) r = (r * (n - t)) / (t + 1);
  return Math.round(r);
}

/**
 * `ln(e^a + e^b)` without overflow.
 *
 * @example
 * ```ts
 * logAddExp(1000, 1000); // 1000 + ln 2
 * ```
 */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/**
 * `ln B(x; a, b)`, the log of the (non-regularised) lower incomplete beta function
 * `B(x; a, b) = int_0^x t^(a-1) (1-t)^(b-1) dt`, from stdlib's regularised `I_x(a, b)`.
 *
 * @example
 * ```ts
 * Math.exp(logIncompleteBeta(1, 0.5, 0.5)); // B(1/2, 1/2) = pi
 * ```
 */
export function logIncompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return -Infinity;
  return Math.log(betainc(Math.min(x, 1), a, b, true, false)) + betaln(a, b);
}

/**
 * The standard normal CDF `Phi(x) = erfc(-x / sqrt 2) / 2` (stdlib's erfc, full double precision).
 *
 * @example
 * ```ts
 * normalCdf(0); // 0.5
 * ```
 */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/**
 * The chi-square CDF `P(chi2_k <= x) = P(k/2, x/2)` (regularised lower incomplete gamma).
 * Property 6: at beta -> infinity a cue `xi + eps`, `eps ~ N(0, sigma^2 I_N)`, is recalled iff
 * `||eps|| < r`, which has probability `chiSquareCdf(r^2 / sigma^2, N)`.
 *
 * Uses stdlib's `gammainc` for shapes up to 1000. Above that, stdlib 0.3.1 returns wrong values
 * near `x = a` (e.g. `P(5000, 5000) = 0.4962`, true `0.50188`), so there the classical power
 * series for `P` (x < a + 1) or Lentz's continued fraction for `Q` (Numerical Recipes, sec. 6.2)
 * is used, with the prefactor `x^a e^-x / Gamma(a + 1)` in log space.
 *
 * @example
 * ```ts
 * chiSquareCdf(2, 2); // 1 - exp(-1)
 * ```
 */
export function chiSquareCdf(x: number, k: number): number {
  if (x <= 0) return 0;
  const a = k / 2;
  const z = x / 2;
  if (a <= 1000) return gammainc(z, a, true, false);
  return regularizedGammaLarge(a, z);
}

function regularizedGammaLarge(a: number, x: number): number {
  const logPrefactor = a * Math.log(x) - x - gammaln(a);
  if (x < a + 1) {
    // P(a, x) = x^a e^-x / Gamma(a + 1) * sum_n x^n / ((a + 1) ... (a + n))
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 1_000_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    return Math.min(1, sum * Math.exp(logPrefactor));
  }
  // Q(a, x) = x^a e^-x / Gamma(a) * 1 / (x + 1 - a - 1 (1 - a) / (x + 3 - a - ...)), Lentz.
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1_000_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.max(0, 1 - Math.exp(logPrefactor) * h);
}
