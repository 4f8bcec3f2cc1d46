import { createRegistry, withDefaults } from '../src/registry.js';
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

const registry = createRegistry<NeuronEntry>({ noun: 'neuron model', parameter: 'neuron' });

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
  registry.register(entry);
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
  const entry = registry.get(name);
  return entry.create(withDefaults(name, entry.defaults, options, 'neuron model'));
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
  return registry.names();
}

const builtins: NeuronEntry[] = [
  { name: 'point', description: 'point neuron, w = (A (.) X) X^T without diagonal (classical Hopfield)', defaults: {}, create: () => pointNeuron() },
  { name: 'pyramidal', description: 'two-layer pyramidal unit: one dendritic subunit per pattern (kernel form, Eq. 12)', defaults: { kernel: 'poly', degree: 3, c: 0 }, create: (o) => pyramidalNeuron({ kernel: createKernel(String(o.kernel), o.kernel === 'poly' ? { degree: Number(o.degree), c: Number(o.c) } : {}) }) },
  { name: 'sigma-pi', description: 'sigma-pi unit: multiplicative monomials up to degree p (feature form of (x.y + c)^p)', defaults: { degree: 2, c: 1 }, create: (o) => sigmaPiNeuron({ degree: Number(o.degree), c: Number(o.c) }) },
  { name: 'sdm', description: 'Kanerva SDM unit: N_phi random addresses, Heaviside features (Eq. 13)', defaults: { locations: NaN, radius: NaN }, create: (o) => sdmNeuron({ locations: Number(o.locations), radius: Number(o.radius) }) },
];
for (const entry of builtins) registerNeuronModel(entry);
