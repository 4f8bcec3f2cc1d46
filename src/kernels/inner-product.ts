import { InvalidValueError, assertPositive, assertPositiveInteger } from '../errors.js';
import type { InnerProductKernel } from './kernel.js';

/**
 * Linear kernel `k(h) = h`: the classical Hopfield network (Eq. 11).
 *
 * @example
 * ```ts
 * linear().k(3); // 3
 * ```
 */
export function linear(): InnerProductKernel {
  return { kind: 'inner-product', name: 'linear', params: {}, k: (h) => h, kBatch: (h, out, n) => { for (let i = 0; i < n; i++) out[i] = h[i]!; }, capabilities: { linear: true }, positiveDefinite: false };
}

/** Options for {@link polynomial}. */
export interface PolynomialOptions {
  /** Degree p >= 1. */
  readonly degree: number;
  /** Offset c >= 0; `c = 0` is the homogeneous kernel `h^p`. Defaults to 0. */
  readonly c?: number;
}

/**
 * Polynomial kernel `k(h) = (h + c)^p`: homogeneous for c = 0 (the Krotov-Hopfield dense memory
 * with energy `F(x) = x^(p+1)`, since `k = F'` by Eq. 19: with A = 1 it stores about
 * `N^p / (2 (2p-1)!! ln N)` patterns, `krotovHopfieldCapacity`), inhomogeneous for c > 0 (the
 * sigma-pi unit of Sec. 5; max-margin training stores up to Cover's count in its feature dimension ~ N^p / p!).
 *
 * @example
 * ```ts
 * polynomial({ degree: 3 }).k(2);       // 8
 * polynomial({ degree: 2, c: 1 }).k(2); // 9
 * ```
 */
export function polynomial(options: PolynomialOptions): InnerProductKernel {
  const p = options.degree;
  const c = options.c ?? 0;
  assertPositiveInteger('degree', p);
  if (!Number.isFinite(c) || c < 0) throw new InvalidValueError('c', `must be a finite number >= 0, got ${c}`, 'pass c >= 0');
  const k = p === 1 ? (h: number) => h + c : p === 2 ? (h: number) => (h + c) * (h + c) : p === 3 ? (h: number) => (h + c) * (h + c) * (h + c) : (h: number) => (h + c) ** p;
  const kBatch = (h: Float64Array, out: Float64Array, n: number): void => {
    for (let i = 0; i < n; i++) {
      const x = h[i]! + c;
      let v = x;
      for (let e = 1; e < p; e++) v *= x;
      out[i] = v;
    }
  };
  const capabilities = p === 1 ? (c === 0 ? { linear: true as const } : { affine: { slope: 1, offset: c } }) : undefined;
  return { kind: 'inner-product', name: 'poly', params: { degree: p, c }, k, kBatch, ...(capabilities ? { capabilities } : {}), positiveDefinite: false };
}

/** Options for {@link rectifiedPolynomial}. */
export interface RectifiedPolynomialOptions {
  /** Degree p >= 1. */
  readonly degree: number;
}

/**
 * Rectified polynomial `k(h) = max(h, 0)^p` (Krotov and Hopfield 2016).
 *
 * @example
 * ```ts
 * rectifiedPolynomial({ degree: 2 }).k(-3); // 0
 * ```
 */
export function rectifiedPolynomial(options: RectifiedPolynomialOptions): InnerProductKernel {
  const p = options.degree;
  assertPositiveInteger('degree', p);
  const kBatch = (h: Float64Array, out: Float64Array, n: number): void => {
    for (let i = 0; i < n; i++) {
      const x = h[i]!;
      let v = x > 0 ? x : 0;
      for (let e = 1; e < p; e++) v *= x;
      out[i] = x > 0 ? v : 0;
    }
  };
  return { kind: 'inner-product', name: 'rectified-poly', params: { degree: p }, k: (h) => (h > 0 ? h ** p : 0), kBatch, positiveDefinite: false };
}

/** Options for {@link exponential}. */
export interface ExponentialOptions {
  /** Temperature T > 0. Defaults to 1. */
  readonly temperature?: number;
}

/**
 * Exponential kernel `k(h) = exp(h / T)` (Demircigil et al. 2017; exponential capacity).
 * It overflows a double once `h / T > 709`, so it also carries `logK(h) = h / T`; kmn's batch
 * forms and the overlap engine evaluate it shifted by the largest log-value.
 *
 * @example
 * ```ts
 * exponential({ temperature: 10 }).logK!(10_000); // 1000, while k(10000) is Infinity
 * ```
 */
export function exponential(options: ExponentialOptions = {}): InnerProductKernel {
  const t = options.temperature ?? 1;
  assertPositive('temperature', t);
  const inv = 1 / t;
  return { kind: 'inner-product', name: 'exp', params: { temperature: t }, k: (h) => Math.exp(h * inv), logK: (h) => h * inv,
    kBatch: (h, out, n) => { for (let i = 0; i < n; i++) out[i] = Math.exp(h[i]! * inv); },
    logKBatch: (h, out, n) => { for (let i = 0; i < n; i++) out[i] = h[i]! * inv; },
    capabilities: { exponentialRate: inv }, positiveDefinite: true };
}
