import { createRegistry, withDefaults } from '../registry.js';
import { exponential, linear, polynomial, rectifiedPolynomial } from './inner-product.js';
import type { Kernel } from './kernel.js';
import { sdmHypercube } from './sdm-hypercube.js';
import { sdmHypersphere, sdmHypersphereApprox } from './sdm-hypersphere.js';
import { expBeta, gaussian, laplacian } from './translation-invariant.js';

/** A named kernel factory: default hyperparameters plus a constructor. */
export interface KernelEntry {
  readonly name: string;
  readonly description: string;
  /** Every accepted hyperparameter with its default (`NaN` marks a required one). */
  readonly defaults: Readonly<Record<string, number>>;
  /** Builds the kernel from complete, validated hyperparameters. */
  readonly create: (params: Readonly<Record<string, number>>) => Kernel;
}

const registry = createRegistry<KernelEntry>({ noun: 'kernel', parameter: 'kernel' });

/**
 * Registers a kernel under a unique name.
 *
 * @throws {@link RegistryError} if the name is taken.
 * @example
 * ```ts
 * registerKernel({ name: 'cosine-ish', description: 'k(h) = h / N', defaults: { dim: NaN },
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
  return entry.create(withDefaults(name, entry.defaults, params, 'kernel'));
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
 * kernelEntry('poly')?.defaults; // { degree: 3, c: 0 }
 * ```
 */
export function kernelEntry(name: string): KernelEntry | undefined {
  return registry.find(name);
}

const builtins: KernelEntry[] = [
  { name: 'linear', description: 'k(h) = h (classical Hopfield)', defaults: {}, create: () => linear() },
  { name: 'poly', description: 'k(h) = (h + c)^p', defaults: { degree: 3, c: 0 }, create: (p) => polynomial({ degree: p.degree!, c: p.c! }) },
  { name: 'rectified-poly', description: 'k(h) = max(h, 0)^p', defaults: { degree: 3 }, create: (p) => rectifiedPolynomial({ degree: p.degree! }) },
  { name: 'exp', description: 'k(h) = exp(h / T)', defaults: { temperature: 1 }, create: (p) => exponential({ temperature: p.temperature! }) },
  { name: 'exp-beta', description: 'exp(-(d / r)^beta) (Eq. 21)', defaults: { r: NaN, beta: 1 }, create: (p) => expBeta({ r: p.r!, beta: p.beta! }) },
  { name: 'gaussian', description: 'exp(-d^2 / (2 sigma^2))', defaults: { sigma: NaN }, create: (p) => gaussian({ sigma: p.sigma! }) },
  { name: 'laplacian', description: 'exp(-d / sigma)', defaults: { sigma: NaN }, create: (p) => laplacian({ sigma: p.sigma! }) },
  { name: 'sdm-hypercube', description: 'infinite SDM on the hypercube (Eq. 16)', defaults: { dim: NaN, radius: NaN }, create: (p) => sdmHypercube({ dim: p.dim!, radius: p.radius! }) },
  { name: 'sdm-hypersphere', description: 'infinite SDM on the hypersphere (Eq. 17)', defaults: { dim: NaN, b: NaN }, create: (p) => sdmHypersphere({ dim: p.dim!, b: p.b! }) },
  { name: 'sdm-hypersphere-approx', description: 'sparse closed form of Eq. 17 (Eq. 18)', defaults: { dim: NaN, b: NaN }, create: (p) => sdmHypersphereApprox({ dim: p.dim!, b: p.b! }) },
];
for (const entry of builtins) registerKernel(entry);
