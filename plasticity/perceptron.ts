import { InvalidValueError } from '../src/errors.js';
import { checkForm, minStability, onlineRule, type LearningRule, type RuleOptions } from './rule.js';

/** Hyperparameters of {@link perceptron}. */
export interface PerceptronOptions extends RuleOptions {
  /** Margin kappa >= 0 in field units: update whenever `y h <= kappa`. Defaults to 0. */
  readonly kappa?: number;
  /** `'kernel'` (update alpha) or `'feature'` (update w; linear kernel only). Defaults to `'kernel'`. */
  readonly form?: 'kernel' | 'feature';
}

/**
 * The perceptron with margin kappa (Rosenblatt; Gardner 1988), kernel or feature form:
 * on example mu, if `y^mu h^mu <= kappa` then `alpha^mu += 1` (i.e. `w += y^mu phi(x^mu)`).
 * It stops after an epoch without updates, which happens in finite time when the examples
 * are separable with margin > kappa (Novikoff), and never otherwise: it then runs to
 * `maxEpochs` and reports `converged: false`. Paper: Sec. 3.4 (iterative learning rules).
 *
 * @example
 * ```ts
 * const rule = perceptron({ kappa: 10 });
 * const state = rule.fit(problem, rule.init(problem), { maxEpochs: 200 });
 * ```
 */
export function perceptron(options: PerceptronOptions = {}): LearningRule<PerceptronOptions> {
  const kappa = options.kappa ?? 0;
  if (!Number.isFinite(kappa) || kappa < 0) {
    throw new InvalidValueError('kappa', `must be a finite number >= 0, got ${kappa}`, 'pass the required margin in field units, e.g. kappa: 0');
  }
  const form = checkForm(options.form);
  return onlineRule({
    name: 'perceptron',
    options: { ...options, kappa, form },
    form,
    step: (yh) => (yh <= kappa ? 1 : 0),
    isConverged: (problem, state) => minStability(problem, state) > kappa,
  });
}
