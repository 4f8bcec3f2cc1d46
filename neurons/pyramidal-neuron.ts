import { InvalidValueError } from '../src/errors.js';
import type { Kernel } from '../src/kernels/kernel.js';
import { kernelFormNeuron } from '../src/network/kernel-form-neuron.js';
import type { NeuronModel } from '../src/network/neuron-model.js';

/** Options for {@link pyramidalNeuron}. */
export interface PyramidalOptions {
  /** The dendritic subunit nonlinearity, as an inner-product kernel `k(x . y)`. */
  readonly kernel: Kernel;
}

/**
 * The two-layer pyramidal unit (Poirazi, Brannon and Mel 2003) in the kernel form of Eq. 12:
 * one dendritic subunit per stored pattern mu, with synaptic weights `xi_j^mu` (j != i) and
 * nonlinearity k, and a soma summing `alpha_i^mu xi_i^mu k(sum_{j != i} xi_j^mu s_j)` against
 * `theta_i`. It is the engine's reference implementation of Eq. 12 (`kernelFormNeuron`),
 * restricted to inner-product subunits: O(N M) per field (the overlap engine computes the same
 * fields in O(M)). Exponential subunits are summed shifted by the largest, so the field never
 * becomes NaN; beyond the double range it saturates to +/-Infinity with its sign kept.
 * It declares its kernel (`kernelFor`), so coefficients must be trained with that kernel.
 *
 * @throws {@link InvalidValueError} for a translation-invariant kernel.
 * @example
 * ```ts
 * const net = recurrentNetwork({ patterns: X, neuron: pyramidalNeuron({ kernel: polynomial({ degree: 3 }) }), rng });
 * ```
 */
export function pyramidalNeuron(options: PyramidalOptions): NeuronModel {
  const kernel = options.kernel;
  if (kernel.kind !== 'inner-product') {
    throw new InvalidValueError('kernel', `the pyramidal unit's subunits take inner products; ${kernel.name} is translation-invariant`, 'pass an inner-product kernel (linear, poly, exp, ...)');
  }
  return { ...kernelFormNeuron({ kernel }), name: 'pyramidal' };
}
