import { InvalidValueError } from '../errors.js';
import type { Patterns } from '../patterns/pattern-set.js';
import { gramFromOverlaps, overlapMatrix } from './gram.js';
import type { Kernel } from './kernel.js';

/**
 * Overlaps `h^mu = xi^mu . s` of every pattern with a state (`out`, length M).
 *
 * @example
 * ```ts
 * const h = overlaps(X, s); // h[mu] = sum_j X[mu, j] s[j]
 * ```
 */
export function overlaps(patterns: Patterns, s: ArrayLike<number>, out: Float64Array = new Float64Array(patterns.count)): Float64Array {
  const { count: m, dim: n, data } = patterns;
  for (let mu = 0; mu < m; mu++) {
    const base = mu * n;
    let h = 0;
    for (let j = 0; j < n; j++) h += data[base + j]! * s[j]!;
    out[mu] = h;
  }
  return out;
}

/**
 * Squared distances `||xi^mu - s||^2` of every pattern to a state (`out`, length M).
 *
 * @example
 * ```ts
 * const d2 = squaredDistances(X, s, new Float64Array(X.count));
 * ```
 */
export function squaredDistances(patterns: Patterns, s: ArrayLike<number>, out: Float64Array = new Float64Array(patterns.count)): Float64Array {
  const { count: m, dim: n, data } = patterns;
  for (let mu = 0; mu < m; mu++) {
    const base = mu * n;
    let d2 = 0;
    for (let j = 0; j < n; j++) {
      const d = data[base + j]! - s[j]!;
      d2 += d * d;
    }
    out[mu] = d2;
  }
  return out;
}

/**
 * The kernel vector `K(X, s)`: `out[mu] = K(xi^mu, s)`.
 * For the exponential kernel prefer {@link scaledKernelVector}, which cannot overflow.
 *
 * @example
 * ```ts
 * const kv = kernelVector(X, s, expBeta({ r: 3, beta: 2 }));
 * ```
 */
export function kernelVector(patterns: Patterns, s: ArrayLike<number>, kernel: Kernel, out: Float64Array = new Float64Array(patterns.count)): Float64Array {
  if (kernel.kind === 'inner-product') {
    overlaps(patterns, s, out);
    const k = kernel.k;
    for (let mu = 0; mu < out.length; mu++) out[mu] = k(out[mu]!);
  } else {
    squaredDistances(patterns, s, out);
    const g2 = kernel.g2;
    for (let mu = 0; mu < out.length; mu++) out[mu] = g2(out[mu]!);
  }
  return out;
}

/**
 * The kernel vector scaled by a positive constant so that nothing overflows:
 * `out[mu] = K(xi^mu, s) exp(-shift)`, and the return value is `shift`. For kernels with a
 * `logK` (the exponential), `shift = max_mu ln K(xi^mu, s)`; otherwise `shift = 0`.
 * Signs of fields and normalised weights are unaffected by the scale.
 *
 * @example
 * ```ts
 * const w = new Float64Array(X.count);
 * const shift = scaledKernelVector(X, s, exponential({ temperature: 1 }), w); // max(w) === 1
 * ```
 */
export function scaledKernelVector(patterns: Patterns, s: ArrayLike<number>, kernel: Kernel, out: Float64Array): number {
  if (kernel.kind !== 'inner-product' || !kernel.logK) {
    kernelVector(patterns, s, kernel, out);
    return 0;
  }
  overlaps(patterns, s, out);
  const logK = kernel.logK;
  let max = -Infinity;
  for (let mu = 0; mu < out.length; mu++) {
    const v = logK(out[mu]!);
    out[mu] = v;
    if (v > max) max = v;
  }
  for (let mu = 0; mu < out.length; mu++) out[mu] = Math.exp(out[mu]! - max);
  return max;
}

/**
 * The kernel matrix `K(X, X)`, row-major M x M (symmetric; each pair evaluated once). Built from
 * the overlap matrix (`gramFromOverlaps`, the same code that gives every neuron its kernel matrix
 * in training) for inner-product kernels and for bipolar patterns, where the overlaps are exact;
 * translation-invariant kernels on continuous patterns take `||x - y||^2` directly, because
 * `||x||^2 + ||y||^2 - 2 x . y` loses the digits of nearby patterns to cancellation.
 *
 * @throws {@link InvalidValueError} if a value overflows (exponential kernel at too low a temperature).
 * @example
 * ```ts
 * const K = kernelMatrix(X, polynomial({ degree: 3, c: 1 })); // K[mu * M + nu]
 * ```
 */
export function kernelMatrix(patterns: Patterns, kernel: Kernel, out: Float64Array = new Float64Array(patterns.count * patterns.count)): Float64Array {
  const { count: m, dim: n, data } = patterns;
  const overflow = (mu: number, nu: number): InvalidValueError =>
    new InvalidValueError('kernel', `${kernel.name} kernel overflows at patterns (${mu}, ${nu})`, 'raise the temperature or normalise the patterns');
  if (kernel.kind === 'inner-product' || patterns.kind === 'bipolar') {
    let logScale: number;
    try {
      logScale = gramFromOverlaps(overlapMatrix(patterns), null, m, kernel, 0, out);
    } catch {
      throw overflow(0, 0);
    }
    if (logScale !== 0) {
      const f = Math.exp(logScale);
      for (let k = 0; k < m * m; k++) {
        out[k]! *= f;
        if (!Number.isFinite(out[k]!)) throw overflow(Math.floor(k / m), k % m);
      }
    }
    return out;
  }
  for (let mu = 0; mu < m; mu++) {
    const a = mu * n;
    for (let nu = mu; nu < m; nu++) {
      const b = nu * n;
      let d2 = 0;
      for (let j = 0; j < n; j++) {
        const d = data[a + j]! - data[b + j]!;
        d2 += d * d;
      }
      const v = kernel.g2(d2);
      if (!Number.isFinite(v)) throw overflow(mu, nu);
      out[mu * m + nu] = v;
      out[nu * m + mu] = v;
    }
  }
  return out;
}
