import { ParameterError, RegistryError } from '../src/errors.js';
import { createKernel } from '../src/kernels/registry.js';
import type { NeuronModel } from '../src/network/neuron-model.js';
import { pointNeuron } from './point-neuron.js';
import { pyramidalNeuron } from './pyramidal-neuron.js';
import { sdmNeuron } from './sdm-neuron.js';
import { sigmaPiNeuron } from './sigma-pi-neuron.js';

/** A named neuron-model factory. */
export interface NeuronEntry {
  /** Unique registry name. */
  readonly name: string;
  /** One line for listings. */
  readonly description: string;
  /** Every accepted option with its default (`NaN` marks a required one). */
  readonly defaults: Readonly<Record<string, number | string>>;
  /** Builds the model from the merged options (defaults overridden by the caller's). */
  readonly create: (options: Readonly<Record<string, number | string>>) => NeuronModel;
}

const entries = new Map<string, NeuronEntry>();

/**
 * Registers a neuron model under a unique name.
 *
 * @throws {@link RegistryError} if the name is taken.
 * @example
 * ```ts
 * registerNeuronModel({ name: 'clusteron', description: 'clustered synapses', defaults: { radius: 2 }, create: (o) => clusteron(o) });
 * ```
 */
export function registerNeuronModel(entry: NeuronEntry): void {
  if (entries.has(entry.name)) throw new RegistryError('name', `a neuron model named "${entry.name}" is already registered`, 'choose another name');
  entries.set(entry.name, entry);
}

/**
 * Builds a registered neuron model by name; unknown or missing options are errors naming them.
 *
 * @example
 * ```ts
 * const model = createNeuronModel('sigma-pi', { degree: 2 });
 * ```
 */
export function createNeuronModel(name: string, options: Readonly<Record<string, number | string>> = {}): NeuronModel {
  const entry = entries.get(name);
  if (!entry) throw new RegistryError('neuron', `unknown neuron model "${name}"`, `use one of: ${neuronModelNames().join(', ')}`);
  for (const key of Object.keys(options)) {
    if (!Object.prototype.hasOwnProperty.call(entry.defaults, key)) throw new ParameterError(`${name}.${key}`, 'is not an option of this neuron model', `use ${Object.keys(entry.defaults).join(', ') || 'no options'}`);
  }
  const merged = { ...entry.defaults, ...options };
  for (const [key, value] of Object.entries(merged)) if (typeof value === 'number' && Number.isNaN(value)) throw new ParameterError(`${name}.${key}`, 'is required', `pass ${key}`);
  return entry.create(merged);
}

/**
 * Names of all registered neuron models, sorted.
 *
 * @example
 * ```ts
 * neuronModelNames(); // ['point', 'pyramidal', 'sdm', 'sigma-pi']
 * ```
 */
export function neuronModelNames(): string[] {
  return [...entries.keys()].sort();
}

const builtins: NeuronEntry[] = [
  { name: 'point', description: 'point neuron, w = (A (.) X) X^T without diagonal (classical Hopfield)', defaults: {}, create: () => pointNeuron() },
  { name: 'pyramidal', description: 'two-layer pyramidal unit: one dendritic subunit per pattern (kernel form, Eq. 12)', defaults: { kernel: 'poly', degree: 3, c: 0 }, create: (o) => pyramidalNeuron({ kernel: createKernel(String(o.kernel), o.kernel === 'poly' ? { degree: Number(o.degree), c: Number(o.c) } : {}) }) },
  { name: 'sigma-pi', description: 'sigma-pi unit: multiplicative monomials up to degree p (feature form of (x.y + c)^p)', defaults: { degree: 2, c: 1 }, create: (o) => sigmaPiNeuron({ degree: Number(o.degree), c: Number(o.c) }) },
  { name: 'sdm', description: 'Kanerva SDM unit: N_phi random addresses, Heaviside features (Eq. 13)', defaults: { locations: NaN, radius: NaN }, create: (o) => sdmNeuron({ locations: Number(o.locations), radius: Number(o.radius) }) },
];
for (const entry of builtins) registerNeuronModel(entry);
