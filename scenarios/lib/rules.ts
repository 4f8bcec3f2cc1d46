import { exponential, linear, polynomial, type Kernel } from '../../index.js';
import { createRule, type LearningRule, type RuleOptions } from '../../plasticity/index.js';

/**
 * The learning rules the scenarios compare, by their CLI names: `hebbian` is the classical rule
 * (A = 1, theta = 0) and `centredHebbian` the centred rule with a threshold for sparse patterns;
 * `pa` and `adatron` are short for `passiveAggressive` (PA-I) and `kernelAdatron`.
 */
export const scenarioRules = ['hebbian', 'centredHebbian', 'pseudoinverse', 'perceptron', 'minover', 'pa', 'adatron'] as const;
/** A scenario rule name. */
export type ScenarioRule = (typeof scenarioRules)[number];

/** The kernels the capacity scenarios compare, by their CLI names. */
export const scenarioKernels = ['linear', 'poly', 'exp'] as const;
/** A scenario kernel name. */
export type ScenarioKernel = (typeof scenarioKernels)[number];

/**
 * The registry rule (name and options) behind a scenario rule name, with the settings the
 * scenarios use throughout: classical Hebbian; centred Hebbian at the patterns' sparseness;
 * perceptron with margin 0; MinOver and Kernel-Adatron stopped at tolerance 1e-2 (separation,
 * which is what capacity needs, comes long before); PA-I with C = 10.
 *
 * @example
 * ```ts
 * scenarioRuleSpec('adatron'); // { name: 'kernelAdatron', options: { tol: 0.01 } }
 * ```
 */
export function scenarioRuleSpec(name: ScenarioRule, sparseness = 0.5): { name: string; options: Record<string, unknown> } {
  switch (name) {
    case 'centredHebbian':
      return { name, options: { sparseness } };
    case 'minover':
      return { name, options: { tol: 1e-2 } };
    case 'adatron':
      return { name: 'kernelAdatron', options: { tol: 1e-2 } };
    case 'pa':
      return { name: 'passiveAggressive', options: { variant: 'PA-I', C: 10 } };
    default:
      return { name, options: {} };
  }
}

/**
 * The rule a scenario uses for a name (see {@link scenarioRuleSpec}).
 *
 * @example
 * ```ts
 * trainCoefficients(X, linear(), scenarioRule('adatron'), { rng });
 * ```
 */
export function scenarioRule(name: ScenarioRule, sparseness = 0.5): LearningRule<RuleOptions> {
  const spec = scenarioRuleSpec(name, sparseness);
  return createRule(spec.name, spec.options);
}

/**
 * The kernel for a scenario kernel name: linear `h`, polynomial `(h + 1)^p` (the sigma-pi
 * unit's kernel), exponential `exp(h / T)`.
 *
 * @example
 * ```ts
 * scenarioKernel('poly', { degree: 3, temperature: 1 });
 * ```
 */
export function scenarioKernel(name: ScenarioKernel, options: { degree: number; temperature: number }): Kernel {
  if (name === 'linear') return linear();
  if (name === 'poly') return polynomial({ degree: options.degree, c: 1 });
  return exponential({ temperature: options.temperature });
}
