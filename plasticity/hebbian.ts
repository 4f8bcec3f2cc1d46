import { assertInRange } from '../src/errors.js';
import { applyUpdate, createState, refreshFields, type LearningRule, type LocalProblem, type NeuronState, type RuleOptions } from './rule.js';

/** Hyperparameters of {@link hebbian}. */
export interface HebbianOptions extends RuleOptions {
  /**
   * Sparseness `f = P(xi = +1)` of the stored patterns. Omit it for the classical / modern
   * Hopfield rule (`A = 1`, `theta = 0`). Given, the rule is centred on the mean activity
   * `a = 2f - 1` (the covariance rule with its threshold); see {@link hebbian}.
   */
  readonly sparseness?: number;
}

/**
 * One-shot Hebbian learning: `alpha^mu = 1` for every stored pattern and `theta = 0`, which
 * gives the classical Hopfield weights `W = X X^T` for the linear kernel and the modern Hopfield
 * network for a non-linear one (`A = 1`, Sec. 3.4 of the paper).
 *
 * Sparse patterns (`f != 1/2`) need a threshold: with `a = 2f - 1` the rule stores the
 * centred coefficients `c^mu = alpha^mu y^mu = y^mu - a` (so `alpha^mu = 1 - a y^mu > 0`) and the
 * threshold `theta = kbar sum_mu c^mu - a (kself - kbar)`, where `kbar` is the mean
 * off-diagonal and `kself` the mean diagonal kernel value of the neuron's examples. The first
 * term centres the kernel (for the linear kernel, `kbar ~ (N - 1) a^2` and the field is the
 * covariance rule of Tsodyks and Feigelman 1988 at the typical activity); the second puts the
 * threshold midway between the signals `(+/-1 - a)(kself - kbar)` of the two labels.
 *
 * @example
 * ```ts
 * const classical = hebbian();
 * const sparse = hebbian({ sparseness: 0.1 });
 * ```
 */
export function hebbian(options: HebbianOptions = {}): LearningRule<HebbianOptions> {
  const f = options.sparseness;
  if (f !== undefined) assertInRange('sparseness', f, 0, 1);
  const a = f === undefined ? 0 : 2 * f - 1;
  const centred = f !== undefined;
  // kbar per problem, kept beside the state (the state holds learned values only).
  const kbars = new WeakMap<NeuronState, number>();

  function target(problem: LocalProblem, mu: number): number {
    return 1 - a * problem.labels[mu]!;
  }

  const rule: LearningRule<HebbianOptions> = {
    name: 'hebbian',
    options: Object.freeze({ ...options }),
    form: 'kernel',
    init(problem) {
      const state = createState(problem, 'kernel');
      if (centred) {
        const m = problem.count;
        let sum = 0;
        let self = 0;
        for (let mu = 0; mu < m; mu++) {
          self += problem.diag[mu]!;
          const row = mu * m;
          for (let nu = 0; nu < m; nu++) sum += problem.gram[row + nu]!;
        }
        const kbar = m > 1 ? (sum - self) / (m * (m - 1)) : 0;
        const kself = self / m;
        kbars.set(state, kbar);
        state.theta = -a * (kself - kbar);
        state.field.fill(-state.theta);
      }
      return state;
    },
    partialFit(problem, state, mu) {
      const delta = target(problem, mu) - state.alpha[mu]!;
      if (delta === 0) return false;
      applyUpdate(problem, state, mu, delta);
      const kbar = kbars.get(state);
      if (kbar !== undefined && kbar !== 0) {
        const shift = kbar * delta * problem.labels[mu]!;
        state.theta += shift;
        for (let nu = 0; nu < problem.count; nu++) state.field[nu]! -= shift;
      }
      return true;
    },
    fit(problem, state) {
      let sumC = 0;
      for (let mu = 0; mu < problem.count; mu++) {
        const t = target(problem, mu);
        if (state.alpha[mu] !== t) state.updates++;
        state.alpha[mu] = t;
        sumC += t * problem.labels[mu]!;
      }
      const kbar = kbars.get(state);
      if (kbar !== undefined) {
        let kself = 0;
        for (let mu = 0; mu < problem.count; mu++) kself += problem.diag[mu]!;
        kself /= problem.count;
        state.theta = kbar * sumC - a * (kself - kbar);
      }
      refreshFields(problem, state);
      state.epochs++;
      state.converged = true;
      return state;
    },
    isConverged(problem, state) {
      for (let mu = 0; mu < problem.count; mu++) if (state.alpha[mu] !== target(problem, mu)) return false;
      return true;
    },
  };
  return Object.freeze(rule);
}
