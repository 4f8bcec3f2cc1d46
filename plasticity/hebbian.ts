import { z } from 'zod';
import { ParameterError } from '../src/errors.js';
import { parseOptions } from '../src/registry.js';
import { ruleOption } from './options.js';
import { applyUpdate, createState, refreshFields, type LearningRule, type LocalProblem, type NeuronState, type RuleOptions } from './rule.js';

/** Hyperparameters of {@link hebbian}: none besides the bias feature. */
export type HebbianOptions = RuleOptions;

/** The options schema of {@link hebbian}. */
export const hebbianSchema = z.object({ bias: ruleOption.bias }).strict();

/**
 * Classical one-shot Hebbian learning: `alpha^mu = 1` for every stored pattern and `theta = 0`,
 * which gives the classical Hopfield weights `W = X X^T` (zero diagonal) for the linear kernel
 * and the modern Hopfield network for a non-linear one (`A = 1`, Sec. 3.4 of the paper). This is
 * the rule of the classical capacity theory (one-step error `Phi(-1 / sqrt(alpha))`, error-free
 * capacity `N / (2 ln N)`). For sparse patterns use {@link centredHebbian}.
 *
 * @throws {@link ParameterError} for an unknown option (`sparseness` belongs to {@link centredHebbian}).
 * @example
 * ```ts
 * const { alpha, theta } = trainCoefficients(X, linear(), hebbian()); // alpha all 1, theta all 0
 * ```
 */
export function hebbian(options: HebbianOptions = {}): LearningRule<HebbianOptions> {
  if (options && typeof options === 'object' && 'sparseness' in options) {
    throw new ParameterError('hebbian.sparseness', 'the classical Hebbian rule (A = 1, theta = 0) has no sparseness', 'use centredHebbian({ sparseness }) for the centred rule with a threshold');
  }
  const parsed = parseOptions(hebbianSchema, options, { noun: 'learning rule', entry: 'hebbian' });
  const rule: LearningRule<HebbianOptions> = {
    name: 'hebbian',
    options: Object.freeze({ ...parsed }),
    form: 'kernel',
    init: (problem) => createState(problem, 'kernel'),
    partialFit(problem, state, mu) {
      const delta = 1 - state.alpha[mu]!;
      if (delta === 0) return false;
      applyUpdate(problem, state, mu, delta);
      return true;
    },
    solve(problem, state) {
      for (let mu = 0; mu < problem.count; mu++) {
        if (state.alpha[mu] !== 1) state.updates++;
        state.alpha[mu] = 1;
      }
      state.theta = 0;
      refreshFields(problem, state);
    },
    isConverged(problem, state) {
      for (let mu = 0; mu < problem.count; mu++) if (state.alpha[mu] !== 1) return false;
      return true;
    },
  };
  return Object.freeze(rule);
}

/** Hyperparameters of {@link centredHebbian}. */
export interface CentredHebbianOptions extends RuleOptions {
  /** Sparseness `f = P(xi = +1)` of the stored patterns, in (0, 1). Defaults to 0.5. */
  readonly sparseness?: number;
}

/** The options schema of {@link centredHebbian}. */
export const centredHebbianSchema = z.object({
  sparseness: z.number().gt(0).lt(1).default(0.5).describe('sparseness f = P(xi = +1) of the stored patterns, in (0, 1)'),
  bias: ruleOption.bias,
}).strict();

/** Slots of `state.aux` used by {@link centredHebbian}: the mean off-diagonal and the mean diagonal kernel value. */
const KBAR = 0;
const KSELF = 1;

/**
 * The centred Hebbian rule for sparse patterns (the covariance rule of Tsodyks and Feigelman
 * 1988 in kernel form). With `a = 2f - 1` it stores the centred coefficients
 * `c^mu = alpha^mu y^mu = y^mu - a` (so `alpha^mu = 1 - a y^mu > 0`) and the threshold
 * `theta = kbar sum_mu c^mu - a (kself - kbar)`, where `kbar` is the mean off-diagonal and
 * `kself` the mean diagonal kernel value of the neuron's examples (kept in `state.aux`). The
 * first term centres the kernel (for the linear kernel `kbar ~ (N - 1) a^2`); the second puts
 * the threshold midway between the signals `(+/-1 - a)(kself - kbar)` of the two labels. At
 * `f = 1/2` it differs from {@link hebbian} by the small threshold `kbar sum_mu y^mu`.
 *
 * @throws {@link InvalidValueError} for a sparseness outside (0, 1).
 * @example
 * ```ts
 * const rule = centredHebbian({ sparseness: 0.1 });
 * ```
 */
export function centredHebbian(options: CentredHebbianOptions = {}): LearningRule<CentredHebbianOptions> {
  const parsed = parseOptions(centredHebbianSchema, options, { noun: 'learning rule', entry: 'centredHebbian' });
  const a = 2 * parsed.sparseness - 1;
  const target = (problem: LocalProblem, mu: number): number => 1 - a * problem.labels[mu]!;
  const threshold = (problem: LocalProblem, state: NeuronState): number => {
    let sumC = 0;
    for (let mu = 0; mu < problem.count; mu++) sumC += state.alpha[mu]! * problem.labels[mu]!;
    return state.aux[KBAR]! * sumC - a * (state.aux[KSELF]! - state.aux[KBAR]!);
  };
  const rule: LearningRule<CentredHebbianOptions> = {
    name: 'centredHebbian',
    options: Object.freeze({ ...parsed }),
    form: 'kernel',
    init(problem) {
      const state = createState(problem, 'kernel', 2);
      const m = problem.count;
      let sum = 0;
      let self = 0;
      for (let mu = 0; mu < m; mu++) {
        self += problem.diag[mu]!;
        const row = mu * m;
        for (let nu = 0; nu < m; nu++) sum += problem.gram[row + nu]!;
      }
      state.aux[KBAR] = m > 1 ? (sum - self) / (m * (m - 1)) : 0;
      state.aux[KSELF] = self / m;
      state.theta = threshold(problem, state);
      state.field.fill(-state.theta);
      return state;
    },
    partialFit(problem, state, mu) {
      const delta = target(problem, mu) - state.alpha[mu]!;
      if (delta === 0) return false;
      applyUpdate(problem, state, mu, delta);
      const shift = state.aux[KBAR]! * delta * problem.labels[mu]!;
      if (shift !== 0) {
        state.theta += shift;
        for (let nu = 0; nu < problem.count; nu++) state.field[nu]! -= shift;
      }
      return true;
    },
    solve(problem, state) {
      for (let mu = 0; mu < problem.count; mu++) {
        const t = target(problem, mu);
        if (state.alpha[mu] !== t) state.updates++;
        state.alpha[mu] = t;
      }
      state.theta = threshold(problem, state);
      refreshFields(problem, state);
    },
    isConverged(problem, state) {
      for (let mu = 0; mu < problem.count; mu++) if (state.alpha[mu] !== target(problem, mu)) return false;
      return true;
    },
  };
  return Object.freeze(rule);
}
