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
  readonly positiveDefinite: boolean;
}

/** Any kernel kmn can evaluate. */
export type Kernel = InnerProductKernel | DistanceKernel;

/** A dense vector as kmn stores it. */
export type Vector = Int8Array | Float64Array;

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
