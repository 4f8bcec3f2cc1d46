import { z } from 'zod';
import { createRegistry, option, optionsJsonSchema, parseOptions, type OptionsSchema } from '../src/registry.js';
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
  /** The options: zod fields with bounds, defaults (none: required) and help text. */
  readonly schema: OptionsSchema;
  /** Builds the model from complete options, validated against `schema`. */
  readonly create: (options: Readonly<Record<string, number | string>>) => NeuronModel;
}

const registry = createRegistry<NeuronEntry>({ noun: 'neuron model', parameter: 'neuron' });

/**
 * Registers a neuron model under a unique name.
 *
 * @throws {@link RegistryError} if the name is taken.
 * @example
 * ```ts
 * registerNeuronModel({ name: 'clusteron', description: 'clustered synapses', schema: z.object({ radius: option.int('cluster radius >= 1', 2, { min: 1 }) }), create: (o) => clusteron(o) });
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
  return entry.create(parseOptions(entry.schema, options, { noun: 'neuron model', entry: name }) as Record<string, number | string>);
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

/**
 * The JSON Schema of a registered neuron model's options (types, bounds, defaults, required, help).
 *
 * @throws {@link RegistryError} for an unknown name.
 * @example
 * ```ts
 * neuronModelJsonSchema('sdm').required; // ['locations', 'radius']
 * ```
 */
export function neuronModelJsonSchema(name: string): Record<string, unknown> {
  return optionsJsonSchema(registry.get(name).schema);
}

const builtins: NeuronEntry[] = [
  { name: 'point', description: 'point neuron, w = (A (.) X) X^T without diagonal (classical Hopfield)', schema: z.object({}), create: () => pointNeuron() },
  {
    name: 'pyramidal', description: 'two-layer pyramidal unit: one dendritic subunit per pattern (kernel form, Eq. 12)',
    schema: z.object({
      kernel: z.enum(['poly', 'linear', 'rectified-poly']).default('poly').describe('the dendritic nonlinearity: a registered polynomial-type kernel'),
      degree: option.int('degree p >= 1 (poly, rectified-poly)', 3, { min: 1 }),
      c: option.number('offset c >= 0 (poly)', 0, { min: 0 }),
    }),
    create: (o) => pyramidalNeuron({ kernel: createKernel(String(o.kernel), o.kernel === 'poly' ? { degree: Number(o.degree), c: Number(o.c) } : o.kernel === 'rectified-poly' ? { degree: Number(o.degree) } : {}) }),
  },
  {
    name: 'sigma-pi', description: 'sigma-pi unit: multiplicative monomials up to degree p (feature form of (x.y + c)^p)',
    schema: z.object({ degree: option.int('degree p >= 1', 2, { min: 1 }), c: option.number('offset c >= 0', 1, { min: 0 }) }),
    create: (o) => sigmaPiNeuron({ degree: Number(o.degree), c: Number(o.c) }),
  },
  {
    name: 'sdm', description: 'Kanerva SDM unit: N_phi random addresses, Heaviside features (Eq. 13)',
    schema: z.object({ locations: option.int('number of hard locations N_phi >= 1', undefined, { min: 1 }), radius: option.int('activation radius r in bits, 0 <= r <= N - 1', undefined, { min: 0 }) }),
    create: (o) => sdmNeuron({ locations: Number(o.locations), radius: Number(o.radius) }),
  },
];
for (const entry of builtins) registerNeuronModel(entry);
