import { z } from 'zod';
import { parseOptions } from '../src/registry.js';
import { ruleOption } from './options.js';
import { minStability, onlineRule, type LearningRule, type RuleOptions } from './rule.js';

/** Hyperparameters of {@link perceptron}. */
export interface PerceptronOptions extends RuleOptions {
  /** Margin kappa >= 0 in field units: update whenever `y h <= kappa`. Defaults to 0. */
  readonly kappa?: number;
  /** `'kernel'` (update alpha) or `'feature'` (update w; linear kernel only). Defaults to `'kernel'`. */
  readonly form?: 'kernel' | 'feature';
}

/** The options schema of {@link perceptron}. */
export const perceptronSchema = z.object({
  kappa: z.number().min(0).default(0).describe('margin kappa >= 0 in field units: update whenever y h <= kappa'),
  form: ruleOption.form,
  bias: ruleOption.bias,
}).strict();

/**
 * The perceptron with margin kappa (Rosenblatt; Gardner 1988), kernel or feature form:
 * on example mu, if `y^mu h^mu <= kappa` then `alpha^mu += 1` (i.e. `w += y^mu phi(x^mu)`).
 * It stops after an epoch without updates, which happens in finite time when the examples
 * are separable with margin > kappa (Novikoff), and never otherwise: it then runs to
 * `maxEpochs` and reports `converged: false`. Paper: Sec. 3.4 (iterative learning rules).
 *
 * @throws {@link InvalidValueError} for kappa < 0 or not finite; {@link ParameterError} for an unknown option or form.
 * @example
 * ```ts
 * const rule = perceptron({ kappa: 10 });
 * const state = fit(rule, problem, rule.init(problem), { maxEpochs: 200 });
 * ```
 */
export function perceptron(options: PerceptronOptions = {}): LearningRule<PerceptronOptions> {
  const o = parseOptions(perceptronSchema, options, { noun: 'learning rule', entry: 'perceptron' });
  const kappa = o.kappa;
  return onlineRule({
    name: 'perceptron',
    options: o,
    form: o.form,
    step: (yh) => (yh <= kappa ? 1 : 0),
    isConverged: (problem, state) => minStability(problem, state) > kappa,
  });
}
