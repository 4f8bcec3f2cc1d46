import { InvalidValueError } from '../src/errors.js';
import type { Kernel } from '../src/kernels/kernel.js';
import type { NeuronModel } from '../src/network/neuron-model.js';
import { unshiftField } from '../src/network/scaled-field.js';

/** Options for {@link pyramidalNeuron}. */
export interface PyramidalOptions {
  /** The dendritic subunit nonlinearity, as an inner-product kernel `k(x . y)`. */
  readonly kernel: Kernel;
}

/**
 * The two-layer pyramidal unit (Poirazi, Brannon and Mel 2003) in the kernel form of Eq. 12:
 * one dendritic subunit per stored pattern mu, with synaptic weights `xi_j^mu` (j != i) and
 * nonlinearity k, and a soma summing `alpha_i^mu xi_i^mu k(sum_{j != i} xi_j^mu s_j)` against
 * `theta_i`. Evaluated directly, subunit by subunit: O(N M) per field (the network's fast path
 * computes the same fields in O(M)). Exponential subunits (kernels with `logK`) are summed
 * shifted by the largest, so the field never becomes NaN; beyond the double range it saturates
 * to +/-Infinity with its sign kept.
 *
 * @example
 * ```ts
 * const net = recurrentNetwork({ patterns: X, kernel, neuron: pyramidalNeuron({ kernel: polynomial({ degree: 3 }) }), rng });
 * ```
 */
export function pyramidalNeuron(options: PyramidalOptions): NeuronModel {
  const kernel = options.kernel;
  if (kernel.kind !== 'inner-product') {
    throw new InvalidValueError('kernel', `the pyramidal unit's subunits take inner products; ${kernel.name} is translation-invariant`, 'pass an inner-product kernel (linear, poly, exp, ...)');
  }
  return {
    name: 'pyramidal',
    initialize({ index, size: n, patterns, alpha, theta }) {
      const { count: m, data } = patterns;
      const soma = new Float64Array(m);
      for (let mu = 0; mu < m; mu++) soma[mu] = alpha[mu]! * data[mu * n + index]!;
      const k = kernel.k;
      const logK = kernel.logK;
      if (logK) {
        // Exponential subunits overflow at large N (e^(h/T), h up to N): sum them shifted by the largest.
        const l = new Float64Array(m);
        return (s) => {
          let max = -Infinity;
          for (let mu = 0; mu < m; mu++) {
            const base = mu * n;
            let u = 0;
            for (let j = 0; j < n; j++) if (j !== index) u += data[base + j]! * s[j]!;
            l[mu] = logK(u);
            if (soma[mu] !== 0 && l[mu]! > max) max = l[mu]!;
          }
          if (max === -Infinity) return -theta;
          let sum = 0;
          for (let mu = 0; mu < m; mu++) if (soma[mu] !== 0) sum += soma[mu]! * Math.exp(l[mu]! - max);
          return unshiftField(sum, max, theta);
        };
      }
      return (s) => {
        let h = -theta;
        for (let mu = 0; mu < m; mu++) {
          if (soma[mu] === 0) continue;
          const base = mu * n;
          let u = 0;
          for (let j = 0; j < n; j++) if (j !== index) u += data[base + j]! * s[j]!;
          h += soma[mu]! * k(u);
        }
        return h;
      };
    },
  };
}
