import type { Kernel } from '../kernels/kernel.js';
import type { NeuronContext, NeuronField, NeuronModel } from './neuron-model.js';
import { unshiftField } from './scaled-field.js';

/**
 * The kernel form of Eq. 12 as a neuron model, evaluated subunit by subunit: neuron i sums
 * `alpha_i^mu xi_i^mu K(xi^mu_{-i}, s_{-i})` over the stored patterns and subtracts `theta_i`,
 * with `K = k(x . y)` or `K = g(||x - y||)`. This is the single reference implementation of
 * Eq. 12 (the pyramidal unit of `neurons/` is this model for inner-product kernels); the
 * overlap engine computes the same fields in O(M) per update, this one in O(N M). Subunits of
 * kernels with `logK` are summed shifted by the largest, so the field never becomes NaN and
 * saturates to +/-Infinity with its sign kept beyond the double range (`unshiftField`).
 *
 * @example
 * ```ts
 * const net = recurrentNetwork({ patterns: X, kernel, neuron: kernelFormNeuron({ kernel }), rng });
 * ```
 */
export function kernelFormNeuron(options: { readonly kernel: Kernel }): NeuronModel {
  const kernel = options.kernel;
  return { name: 'kernel-form', kernelFor: () => kernel, initialize: (context) => kernelFormField(kernel, context) };
}

/**
 * Neuron `context.index`'s field in the kernel form of Eq. 12 (see {@link kernelFormNeuron}):
 * `sum_mu alpha^mu xi_i^mu K(xi^mu_{-i}, s_{-i}) - theta`, subunit by subunit, O(N M).
 *
 * @example
 * ```ts
 * const h = kernelFormField(polynomial({ degree: 3 }), { index: 0, size: X.dim, patterns: X, alpha, theta: 0 })(state);
 * ```
 */
export function kernelFormField(kernel: Kernel, context: Omit<NeuronContext, 'rng'>): NeuronField {
  const { index, size: n, patterns, alpha, theta } = context;
  const inner = kernel.kind === 'inner-product';
  const f = inner ? kernel.logK ?? kernel.k : kernel.g2;
  const log = inner && kernel.logK !== undefined;
  const { count: m, data } = patterns;
  // Only subunits with a nonzero somatic weight contribute: list them once.
  const used: number[] = [];
  for (let mu = 0; mu < m; mu++) if (alpha[mu]! * data[mu * n + index]! !== 0) used.push(mu);
  const mus = Int32Array.from(used);
  const soma = Float64Array.from(used, (mu) => alpha[mu]! * data[mu * n + index]!);
  const l = new Float64Array(mus.length);
  return (s) => {
    let max = -Infinity;
    for (let q = 0; q < mus.length; q++) {
      const base = mus[q]! * n;
      let u = 0;
      if (inner) { for (let j = 0; j < n; j++) if (j !== index) u += data[base + j]! * s[j]!; }
      else for (let j = 0; j < n; j++) if (j !== index) { const d = data[base + j]! - s[j]!; u += d * d; }
      l[q] = f(u);
      if (l[q]! > max) max = l[q]!;
    }
    if (!log) {
      let h = -theta;
      for (let q = 0; q < mus.length; q++) h += soma[q]! * l[q]!;
      return h;
    }
    if (max === -Infinity) return -theta;
    let sum = 0;
    for (let q = 0; q < mus.length; q++) sum += soma[q]! * Math.exp(l[q]! - max);
    return unshiftField(sum, max, theta);
  };
}
