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
  /**
   * Set when `k(h + d) = k(h) exp(rate d)` (the exponential kernel, `rate = 1 / T`): a network
   * can then update kernel values after a spike by multiplication instead of re-evaluating `k`.
   */
  readonly exponentialRate?: number;
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
