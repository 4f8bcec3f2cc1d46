// Scalar JavaScript references (and fallbacks) of the f64 SIMD kernels; the Int8 ones are the
// overlap engine's own loops in src/network/hot-loops.ts.

/**
 * `sum_i a[i] b[i]` over `i < n`, summed in index order (the scalar reference of the SIMD `dotF64`).
 *
 * @example
 * ```ts
 * dotF64(Float64Array.of(1, 2), Float64Array.of(3, 4), 2); // 11
 * ```
 */
export function dotF64(a: Float64Array, b: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * `y[i] += alpha x[i]` for `i < n` (BLAS axpy; the scalar reference of the SIMD `axpyF64`).
 *
 * @example
 * ```ts
 * const y = Float64Array.of(1, 1);
 * axpyF64(y, Float64Array.of(2, 3), 0.5, 2); // y = [2, 2.5]
 * ```
 */
export function axpyF64(y: Float64Array, x: Float64Array, alpha: number, n: number): void {
  for (let i = 0; i < n; i++) y[i]! += alpha * x[i]!;
}
