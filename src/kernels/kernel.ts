import { ShapeError } from '../errors.js';
/**
 * What a kernel declares it can do, so engines and training pick a fast path by declaration,
 * never by the kernel's name (a user kernel named `"linear"` with `k(h) = h^3` is not linear).
 * Every field is a promise about `k`: declaring one that does not hold gives wrong results.
 */
export interface KernelCapabilities {
  /**
   * `k(h) = h` exactly (Eq. 11): the explicit features are the inputs themselves, so a neuron's
   * field is `w . x` with `w = sum_mu c^mu xi^mu`.
   */
  readonly linear?: true;
  /**
   * `k(h) = slope h + offset` exactly: explicit features are the inputs plus one constant.
   * `linear` is the case slope 1, offset 0.
   */
  readonly affine?: { readonly slope: number; readonly offset: number };
  /**
   * `k(h + d) = k(h) exp(rate d)` (the exponential kernel, `rate = 1 / T`): after a spike a
   * network can update kernel values by multiplication instead of re-evaluating `k`.
   */
  readonly exponentialRate?: number;
}

/**
 * An inner-product kernel `K(x, y) = k(x . y)`.
 *
 * Because `k` depends on the overlap only, a recurrent network can keep the overlaps
 * `h^mu = xi^mu . s` and update them in O(M) per spike (DESIGN.md section 2).
 */
export interface InnerProductKernel {
  readonly kind: 'inner-product';
  /** Registry name, e.g. `"poly"`. */
  readonly name: string;
  /** Hyperparameters, for reports. */
  readonly params: Readonly<Record<string, number>>;
  /** `k(h)` for an overlap `h = x . y`. */
  readonly k: (h: number) => number;
  /**
   * `ln k(h)`, present for kernels whose values overflow a double (the exponential kernel).
   * Fields are then computed as `sum c^mu exp(ln k(h^mu) - max)`, scaled by a positive
   * constant that leaves `sgn` and normalised weights unchanged.
   */
  readonly logK?: (h: number) => number;
  /** What `k` declares it can do (linear, affine, exponential rate); see {@link KernelCapabilities}. */
  readonly capabilities?: KernelCapabilities;
  /**
   * `out[k] = k(h[k])` for the first `length` entries: the loop runs inside the kernel, so hot
   * callers that hold several kernels keep a monomorphic inner loop. Optional; see {@link evalK}.
   */
  readonly kBatch?: (h: Float64Array, out: Float64Array, length: number) => void;
  /** `out[k] = ln k(h[k])`, the batch form of `logK`. */
  readonly logKBatch?: (h: Float64Array, out: Float64Array, length: number) => void;
  /** Whether `K` is positive definite on distinct inputs (a Mercer kernel). */
  readonly positiveDefinite: boolean;
}

/**
 * A translation-invariant kernel `K(x, y) = g(||x - y||_2)`.
 */
export interface DistanceKernel {
  readonly kind: 'distance';
  readonly name: string;
  readonly params: Readonly<Record<string, number>>;
  /** `g(d2)` as a function of the squared distance `d2 = ||x - y||^2` (no square root needed). */
  readonly g2: (d2: number) => number;
  /** `out[k] = g2(d2[k])` for the first `length` entries (see `kBatch`). */
  readonly g2Batch?: (d2: Float64Array, out: Float64Array, length: number) => void;
  readonly positiveDefinite: boolean;
}

/**
 * Whether a kernel declares `k(h) = h` exactly ({@link KernelCapabilities.linear}); the name is
 * never consulted, so a user kernel named `"linear"` with a cubic `k` is not linear.
 *
 * @example
 * ```ts
 * isLinearKernel(linear());                                   // true
 * isLinearKernel({ ...polynomial({ degree: 3 }), name: 'linear' }); // false
 * ```
 */
export function isLinearKernel(kernel: Kernel): kernel is InnerProductKernel {
  return kernel.kind === 'inner-product' && kernel.capabilities?.linear === true;
}

/**
 * The declared affine form `k(h) = slope h + offset` of an inner-product kernel, or undefined.
 * A linear kernel is affine with slope 1 and offset 0.
 *
 * @example
 * ```ts
 * affineForm(polynomial({ degree: 1, c: 2 })); // { slope: 1, offset: 2 }
 * ```
 */
export function affineForm(kernel: Kernel): { readonly slope: number; readonly offset: number } | undefined {
  if (kernel.kind !== 'inner-product') return undefined;
  if (kernel.capabilities?.linear) return { slope: 1, offset: 0 };
  return kernel.capabilities?.affine;
}

/**
 * The declared rate of an exponential kernel (`k(h + d) = k(h) exp(rate d)`), or 0 if none.
 *
 * @example
 * ```ts
 * exponentialRate(exponential({ temperature: 4 })); // 0.25
 * ```
 */
export function exponentialRate(kernel: Kernel): number {
  return kernel.kind === 'inner-product' ? kernel.capabilities?.exponentialRate ?? 0 : 0;
}

/** Any kernel kmn can evaluate. */
export type Kernel = InnerProductKernel | DistanceKernel;

/** A dense vector as kmn stores it. */
export type Vector = Int8Array | Float64Array;

/**
 * Evaluates the kernel's scalar function on a batch: `k` for inner-product kernels, `g2` for
 * distance kernels (`log: true`: `logK`), through the kernel's batch form when it has one.
 *
 * @example
 * ```ts
 * evalK(polynomial({ degree: 2 }), Float64Array.of(1, 2, 3), out, 3); // out = [1, 4, 9]
 * ```
 */
export function evalK(kernel: Kernel, input: Float64Array, out: Float64Array, length: number, options: { log?: boolean } = {}): void {
  if (kernel.kind === 'distance') {
    if (kernel.g2Batch) return kernel.g2Batch(input, out, length);
    for (let k = 0; k < length; k++) out[k] = kernel.g2(input[k]!);
    return;
  }
  if (options.log) {
    if (kernel.logKBatch) return kernel.logKBatch(input, out, length);
    const f = kernel.logK ?? ((h: number) => Math.log(kernel.k(h)));
    for (let k = 0; k < length; k++) out[k] = f(input[k]!);
    return;
  }
  if (kernel.kBatch) return kernel.kBatch(input, out, length);
  for (let k = 0; k < length; k++) out[k] = kernel.k(input[k]!);
}

/**
 * Evaluates `K(x, y)` for two vectors of equal length (no validation: this is a kernel, not
 * an API edge).
 *
 * @example
 * ```ts
 * kernelValue(polynomial({ degree: 2, c: 1 }), x, y); // (x . y + 1)^2
 * ```
 */
export function kernelValue(kernel: Kernel, x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (y.length !== n) throw new ShapeError('y', `has length ${y.length}, x has length ${n}`, 'pass two vectors of the same length');
  if (kernel.kind === 'inner-product') {
    let h = 0;
    for (let j = 0; j < n; j++) h += x[j]! * y[j]!;
    return kernel.k(h);
  }
  let d2 = 0;
  for (let j = 0; j < n; j++) {
    const d = x[j]! - y[j]!;
    d2 += d * d;
  }
  return kernel.g2(d2);
}

/** `K` between two bipolar vectors of length `dim` at Hamming distance `d`, as a log when `log`. */
function onHypercube(kernel: Kernel, dim: number, d: number, log: boolean): number {
  if (kernel.kind === 'distance') {
    const v = kernel.g2(4 * d);
    return log ? Math.log(v) : v;
  }
  const h = dim - 2 * d;
  if (!log) return kernel.k(h);
  return kernel.logK ? kernel.logK(h) : Math.log(kernel.k(h));
}

/**
 * Whether two kernels take the same values on every pair of bipolar vectors of length `dim`
 * (the inputs of a recurrent neuron: `dim = N - 1`). On the hypercube both kinds are functions
 * of the Hamming distance d (`x . y = dim - 2d`, `||x - y||^2 = 4d`), so comparing the dim + 1
 * values of d decides it exactly, up to a relative tolerance `1e-9` (of the largest value, or of
 * the log values when either kernel has `logK`). Names are never compared.
 *
 * @example
 * ```ts
 * agreeOnHypercube(sdmHypercube({ dim: 9, radius: 3 }), linear(), 9); // false
 * agreeOnHypercube(polynomial({ degree: 1 }), linear(), 9);           // true
 * ```
 */
export function agreeOnHypercube(a: Kernel, b: Kernel, dim: number): boolean {
  const log = (a.kind === 'inner-product' && a.logK !== undefined) || (b.kind === 'inner-product' && b.logK !== undefined);
  const va = new Float64Array(dim + 1);
  const vb = new Float64Array(dim + 1);
  let scale = log ? 1 : 0;
  for (let d = 0; d <= dim; d++) {
    va[d] = onHypercube(a, dim, d, log);
    vb[d] = onHypercube(b, dim, d, log);
    if (va[d] === vb[d]) continue; // equal, including equal infinities
    if (!Number.isFinite(va[d]!) || !Number.isFinite(vb[d]!)) return false;
  }
  for (let d = 0; d <= dim; d++) {
    if (Number.isFinite(va[d]!)) scale = Math.max(scale, Math.abs(va[d]!));
    if (Number.isFinite(vb[d]!)) scale = Math.max(scale, Math.abs(vb[d]!));
  }
  for (let d = 0; d <= dim; d++) if (va[d] !== vb[d] && Math.abs(va[d]! - vb[d]!) > 1e-9 * scale) return false;
  return true;
}
