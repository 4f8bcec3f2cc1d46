import { z } from 'zod';
import { SingularMatrixError } from '../src/errors.js';
import { factorize } from '../src/linalg/factorization.js';
import { parseOptions } from '../src/registry.js';
import { ruleOption } from './options.js';
import { applyUpdate, createState, refreshFields, type LearningRule, type LocalProblem, type NeuronState, type RuleOptions } from './rule.js';

/** Hyperparameters of {@link pseudoinverse}. */
export interface PseudoinverseOptions extends RuleOptions {
  /** Converged when every `|y h - 1| <= tol` (online form), and the closed form's accepted residual. Defaults to 1e-6. */
  readonly tol?: number;
}

/** The options schema of {@link pseudoinverse}. */
export const pseudoinverseSchema = z.object({
  tol: ruleOption.tol(1e-6, 'converged when every |y h - 1| <= tol; the residual the closed form must reach (> 0)'),
  bias: ruleOption.bias,
}).strict();

/**
 * The pseudoinverse rule as a least-squares SVM (Suykens and Vandewalle 1999; Personnaz,
 * Guyon and Dreyfus 1986; the paper's Sec. 3.4 and Appendix D): every constraint of Eq. 8 is
 * made an equality, `y^mu h^mu = 1`, which for an invertible kernel matrix has the closed form
 * `A (.) X = X K^-1`, i.e. each neuron's coefficients `c = alpha (.) y` solve `K c = y`.
 * Every stored pattern is then an exact fixed point (fields equal the labels), but the solution
 * is not the maximal margin and `alpha` may be negative.
 *
 * `solve` solves `K c = y` by Cholesky (ml-matrix); `partialFit` is the online Kaczmarz step
 * `alpha^mu += (1 - y^mu h^mu) / K(x^mu, x^mu)`, which converges to the same solution.
 *
 * @throws {@link SingularMatrixError} from `solve` when K is singular, i.e. M is not below the
 * feature dimension N_phi (for the linear kernel in a recurrent network: M <= N - 1).
 * @example
 * ```ts
 * const rule = pseudoinverse();
 * const state = fit(rule, problem); // state.field[mu] === labels[mu] to rounding
 * ```
 */
export function pseudoinverse(options: PseudoinverseOptions = {}): LearningRule<PseudoinverseOptions> {
  const o = parseOptions(pseudoinverseSchema, options, { noun: 'learning rule', entry: 'pseudoinverse' });
  const tol = o.tol;
  const rule: LearningRule<PseudoinverseOptions> = {
    name: 'pseudoinverse',
    options: Object.freeze({ ...o }),
    form: 'kernel',
    init: (problem) => createState(problem, 'kernel'),
    partialFit(problem, state, mu) {
      const r = 1 - problem.labels[mu]! * state.field[mu]!;
      if (r === 0) return false;
      applyUpdate(problem, state, mu, r / problem.diag[mu]!);
      return true;
    },
    solve(problem, state) {
      solveClosedForm(problem, state);
      state.updates += problem.count;
      if (!rule.isConverged(problem, state)) {
        throw new SingularMatrixError('patterns', `the kernel matrix is too ill-conditioned: the closed-form fields miss the labels by more than tol = ${tol}`, 'store fewer patterns than the feature dimension (M < N_phi), or raise tol');
      }
    },
    isConverged(problem, state) {
      for (let mu = 0; mu < problem.count; mu++) {
        if (Math.abs(problem.labels[mu]! * state.field[mu]! - 1) > tol) return false;
      }
      return true;
    },
  };
  return Object.freeze(rule);
}

function solveClosedForm(problem: LocalProblem, state: NeuronState): void {
  const m = problem.count;
  const fix = 'store fewer patterns than the feature dimension (M < N_phi; for the linear kernel of a recurrent network, M <= N - 1), or use a kernel with more features';
  if (problem.features && m > problem.features.dim) {
    throw new SingularMatrixError('patterns', `M = ${m} patterns exceed the feature dimension N_phi = ${problem.features.dim}, so the kernel matrix is singular`, fix);
  }
  // One Cholesky and one singularity tolerance for the whole library (src/linalg): a pivot
  // L_jj^2 <= SINGULAR_TOLERANCE K_jj means example j lies (numerically) in the span of the others.
  const c = factorize(problem.gram, m, 'patterns', { positiveDefinite: true, fix }).solve(problem.labels, new Float64Array(m));
  for (let mu = 0; mu < m; mu++) state.alpha[mu] = c[mu]! * problem.labels[mu]!;
  state.theta = 0;
  refreshFields(problem, state);
}
