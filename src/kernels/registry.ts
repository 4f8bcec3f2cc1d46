import { z } from 'zod';
import { createRegistry, option, optionsJsonSchema, parseOptions, type OptionsSchema } from '../registry.js';
import { exponential, linear, polynomial, rectifiedPolynomial } from './inner-product.js';
import type { Kernel } from './kernel.js';
import { sdmHypercube } from './sdm-hypercube.js';
import { sdmHypersphere, sdmHypersphereApprox } from './sdm-hypersphere.js';
import { expBeta, gaussian, laplacian } from './translation-invariant.js';

/** A named kernel factory: an options schema (zod) plus a constructor. */
export interface KernelEntry {
  /** Unique registry name. */
  readonly name: string;
  /** One line for listings. */
  readonly description: string;
  /** The hyperparameters: zod numbers with bounds, defaults (none: required) and help text. */
  readonly schema: OptionsSchema;
  /** Builds the kernel from complete hyperparameters, validated against `schema`. */
  readonly create: (params: Readonly<Record<string, number>>) => Kernel;
}

const registry = createRegistry<KernelEntry>({ noun: 'kernel', parameter: 'kernel' });

/**
 * Registers a kernel under a unique name.
 *
 * @throws {@link RegistryError} if the name is taken.
 * @example
 * ```ts
 * registerKernel({ name: 'cosine-ish', description: 'k(h) = h / N', schema: z.object({ dim: option.int('input dimension N >= 1', undefined, { min: 1 }) }),
 *   create: (p) => ({ kind: 'inner-product', name: 'cosine-ish', params: p, k: (h) => h / p.dim!, positiveDefinite: false }) });
 * ```
 */
export function registerKernel(entry: KernelEntry): void {
  registry.register(entry);
}

/**
 * Creates a registered kernel from its name and hyperparameters; unknown or missing
 * hyperparameters are errors that name them.
 *
 * @example
 * ```ts
 * const K = createKernel('poly', { degree: 3 });
 * ```
 */
export function createKernel(name: string, params: Readonly<Record<string, number>> = {}): Kernel {
  const entry = registry.get(name);
  return entry.create(parseOptions(entry.schema, params, { noun: 'kernel', entry: name }) as Record<string, number>);
}

/**
 * Names of all registered kernels, sorted.
 *
 * @example
 * ```ts
 * kernelNames(); // ['exp', 'exp-beta', 'gaussian', ...]
 * ```
 */
export function kernelNames(): string[] {
  return registry.names();
}

/**
 * The registry entry for a kernel name, or undefined.
 *
 * @example
 * ```ts
 * kernelEntry('poly')?.description; // 'k(h) = (h + c)^p'
 * ```
 */
export function kernelEntry(name: string): KernelEntry | undefined {
  return registry.find(name);
}

/**
 * The JSON Schema of a registered kernel's hyperparameters (types, bounds, defaults, required, help).
 *
 * @throws {@link RegistryError} for an unknown name.
 * @example
 * ```ts
 * kernelJsonSchema('exp-beta').required; // ['r']
 * ```
 */
export function kernelJsonSchema(name: string): Record<string, unknown> {
  return optionsJsonSchema(registry.get(name).schema);
}

const degree = option.int('degree p >= 1', 3, { min: 1 });
const sigma = z.object({ sigma: option.number('length scale sigma > 0', undefined, { positive: true }) });
const hypersphere = z.object({
  dim: option.int('input dimension N_in >= 3', undefined, { min: 3 }),
  b: option.number('cap threshold 0 < b < 1', undefined, { positive: true, max: 1 }),
});
const builtins: KernelEntry[] = [
  { name: 'linear', description: 'k(h) = h (classical Hopfield)', schema: z.object({}), create: () => linear() },
  { name: 'poly', description: 'k(h) = (h + c)^p', schema: z.object({ degree, c: option.number('offset c >= 0 (0: homogeneous)', 0, { min: 0 }) }), create: (p) => polynomial({ degree: p.degree!, c: p.c! }) },
  { name: 'rectified-poly', description: 'k(h) = max(h, 0)^p', schema: z.object({ degree }), create: (p) => rectifiedPolynomial({ degree: p.degree! }) },
  { name: 'exp', description: 'k(h) = exp(h / T)', schema: z.object({ temperature: option.number('temperature T > 0', 1, { positive: true }) }), create: (p) => exponential({ temperature: p.temperature! }) },
  {
    name: 'exp-beta', description: 'exp(-(d / r)^beta) (Eq. 21)',
    schema: z.object({ r: option.number('radius of attraction r > 0', undefined, { positive: true }), beta: option.number('steepness beta > 0 (positive definite for beta <= 2)', 1, { positive: true }) }),
    create: (p) => expBeta({ r: p.r!, beta: p.beta! }),
  },
  { name: 'gaussian', description: 'exp(-d^2 / (2 sigma^2))', schema: sigma, create: (p) => gaussian({ sigma: p.sigma! }) },
  { name: 'laplacian', description: 'exp(-d / sigma)', schema: sigma, create: (p) => laplacian({ sigma: p.sigma! }) },
  {
    name: 'sdm-hypercube', description: 'infinite SDM on the hypercube (Eq. 16)',
    schema: z.object({ dim: option.int('input dimension N_in >= 1', undefined, { min: 1 }), radius: option.int('activation radius r in bits, 0 <= r <= N_in', undefined, { min: 0 }) }),
    create: (p) => sdmHypercube({ dim: p.dim!, radius: p.radius! }),
  },
  { name: 'sdm-hypersphere', description: 'infinite SDM on the hypersphere (Eq. 17)', schema: hypersphere, create: (p) => sdmHypersphere({ dim: p.dim!, b: p.b! }) },
  { name: 'sdm-hypersphere-approx', description: 'sparse closed form of Eq. 17 (Eq. 18)', schema: hypersphere, create: (p) => sdmHypersphereApprox({ dim: p.dim!, b: p.b! }) },
];
for (const entry of builtins) registerKernel(entry);
