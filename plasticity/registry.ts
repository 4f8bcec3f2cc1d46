import { createRegistry } from '../src/registry.js';
import { adatron, kernelAdatron } from './adatron.js';
import { hebbian } from './hebbian.js';
import { minover } from './minover.js';
import { passiveAggressive } from './passive-aggressive.js';
import { perceptron } from './perceptron.js';
import { pseudoinverse } from './pseudoinverse.js';
import type { LearningRule, RuleOptions } from './rule.js';

/** A named learning-rule factory. */
export interface RuleEntry {
  readonly name: string;
  /** One line for listings. */
  readonly description: string;
  /** Builds the rule from its options object (the factory validates them). */
  readonly create: (options?: any) => LearningRule<RuleOptions>;
}

const registry = createRegistry<RuleEntry>({ noun: 'learning rule', parameter: 'rule' });

/**
 * Registers a learning rule under a unique name (see docs/custom-rule.md).
 *
 * @throws {@link RegistryError} if the name is taken.
 * @example
 * ```ts
 * registerRule({ name: 'logistic', description: 'kernel logistic regression', create: (o) => logistic(o) });
 * ```
 */
export function registerRule(entry: RuleEntry): void {
  registry.register(entry);
}

/**
 * Creates a registered rule from its name and options.
 *
 * @throws {@link RegistryError} for an unknown name.
 * @example
 * ```ts
 * const rule = createRule('pa', { variant: 'PA-II', C: 0.1 });
 * ```
 */
export function createRule(name: string, options: object = {}): LearningRule<RuleOptions> {
  return registry.get(name).create(options);
}

/**
 * Names of all registered rules, sorted.
 *
 * @example
 * ```ts
 * ruleNames(); // ['adatron', 'adatron-feature', 'hebbian', 'minover', 'pa', 'perceptron', 'pseudoinverse']
 * ```
 */
export function ruleNames(): string[] {
  return registry.names();
}

/**
 * The registry entry of a rule name, or undefined.
 *
 * @example
 * ```ts
 * ruleEntry('minover')?.description;
 * ```
 */
export function ruleEntry(name: string): RuleEntry | undefined {
  return registry.find(name);
}

const builtins: RuleEntry[] = [
  { name: 'hebbian', description: 'one-shot Hebbian, A = 1 (centred with a threshold for sparse patterns)', create: (o) => hebbian(o) },
  { name: 'pseudoinverse', description: 'least-squares SVM / pseudoinverse rule, K c = y (needs M < N_phi)', create: (o) => pseudoinverse(o) },
  { name: 'perceptron', description: 'perceptron with margin kappa', create: (o) => perceptron(o) },
  { name: 'minover', description: 'MinOver (Krauth-Mezard), converges to the maximal margin', create: (o) => minover(o) },
  { name: 'pa', description: 'passive-aggressive PA / PA-I / PA-II (Crammer et al. 2006)', create: (o) => passiveAggressive(o) },
  { name: 'adatron', description: 'Kernel-Adatron, converges to the hard-margin SVM', create: (o) => kernelAdatron(o) },
  { name: 'adatron-feature', description: 'Adatron in feature form (linear kernel)', create: (o) => adatron(o) },
];
for (const entry of builtins) registerRule(entry);
