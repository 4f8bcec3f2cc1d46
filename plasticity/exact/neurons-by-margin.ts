import type { Kernel } from '../../src/kernels/kernel.js';
import type { Patterns } from '../../src/patterns/pattern-set.js';
import { recurrentProblems } from '../train.js';
import { NearestHullsSolver, NearestHullsWorkspace } from './nearest-hulls.js';

/**
 * The neurons of a recurrent network ordered by their max margin on the given patterns, smallest
 * first (inseparable neurons, margin 0, come first): `kappa_i = min_mu y_mu w_i . phi(x_mu) / |w_i|`
 * at the hard-margin SVM optimum without bias, from the minimum-norm point of `conv{y_mu phi(x_mu)}`
 * (Wolfe, through the origin: {@link NearestHullsSolver} with `intercept: false`; `kappa_i = |x*|`), solved to a relative duality gap of 1e-2. A neuron with a small margin
 * is the one a rule with an epoch budget fails on first (perceptron convergence takes about
 * `R^2 / kappa^2` updates, Novikoff 1962), so training in this order lets a failing storability
 * check stop after one neuron.
 *
 * @example
 * ```ts
 * const order = neuronsByMargin(firstPatterns(X, 100), linear()); // order[0]: the hardest neuron
 * storesAll(firstPatterns(X, 100), linear(), minover(), { first: order.slice(0, 4) });
 * ```
 */
export function neuronsByMargin(patterns: Patterns, kernel: Kernel, options: { readonly bias?: boolean } = {}): Int32Array {
  const source = recurrentProblems(patterns, kernel, { bias: options.bias ?? false });
  const m = source.count;
  const gram = new Float64Array(m * m);
  const margin = new Float64Array(source.neurons);
  const workspace = new NearestHullsWorkspace(m);
  for (let i = 0; i < source.neurons; i++) {
    const problem = source.problem(i, gram);
    const r = new NearestHullsSolver(problem.gram, problem.labels, m, { workspace, intercept: false }).solve(m, { gapTol: 1e-2 });
    margin[i] = r.separable ? Math.sqrt(r.norm2) / Math.sqrt(Math.max(...Array.from(problem.diag))) : 0;
  }
  return Int32Array.from(Array.from({ length: source.neurons }, (_, i) => i).sort((a, b) => margin[a]! - margin[b]! || a - b));
}
