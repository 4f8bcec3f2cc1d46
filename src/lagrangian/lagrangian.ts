/**
 * A neuron layer defined by its Lagrangian (Krotov and Hopfield 2021, ICLR, "Large Associative
 * Memory Problem in Neurobiology and Machine Learning", Sec. 2): a scalar function `L(x)` of the
 * layer's internal states whose gradient is the layer's activation, `g_i = dL / dx_i`. A convex
 * Lagrangian (positive semi-definite Hessian) is what makes the network energy a Lyapunov function.
 *
 * Implementations work on whole layers over flat typed arrays: `value` and `activation` read the
 * first `x.length` entries and never allocate.
 *
 * @example
 * ```ts
 * const L = logSumExpLagrangian({ beta: 2 });
 * const g = L.activation(Float64Array.of(0, 1), new Float64Array(2)); // softmax(2 x)
 * L.value(Float64Array.of(0, 1)); // (1 / 2) ln(e^0 + e^2)
 * ```
 */
export interface Lagrangian {
  /** A short name for reports, e.g. `"log-sum-exp"`. */
  readonly name: string;
  /** Hyperparameters, for reports. */
  readonly params: Readonly<Record<string, number>>;
  /**
   * `true` when `L(x) = sum_i l(x_i)`, so `g_i` depends on `x_i` alone (identity, rectified
   * polynomial, exponential, tanh); `false` when the units of the layer interact through the
   * Lagrangian (log-sum-exp, layer norm).
   */
  readonly elementwise: boolean;
  /** `L(x)`. */
  value(x: Float64Array): number;
  /** The activation `g = grad L(x)`, written into `out` (same length as `x`) and returned. */
  activation(x: Float64Array, out: Float64Array): Float64Array;
}

/**
 * The energy of one layer by itself, the Legendre transform of its Lagrangian:
 * `E_layer = sum_i x_i g_i - L(x)` with `g = grad L(x)` (Krotov and Hopfield 2021, Eq. 2).
 *
 * @param g - the activation `grad L(x)`, as computed by `lagrangian.activation(x, g)`.
 * @example
 * ```ts
 * const L = identityLagrangian();
 * const x = Float64Array.of(1, 2);
 * layerEnergy(L, x, L.activation(x, new Float64Array(2))); // (1 + 4) / 2 = 2.5
 * ```
 */
export function layerEnergy(lagrangian: Lagrangian, x: Float64Array, g: Float64Array): number {
  let e = 0;
  for (let i = 0; i < x.length; i++) e += x[i]! * g[i]!;
  return e - lagrangian.value(x);
}
