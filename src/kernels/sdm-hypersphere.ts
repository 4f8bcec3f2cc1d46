import { InvalidValueError, assertPositiveInteger } from '../errors.js';
import { gaussLegendre } from '../linalg/gauss-legendre.js';
import { logIncompleteBeta } from '../linalg/special.js';
import type { InnerProductKernel } from './kernel.js';

/** Options for {@link sdmHypersphere} and {@link sdmHypersphereApprox}. */
export interface SdmHypersphereOptions {
  /** Input dimension N_in >= 3 (addresses and inputs lie on the sphere S^(N_in - 1)). */
  readonly dim: number;
  /** Activation threshold b in (0, 1): an address z is active for x when z . x >= b. */
  readonly b: number;
  /** Gauss-Legendre points per panel for Eq. 17. Defaults to 24. */
  readonly order?: number;
  /** Panels for Eq. 17. Defaults to 6. */
  readonly panels?: number;
}

function checkOptions(options: SdmHypersphereOptions): void {
  assertPositiveInteger('dim', options.dim);
  if (options.dim < 3) throw new InvalidValueError('dim', `must be >= 3 for the hypersphere SDM kernel, got ${options.dim}`, 'use dim >= 3');
  if (!(options.b > 0 && options.b < 1)) throw new InvalidValueError('b', `must lie in (0, 1), got ${options.b}`, 'pass a threshold 0 < b < 1 (caps smaller than a hemisphere)');
}

/**
 * The kernel of an infinite SDM with addresses uniform on the unit sphere (Property 3.2, Eq. 17):
 * the fraction of the sphere lying in both caps `{z : z . x >= b}` and `{z : z . y >= b}`,
 *
 * `K = (N - 2)/(2 pi) int_{alpha_x}^{alpha_b} sin(phi)^(N-2) B[1 - tan^2(alpha_x)/tan^2(phi); (N-2)/2, 1/2] dphi`
 *
 * with `alpha_x = arccos(x . y) / 2`, `alpha_b = arccos(b)` and `B` the non-regularised incomplete
 * beta function. Integrated by Gauss-Legendre after the substitution
 * `phi = alpha_x + (alpha_b - alpha_x) t^2`, which removes the square-root behaviour at the lower
 * end; evaluated in log space so large N does not underflow.
 *
 * @param h - the overlap `x . y` of two unit vectors.
 * @throws {@link InvalidValueError} if `dim < 3` or `b` is outside (0, 1).
 * @example
 * ```ts
 * sdmHypersphereValue({ dim: 3, b: 0.5 }, 1); // cap fraction (1 - b) / 2 = 0.25
 * ```
 */
export function sdmHypersphereValue(options: SdmHypersphereOptions, h: number): number {
  checkOptions(options);
  const n = options.dim;
  const alphaX = 0.5 * Math.acos(Math.min(1, Math.max(-1, h)));
  const alphaB = Math.acos(options.b);
  if (alphaX >= alphaB) return 0;
  const a = (n - 2) / 2;
  const tanX2 = Math.tan(alphaX) ** 2;
  const width = alphaB - alphaX;
  const { nodes, weights } = gaussLegendre(options.order ?? 24);
  const panels = options.panels ?? 6;
  // Scale by the integrand's bound at phi = alpha_b (the incomplete beta is at most complete).
  const shift = (n - 2) * Math.log(Math.sin(alphaB)) + logIncompleteBeta(1, a, 0.5);
  let sum = 0;
  for (let p = 0; p < panels; p++) {
    for (let k = 0; k < nodes.length; k++) {
      const t = (p + 0.5 * (nodes[k]! + 1)) / panels;
      const phi = alphaX + width * t * t;
      const x = 1 - tanX2 / Math.tan(phi) ** 2;
      const logF = (n - 2) * Math.log(Math.sin(phi)) + logIncompleteBeta(x, a, 0.5);
      sum += weights[k]! * Math.exp(logF - shift) * 2 * width * t;
    }
  }
  sum *= 0.5 / panels;
  return ((n - 2) / (2 * Math.PI)) * sum * Math.exp(shift);
}

/**
 * The hypersphere SDM kernel (Eq. 17) as an inner-product kernel of unit vectors.
 *
 * @example
 * ```ts
 * const K = sdmHypersphere({ dim: 16, b: 0.6 });
 * K.k(0.9); // fraction of addresses in both caps of two inputs with x . y = 0.9
 * ```
 */
export function sdmHypersphere(options: SdmHypersphereOptions): InnerProductKernel {
  checkOptions(options);
  return { kind: 'inner-product', name: 'sdm-hypersphere', params: { dim: options.dim, b: options.b }, k: (h) => sdmHypersphereValue(options, h), positiveDefinite: false };
}

/**
 * The sparse-regime closed form of the hypersphere SDM kernel (Eq. 18), valid for
 * `0.9 <~ b < 1`: `K ~ b_hat^(N-1)/(2 pi) B[1 - (Delta/b_hat)^2; N/2, 1/2]` with
 * `Delta = ||x - y||/2 = sqrt((1 - x . y)/2)` and `b_hat = sin(arccos b)`; `B` is the
 * non-regularised incomplete beta function.
 *
 * Accuracy (measured against Eq. 17 for N = 4..256): Eq. 18 always underestimates. At `x = y`
 * the ratio Eq. 18 / Eq. 17 lies in `[b, 1]` (about `b` for large N); where Eq. 17 has fallen to a
 * fraction `q` of its peak, the relative error is about `-(1 - b q^(1/b^2 - 1))` (b = 0.9: -10% at
 * the peak, -18% at half the peak, -39% at a tenth), and it tends to -100% in the far tail as N
 * grows. The error shrinks linearly as `b -> 1`. Use Eq. 17 ({@link sdmHypersphere}) when
 * accuracy matters.
 *
 * @example
 * ```ts
 * sdmHypersphereApprox({ dim: 16, b: 0.95 }).k(0.99);
 * ```
 */
export function sdmHypersphereApprox(options: SdmHypersphereOptions): InnerProductKernel {
  checkOptions(options);
  const n = options.dim;
  const bHat = Math.sin(Math.acos(options.b));
  const logPrefactor = (n - 1) * Math.log(bHat) - Math.log(2 * Math.PI);
  const k = (h: number): number => {
    const delta = Math.sqrt(Math.max(0, (1 - h) / 2));
    if (delta >= bHat) return 0;
    return Math.exp(logPrefactor + logIncompleteBeta(1 - (delta / bHat) ** 2, n / 2, 0.5));
  };
  return { kind: 'inner-product', name: 'sdm-hypersphere-approx', params: { dim: n, b: options.b }, k, positiveDefinite: false };
}
