import type { Kernel } from '../kernels/kernel.js';
import type { BipolarPatterns } from '../patterns/pattern-set.js';
import type { Rng } from '../rng/rng.js';

/** What a neuron model sees once, when a network is built: its own slice of the stored memory. */
export interface NeuronContext {
  /** This neuron's index i. */
  readonly index: number;
  /** Network size N. */
  readonly size: number;
  /** The stored patterns (pattern-major). Neuron i's target in pattern mu is `xi_i^mu`. */
  readonly patterns: BipolarPatterns;
  /** This neuron's coefficients `alpha_i^mu` (length M; ones for A = 1). */
  readonly alpha: Float64Array;
  /** This neuron's threshold `theta_i`. */
  readonly theta: number;
  /** Random source for models with random structure (e.g. SDM addresses); derived per neuron. */
  readonly rng: Rng;
}

/**
 * A neuron's field as a function of the network state, on its true scale (Glauber noise uses its
 * magnitude; beyond the double range return `+/-Infinity` with the right sign, never `NaN`). It
 * must not read `state[index]` (kernel memory networks have no self-connections) and must not
 * allocate: it runs once per update.
 *
 * @example
 * ```ts
 * const field: NeuronField = (s) => s[1]! + s[2]!; // neuron 0 of a three-neuron Hebbian memory of (1, 1, 1)
 * ```
 */
export type NeuronField = (state: Int8Array) => number;

/**
 * A neuron model, d3-force style: a plain object whose `initialize` runs once per neuron,
 * precomputes what it needs into typed arrays, and returns the hot field function. The neuron
 * fires `sgn(field)` (`sgn(0) = +1`, or the network's tie rule).
 *
 * @example
 * ```ts
 * const hebbianPoint: NeuronModel = {
 *   name: 'my-point',
 *   kernelFor: () => linear(),
 *   initialize({ index, size, patterns, alpha, theta }) {
 *     const w = new Float64Array(size);
 *     for (let mu = 0; mu < patterns.count; mu++)
 *       for (let j = 0; j < size; j++) if (j !== index) w[j]! += alpha[mu]! * patterns.data[mu * size + index]! * patterns.data[mu * size + j]!;
 *     return (s) => { let h = -theta; for (let j = 0; j < size; j++) h += w[j]! * s[j]!; return h; };
 *   },
 * };
 * const net = recurrentNetwork({ patterns: X, kernel: linear(), neuron: hebbianPoint });
 * ```
 */
export interface NeuronModel {
  /** The model's name (its registry name for the built-ins). */
  readonly name: string;
  /**
   * The kernel whose dual coefficients this model's field uses in a network of `size` neurons
   * (each neuron reads the other `size - 1`): the field is
   * `sum_mu alpha^mu xi_i^mu K(xi^mu_{-i}, s_{-i}) - theta_i`, exactly or in expectation (the SDM
   * unit tends to `sdmHypercube({ dim: size - 1, radius })`, Eq. 15-16). Training must fit
   * coefficients with this kernel: a network whose kernel differs from it on the hypercube is a
   * typed error, and so is `setCoefficients` with coefficients trained for another kernel.
   * Models without a kernel form leave it out (then nothing is checked).
   */
  kernelFor?(size: number): Kernel;
  /** Precomputes neuron `context.index`'s parameters once and returns its field function. */
  initialize(context: NeuronContext): NeuronField;
}
