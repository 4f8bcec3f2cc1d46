import { z } from 'zod';
import { parseOptions } from '../src/registry.js';
import { ruleOption } from './options.js';
import { minStability, onlineRule, type LearningRule, type RuleOptions } from './rule.js';

/** The three variants of Crammer et al. (2006). */
export type PaVariant = 'PA' | 'PA-I' | 'PA-II';

/** Hyperparameters of {@link passiveAggressive}. */
export interface PassiveAggressiveOptions extends RuleOptions {
  /** `'PA'` (hard), `'PA-I'` (step capped at C) or `'PA-II'` (step damped by 1/(2C)). Defaults to `'PA'`. */
  readonly variant?: PaVariant;
  /** Aggressiveness C > 0 (PA-I and PA-II). Defaults to 1. */
  readonly C?: number;
  /** Converged when every hinge loss `max(0, 1 - y h)` is at most tol. Defaults to 1e-3. */
  readonly tol?: number;
  /** `'kernel'` or `'feature'` (linear kernel only). Defaults to `'kernel'`. */
  readonly form?: 'kernel' | 'feature';
}

/** The options schema of {@link passiveAggressive}. */
export const passiveAggressiveSchema = z.object({
  variant: z.enum(['PA', 'PA-I', 'PA-II']).default('PA').describe("'PA' (hard), 'PA-I' (step capped at C) or 'PA-II' (step damped by 1/(2C))"),
  C: z.number().positive().default(1).describe('aggressiveness C > 0 (PA-I and PA-II)'),
  tol: ruleOption.tol(1e-3, 'converged when every hinge loss max(0, 1 - y h) is at most tol (> 0)'),
  form: ruleOption.form,
  bias: ruleOption.bias,
}).strict();

/**
 * Online passive-aggressive learning (Crammer, Dekel, Keshet, Shalev-Shwartz and Singer 2006,
 * JMLR 7), kernel or feature form. With hinge loss `l = max(0, 1 - y^mu h^mu)` and
 * `K = K(x^mu, x^mu)`, `alpha^mu += tau` where `tau = l / K` (PA), `min(C, l / K)` (PA-I) or
 * `l / (K + 1 / (2C))` (PA-II). Paper: Sec. 3.4 lists it among the online rules for MHNs.
 *
 * @throws {@link InvalidValueError} if C <= 0 or tol <= 0; {@link ParameterError} for an unknown variant.
 * @example
 * ```ts
 * const rule = passiveAggressive({ variant: 'PA-I', C: 0.5 });
 * ```
 */
export function passiveAggressive(options: PassiveAggressiveOptions = {}): LearningRule<PassiveAggressiveOptions> {
  const o = parseOptions(passiveAggressiveSchema, options, { noun: 'learning rule', entry: 'passiveAggressive' });
  const { variant, C, tol } = o;
  const halfInvC = 1 / (2 * C);
  const step = variant === 'PA'
    ? (yh: number, _a: number, kmm: number) => (yh < 1 ? (1 - yh) / kmm : 0)
    : variant === 'PA-I'
      ? (yh: number, _a: number, kmm: number) => (yh < 1 ? Math.min(C, (1 - yh) / kmm) : 0)
      : (yh: number, _a: number, kmm: number) => (yh < 1 ? (1 - yh) / (kmm + halfInvC) : 0);
  return onlineRule({
    name: 'passiveAggressive',
    options: o,
    form: o.form,
    step,
    isConverged: (problem, state) => minStability(problem, state) >= 1 - tol,
  });
}
