import { exponential, linear, polynomial, type Kernel } from '../../src/index.js';
import { createRule, type LearningRule, type RuleOptions } from '../../plasticity/index.js';

/** The learning rules the scenarios compare, by their CLI names. */
export const scenarioRules = ['hebbian', 'pseudoinverse', 'perceptron', 'minover', 'pa', 'adatron'] as const;
/** A scenario rule name. */
export type ScenarioRule = (typeof scenarioRules)[number];

/** The kernels the capacity scenarios compare, by their CLI names. */
export const scenarioKernels = ['linear', 'poly', 'exp'] as const;
/** A scenario kernel name. */
export type ScenarioKernel = (typeof scenarioKernels)[number];

/**
 * The rule a scenario uses for a name, with the settings the scenarios use throughout:
 * perceptron with margin 0, MinOver and Kernel-Adatron stopped at tolerance 1e-2 (separation,
 * which is what capacity needs, comes long before), PA-I with C = 10.
 *
 * @example
 * ```ts
 * scenarioRule('adatron').fit(problem, state);
 * ```
 */
export function scenarioRule(name: ScenarioRule, sparseness = 0.5): LearningRule<RuleOptions> {
  switch (name) {
    case 'hebbian':
      return createRule('hebbian', { sparseness });
    case 'minover':
    case 'adatron':
      return createRule(name, { tol: 1e-2 });
    case 'pa':
      return createRule('pa', { variant: 'PA-I', C: 10 });
    default:
      return createRule(name);
  }
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
