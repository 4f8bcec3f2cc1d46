import { assertPositive } from '../errors.js';
import type { DistanceKernel } from './kernel.js';

/** Options for {@link expBeta}. */
export interface ExpBetaOptions {
  /** Radius of attraction r > 0. */
  readonly r: number;
  /** Steepness (inverse temperature) beta, with 0 < beta <= 2 for positive definiteness. */
  readonly beta: number;
}

/**
 * Exponential power kernel `K = exp(-(||x - y|| / r)^beta)` (Eq. 21). For `0 < beta <= 2` its
 * kernel matrix on distinct points is positive definite (Micchelli 1986), so `K^-1` exists.
 * Larger beta (the paper's low-temperature analysis) is still evaluated, but is not PD in general.
 *
 * @example
 * ```ts
 * expBeta({ r: 2, beta: 1 }).g2(4); // exp(-1)
 * ```
 */
export function expBeta(options: ExpBetaOptions): DistanceKernel {
  const { r, beta } = options;
  assertPositive('r', r);
  assertPositive('beta', beta);
  const half = beta / 2;
  const scale = 1 / (r * r);
  const g2 = (d2: number): number => Math.exp(-((d2 * scale) ** half));
  return { kind: 'distance', name: 'exp-beta', params: { r, beta }, g2, g2Batch: (d2, out, n) => { for (let i = 0; i < n; i++) out[i] = Math.exp(-((d2[i]! * scale) ** half)); }, positiveDefinite: beta <= 2 };
}

/** Options for {@link gaussian} and {@link laplacian}. */
export interface LengthScaleOptions {
  /** Length scale sigma > 0. */
  readonly sigma: number;
}

/**
 * Gaussian kernel `K = exp(-||x - y||^2 / (2 sigma^2))` (Exp_beta with beta = 2, r = sqrt(2) sigma).
 *
 * @example
 * ```ts
 * gaussian({ sigma: 1 }).g2(2); // exp(-1)
 * ```
 */
export function gaussian(options: LengthScaleOptions): DistanceKernel {
  assertPositive('sigma', options.sigma);
  const inv = 1 / (2 * options.sigma * options.sigma);
  return { kind: 'distance', name: 'gaussian', params: { sigma: options.sigma }, g2: (d2) => Math.exp(-d2 * inv), positiveDefinite: true };
}

/**
 * Laplacian kernel `K = exp(-||x - y|| / sigma)` (Exp_beta with beta = 1, r = sigma).
 *
 * @example
 * ```ts
 * laplacian({ sigma: 2 }).g2(4); // exp(-1)
 * ```
 */
export function laplacian(options: LengthScaleOptions): DistanceKernel {
  assertPositive('sigma', options.sigma);
  const inv = 1 / options.sigma;
  return { kind: 'distance', name: 'laplacian', params: { sigma: options.sigma }, g2: (d2) => Math.exp(-Math.sqrt(d2) * inv), positiveDefinite: true };
}
