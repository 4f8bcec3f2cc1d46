import { InvalidValueError, ShapeError, assertFinite, assertPositive, assertPositiveInteger } from '../errors.js';
import { assertLength } from '../patterns/pattern-set.js';
import type { FeatureKind } from './random-features.js';

/** Options for {@link featureEstimateVariance}. */
export interface FeatureVarianceOptions {
  readonly kind: FeatureKind;
  readonly beta: number;
  readonly dim: number;
  /** Stored patterns, pattern-major (`count x dim`). */
  readonly patterns: ArrayLike<number>;
  /** The query x. */
  readonly x: ArrayLike<number>;
}

/** What {@link featureEstimateVariance} returns. */
export interface FeatureVariance {
  /** `u = sum_mu exp(-beta/2 ||x - xi^mu||^2)`, the exact kernel sum. */
  readonly mean: number;
  /** Variance of one projection's term Z_k, so `Var <phi(x), T> = variance / Y` for i.i.d. rows. */
  readonly variance: number;
}

/**
 * The exact variance of the random-feature estimate `<phi(x), T> = (1/Y) sum_k Z_k` of the kernel
 * sum `u = sum_mu K(x, xi^mu)` (Gaussian kernel, i.i.d. Gaussian rows), in closed form from the
 * Gaussian moments of `a_mu = sqrt(beta) s . y` (with `K_mn = exp(-beta/2 ||xi^m - xi^n||^2)`,
 * `P_mn = exp(-beta/2 ||2x - xi^m - xi^n||^2)`, `c_m = exp(-beta (||x||^2 + ||xi^m||^2))`,
 * `Q_mn = exp(beta/2 ||2x + xi^m + xi^n||^2)`, `R_mn = exp(beta/2 ||xi^m - xi^n||^2)`):
 * - sin-cos, `Z = sum_m cos(a_x - a_m)`: `E Z^2 = sum_mn (K_mn + P_mn) / 2`;
 * - cos, `Z = sum_m 2 cos(a_x + b) cos(a_m + b)`: the phase adds `sum_mn K_mn / 2`;
 * - exp, `Z = sum_m c_m exp(a_x + a_m)`: `E Z^2 = sum_mn c_m c_n Q_mn`;
 * - exp-exp, `Z = sum_m c_m cosh(a_x + a_m)`: `E Z^2 = sum_mn c_m c_n (Q_mn + R_mn) / 2`;
 * and `Var Z = E Z^2 - u^2`. By the delta method the energy error is then about
 * `|E~ - E| ~ (1/beta) sqrt(Var Z / Y) / u` (half-normal mean: times `sqrt(2/pi)`), the `b / sqrt(Y)`
 * law of Hoover et al. 2024 (Fig. 3) with b predicted. O(M^2 + M d).
 *
 * @throws {@link ShapeError} / {@link InvalidValueError} for inconsistent lengths or non-finite input.
 * @example
 * ```ts
 * const { mean, variance } = featureEstimateVariance({ kind: 'sin-cos', beta: 10, dim: d, patterns: X, x });
 * const expectedAbsEnergyError = Math.sqrt(2 / Math.PI) * Math.sqrt(variance / Y) / (10 * mean);
 * ```
 */
export function featureEstimateVariance(options: FeatureVarianceOptions): FeatureVariance {
  const { kind, beta, dim: d, patterns, x } = options;
  assertPositive('beta', beta);
  assertPositiveInteger('dim', d);
  assertLength('x', x, d);
  if (patterns.length % d !== 0 || patterns.length === 0) throw new ShapeError('patterns', `has ${patterns.length} entries, not a positive multiple of dim = ${d}`, 'pass patterns pattern-major, count x dim');
  assertFinite('patterns', patterns);
  assertFinite('x', x);
  if (!['cos', 'sin-cos', 'exp', 'exp-exp'].includes(kind)) throw new InvalidValueError('kind', `unknown feature kind "${String(kind)}"`, 'use cos, sin-cos, exp or exp-exp');
  const m = patterns.length / d;
  const gram = new Float64Array(m * m);
  const px = new Float64Array(m);
  let xx = 0;
  for (let j = 0; j < d; j++) xx += x[j]! * x[j]!;
  for (let a = 0; a < m; a++) {
    for (let b = 0; b <= a; b++) {
      let g = 0;
      for (let j = 0; j < d; j++) g += patterns[a * d + j]! * patterns[b * d + j]!;
      gram[a * m + b] = g;
      gram[b * m + a] = g;
    }
    let p = 0;
    for (let j = 0; j < d; j++) p += x[j]! * patterns[a * d + j]!;
    px[a] = p;
  }
  let u = 0;
  for (let a = 0; a < m; a++) u += Math.exp(-0.5 * beta * (xx + gram[a * m + a]! - 2 * px[a]!));
  let second = 0;
  for (let a = 0; a < m; a++) {
    for (let b = 0; b < m; b++) {
      const gaa = gram[a * m + a]!;
      const gbb = gram[b * m + b]!;
      const gab = gram[a * m + b]!;
      const diff2 = gaa + gbb - 2 * gab;
      if (kind === 'sin-cos' || kind === 'cos') {
        const k = Math.exp(-0.5 * beta * diff2);
        const p = Math.exp(-0.5 * beta * (4 * xx + gaa + gbb + 2 * gab - 4 * px[a]! - 4 * px[b]!));
        second += 0.5 * (k + p) + (kind === 'cos' ? 0.5 * k : 0);
      } else {
        const logC = -beta * (2 * xx + gaa + gbb);
        const q = Math.exp(logC + 0.5 * beta * (4 * xx + gaa + gbb + 2 * gab + 4 * px[a]! + 4 * px[b]!));
        second += kind === 'exp' ? q : 0.5 * (q + Math.exp(logC + 0.5 * beta * diff2));
      }
    }
  }
  return { mean: u, variance: second - u * u };
}
