import { InvalidValueError, assertPositive } from '../errors.js';
import type { Lagrangian } from './lagrangian.js';

/** Options for {@link layerNormLagrangian}. */
export interface LayerNormLagrangianOptions {
  /** Scale gamma > 0 of the normalised activation. Defaults to 1. */
  readonly gamma?: number;
  /** Shift delta added to every activation. Defaults to 0. */
  readonly delta?: number;
  /** Regulariser eps > 0 inside the square root (no division by zero). Defaults to 1e-5. */
  readonly eps?: number;
}

/**
 * The layer-norm Lagrangian `L(x) = gamma D sqrt(var(x) + eps) + delta sum_i x_i`, with
 * `var(x) = (1/D) sum_i (x_i - mean(x))^2`, whose activation is layer normalisation,
 * `g_i = gamma (x_i - mean(x)) / sqrt(var(x) + eps) + delta` (Krotov and Hopfield 2021, Model C
 * uses the related spherical normalisation; Hoover et al., HAMUX, `lagr_layernorm`). It is convex
 * (a norm of an affine map, regularised), so the energy still descends; the units of the layer
 * interact through the shared mean and variance.
 *
 * @throws {@link InvalidValueError} unless `gamma`, `eps` are finite and > 0 and `delta` is finite.
 * @example
 * ```ts
 * const g = layerNormLagrangian({ eps: 1e-12 }).activation(Float64Array.of(1, 3), new Float64Array(2)); // ~[-1, 1]
 * ```
 */
export function layerNormLagrangian(options: LayerNormLagrangianOptions = {}): Lagrangian {
  const gamma = options.gamma ?? 1;
  const delta = options.delta ?? 0;
  const eps = options.eps ?? 1e-5;
  assertPositive('gamma', gamma);
  assertPositive('eps', eps);
  if (!Number.isFinite(delta)) throw new InvalidValueError('delta', `must be finite, got ${delta}`, 'pass a finite shift such as 0');
  // root(x) returns sqrt(var(x) + eps) and leaves mean(x) in `mean` (no allocation per call).
  let mean = 0;
  const root = (x: Float64Array): number => {
    const d = x.length;
    mean = 0;
    for (let i = 0; i < d; i++) mean += x[i]!;
    mean /= d;
    let v = 0;
    for (let i = 0; i < d; i++) v += (x[i]! - mean) ** 2;
    return Math.sqrt(v / d + eps);
  };
  return {
    name: 'layer-norm',
    params: { gamma, delta, eps },
    elementwise: false,
    value(x) {
      if (x.length === 0) return 0;
      const r = root(x);
      return gamma * x.length * r + delta * x.length * mean;
    },
    activation(x, out) {
      if (x.length === 0) return out;
      const scale = gamma / root(x);
      for (let i = 0; i < x.length; i++) out[i] = scale * (x[i]! - mean) + delta;
      return out;
    },
  };
}
