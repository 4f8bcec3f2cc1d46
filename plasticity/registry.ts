import { createRegistry, optionsJsonSchema, type OptionsSchema } from '../src/registry.js';
import { adatron, adatronSchema, kernelAdatron } from './adatron.js';
import { centredHebbian, centredHebbianSchema, hebbian, hebbianSchema } from './hebbian.js';
import { minover, minoverSchema } from './minover.js';
import { passiveAggressive, passiveAggressiveSchema } from './passive-aggressive.js';
import { perceptron, perceptronSchema } from './perceptron.js';
import { pseudoinverse, pseudoinverseSchema } from './pseudoinverse.js';
import type { LearningRule, RuleOptions } from './rule.js';

/** A named learning-rule factory: its name equals the factory's name and the rule's `name`. */
export interface RuleEntry {
  readonly name: string;
  /** One line for listings. */
  readonly description: string;
  /** The options schema: defaults, bounds and help text (JSON Schema via {@link ruleJsonSchema}). */
  readonly schema: OptionsSchema;
  /** Builds the rule from its options object (the factory validates them against `schema`). */
  readonly create: (options?: object) => LearningRule<RuleOptions>;
}

/** A rule as plain data: its registry name and complete options (JSON-serialisable). */
export interface RuleSpec {
  readonly name: string;
  readonly options: Readonly<Record<string, unknown>>;
}

const registry = createRegistry<RuleEntry>({ noun: 'learning rule', parameter: 'rule' });

/**
 * Registers a learning rule under a unique name (see docs/custom-rule.md). The name should be
 * the factory's name, which is also the `name` of the rules it builds.
 *
 * @throws {@link RegistryError} if the name is taken.
 * @example
 * ```ts
 * registerRule({ name: 'logistic', description: 'kernel logistic regression', schema: logisticSchema, create: (o) => logistic(o) });
 * ```
 */
export function registerRule(entry: RuleEntry): void {
  registry.register(entry);
}

/**
 * Creates a registered rule from its name and options.
 *
 * @throws {@link RegistryError} for an unknown name; the factory's typed errors for bad options.
 * @example
 * ```ts
 * const rule = createRule('passiveAggressive', { variant: 'PA-II', C: 0.1 });
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
 * ruleNames(); // ['adatron', 'centredHebbian', 'hebbian', 'kernelAdatron', 'minover', 'passiveAggressive', 'perceptron', 'pseudoinverse']
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

/**
 * A rule as plain data, `{ name, options }`, from which {@link ruleFromSpec} builds an equal
 * rule (the hyperparameters half of a saved, trained network; the other half is its states).
 *
 * @example
 * ```ts
 * JSON.stringify(ruleSpec(perceptron({ kappa: 2 }))); // {"name":"perceptron","options":{"kappa":2,"form":"kernel","bias":false}}
 * ```
 */
export function ruleSpec(rule: LearningRule<RuleOptions>): RuleSpec {
  return { name: rule.name, options: JSON.parse(JSON.stringify(rule.options)) as Record<string, unknown> };
}

/**
 * Builds a rule from its plain-data spec through the registry.
 *
 * @throws {@link RegistryError} for an unknown name; the factory's typed errors for bad options.
 * @example
 * ```ts
 * const same = ruleFromSpec(ruleSpec(rule));
 * ```
 */
export function ruleFromSpec(spec: RuleSpec): LearningRule<RuleOptions> {
  return createRule(spec.name, spec.options);
}

/**
 * The JSON Schema of a registered rule's options (types, bounds, defaults, help text).
 *
 * @throws {@link RegistryError} for an unknown name.
 * @example
 * ```ts
 * ruleJsonSchema('perceptron').properties; // { kappa: { type: 'number', minimum: 0, default: 0, ... }, ... }
 * ```
 */
export function ruleJsonSchema(name: string): Record<string, unknown> {
  return optionsJsonSchema(registry.get(name).schema);
}

const builtins: RuleEntry[] = [
  { name: 'hebbian', description: 'classical one-shot Hebbian, A = 1, theta = 0 (Hopfield)', schema: hebbianSchema, create: (o) => hebbian(o) },
  { name: 'centredHebbian', description: 'centred Hebbian with a threshold, for sparse patterns (covariance rule)', schema: centredHebbianSchema, create: (o) => centredHebbian(o) },
  { name: 'pseudoinverse', description: 'least-squares SVM / pseudoinverse rule, K c = y (needs M < N_phi)', schema: pseudoinverseSchema, create: (o) => pseudoinverse(o) },
  { name: 'perceptron', description: 'perceptron with margin kappa', schema: perceptronSchema, create: (o) => perceptron(o) },
  { name: 'minover', description: 'MinOver (Krauth-Mezard), converges to the maximal margin', schema: minoverSchema, create: (o) => minover(o) },
  { name: 'passiveAggressive', description: 'passive-aggressive PA / PA-I / PA-II (Crammer et al. 2006)', schema: passiveAggressiveSchema, create: (o) => passiveAggressive(o) },
  { name: 'kernelAdatron', description: 'Kernel-Adatron, converges to the hard-margin SVM', schema: adatronSchema, create: (o) => kernelAdatron(o) },
  { name: 'adatron', description: 'Adatron in feature form (explicit features: linear kernel)', schema: adatronSchema, create: (o) => adatron(o) },
];
for (const entry of builtins) registerRule(entry);
