import { z } from 'zod';
import { parseOptions } from '../src/registry.js';
import { ruleOption } from './options.js';
import { applyUpdate, createState, minStability, weightNorm2, type LearningRule, type RuleOptions } from './rule.js';

/** Hyperparameters of {@link minover}. */
export interface MinOverOptions extends RuleOptions {
  /**
   * Stop when the relative duality gap of the hard-margin SVM, `2 - 2 (sum alpha) min(y h) / ||w||^2`,
   * is at most tol; the margin is then within a factor `sqrt(1 - tol)` of the maximum. Defaults to 1e-3.
   */
  readonly tol?: number;
}

/** The options schema of {@link minover}. */
export const minoverSchema = z.object({
  tol: ruleOption.tol(1e-3, 'stop when the relative duality gap 2 - 2 (sum alpha) min(y h) / ||w||^2 is at most tol (> 0)'),
  bias: ruleOption.bias,
}).strict();

/**
 * MinOver (Krauth and Mezard 1987, J. Phys. A 20 L745): at every step present the example of
 * least stability, `mu* = argmin_mu y^mu h^mu`, and set `alpha^mu* += 1`. The normalised
 * weights converge to the maximal-margin (optimal stability) solution of Eq. 3; `alpha` are the
 * integer update counts (divide by `min y h` for the SVM's canonical scale). One epoch is M steps.
 *
 * @throws {@link InvalidValueError} for tol <= 0.
 * @example
 * ```ts
 * const rule = minover({ tol: 1e-4 });
 * fit(rule, problem, rule.init(problem), { maxEpochs: 5000 });
 * ```
 */
export function minover(options: MinOverOptions = {}): LearningRule<MinOverOptions> {
  const o = parseOptions(minoverSchema, options, { noun: 'learning rule', entry: 'minover' });
  const tol = o.tol;
  const rule: LearningRule<MinOverOptions> = {
    name: 'minover',
    options: Object.freeze({ ...o }),
    form: 'kernel',
    init: (problem) => createState(problem, 'kernel'),
    select(problem, state) {
      const { count: m, labels } = problem;
      let best = 0;
      let min = Infinity;
      for (let mu = 0; mu < m; mu++) {
        const v = labels[mu]! * state.field[mu]!;
        if (v < min) {
          min = v;
          best = mu;
        }
      }
      return best;
    },
    partialFit(problem, state, mu) {
      applyUpdate(problem, state, mu, 1);
      return true;
    },
    fitSelected(problem, state, steps) {
      const { count: m, labels, gram } = problem;
      const { field, alpha } = state;
      let best = rule.select!(problem, state);
      // Each step is applyUpdate(mu, 1) fused with the next select: the field update and the
      // argmin of y h (strict <, first index wins) in one pass, the same operations in the same order.
      for (let t = 0; t < steps; t++) {
        const mu = best;
        alpha[mu]! += 1;
        const c = labels[mu]!;
        const row = mu * m;
        let min = Infinity;
        best = 0;
        for (let nu = 0; nu < m; nu++) {
          const h = field[nu]! + c * gram[row + nu]!;
          field[nu] = h;
          const v = labels[nu]! * h;
          if (v < min) {
            min = v;
            best = nu;
          }
        }
      }
      state.updates += steps;
      return steps;
    },
    isConverged(problem, state) {
      const min = minStability(problem, state);
      if (!(min > 0)) return false;
      let sum = 0;
      for (let mu = 0; mu < problem.count; mu++) sum += state.alpha[mu]!;
      return 2 - (2 * sum * min) / weightNorm2(problem, state) <= tol;
    },
  };
  return Object.freeze(rule);
}
