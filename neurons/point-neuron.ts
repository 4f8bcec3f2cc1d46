import { linear } from '../src/kernels/inner-product.js';
import type { NeuronModel } from '../src/network/neuron-model.js';

/**
 * The point neuron of the classical Hopfield network (linear kernel, Eq. 11): synaptic weights
 * `w_ij = sum_mu alpha_i^mu xi_i^mu xi_j^mu` for `j != i`, field `sum_j w_ij s_j - theta_i`.
 * With A = 1 these are the Hebbian weights `W = X X^T` with zero diagonal (Hopfield 1982).
 * It declares the linear kernel (`kernelFor`): coefficients must be trained with `linear()`.
 *
 * @example
 * ```ts
 * const net = recurrentNetwork({ patterns: X, neuron: pointNeuron(), rng });
 * ```
 */
export function pointNeuron(): NeuronModel {
  return {
    name: 'point',
    kernelFor: () => linear(),
    initialize({ index, size: n, patterns, alpha, theta }) {
      const { count: m, data } = patterns;
      const w = new Float64Array(n);
      for (let mu = 0; mu < m; mu++) {
        const c = alpha[mu]! * data[mu * n + index]!;
        if (c === 0) continue;
        for (let j = 0; j < n; j++) w[j]! += c * data[mu * n + j]!;
      }
      w[index] = 0; // no self-connection
      return (s) => {
        let h = -theta;
        for (let j = 0; j < n; j++) h += w[j]! * s[j]!;
        return h;
      };
    },
  };
}
