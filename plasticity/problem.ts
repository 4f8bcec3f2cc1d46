import { InvalidValueError, NotBipolarError, ShapeError } from '../src/errors.js';
import { checkKernelConsistency } from '../src/kernels/check-kernel.js';
import { isLinearKernel, type Kernel } from '../src/kernels/kernel.js';
import type { Patterns } from '../src/patterns/pattern-set.js';
import type { LocalProblem } from './rule.js';

import { gramFromOverlaps, overlapMatrix } from '../src/kernels/gram.js';

// The kernel matrix is built in one place, src/kernels/gram.ts; re-exported for plasticity's callers.
export { gramFromOverlaps, overlapMatrix };

/** Input of {@link localProblem}. */
export interface LocalProblemInput {
  /** Kernel matrix, row-major M x M. */
  readonly gram: Float64Array;
  /** Labels `+/-1`, length M. */
  readonly labels: ArrayLike<number>;
  /** Optional explicit features, pattern-major M x dim (for feature-form rules). */
  readonly features?: { readonly dim: number; readonly data: Float64Array };
  /** `ln` of the factor the kernel matrix was divided by. Defaults to 0. */
  readonly logScale?: number;
  /** Constant already added to every entry of `gram` for a bias feature. Defaults to 0. */
  readonly bias?: number;
}

/**
 * Wraps and validates a single neuron's problem from an explicit kernel matrix and labels
 * (the API edge for using a rule on its own, without a network).
 *
 * @throws {@link NotBipolarError} for labels other than +/-1; {@link ShapeError} for sizes that
 * disagree; {@link InvalidValueError} for NaN or infinite kernel entries.
 * @example
 * ```ts
 * const problem = localProblem({ gram: Float64Array.of(4, 1, 1, 4), labels: [1, -1] });
 * const state = kernelAdatron().init(problem);
 * ```
 */
export function localProblem(input: LocalProblemInput): LocalProblem {
  const labels = checkLabels('labels', input.labels);
  const m = labels.length;
  if (input.gram.length !== m * m) {
    throw new ShapeError('gram', `has ${input.gram.length} entries, expected M x M = ${m} x ${m} for ${m} labels`, 'pass one label per row of the kernel matrix');
  }
  for (let i = 0; i < input.gram.length; i++) {
    if (!Number.isFinite(input.gram[i]!)) {
      throw new InvalidValueError('gram', `entry (${Math.floor(i / m)}, ${i % m}) is ${input.gram[i]}`, 'remove NaN/infinite kernel values (scale the kernel, e.g. with logK)');
    }
  }
  if (input.features) {
    const { dim, data } = input.features;
    if (!Number.isInteger(dim) || dim <= 0 || data.length !== m * dim) {
      throw new ShapeError('features', `has ${data.length} entries, expected M x dim = ${m} x ${dim}`, 'pass one feature row per label');
    }
  }
  const diag = new Float64Array(m);
  for (let mu = 0; mu < m; mu++) diag[mu] = input.gram[mu * m + mu]!;
  return {
    count: m,
    labels,
    gram: input.gram,
    diag,
    ...(input.features ? { features: input.features } : {}),
    logScale: input.logScale ?? 0,
    bias: input.bias ?? 0,
  };
}

/** Options of {@link kernelProblem}. */
export interface KernelProblemOptions {
  /** Add a constant bias feature (kernel `K + 1`). Defaults to false. */
  readonly bias?: boolean;
}

/**
 * Builds one neuron's problem from inputs, labels and a kernel: the kernel matrix `K(X, X)`
 * (scaled by its largest value through `logK` for kernels that overflow), plus explicit
 * features for the linear kernel.
 *
 * @throws {@link NotBipolarError}, {@link ShapeError} as {@link localProblem}; `ParameterError`
 * for bipolar inputs when the kernel's batch forms or declared capabilities disagree with its
 * scalar function on their overlaps (`checkKernelConsistency`).
 * @example
 * ```ts
 * const problem = kernelProblem(X, labels, polynomial({ degree: 2, c: 1 }), { bias: true });
 * ```
 */
export function kernelProblem(inputs: Patterns, labels: ArrayLike<number>, kernel: Kernel, options: KernelProblemOptions = {}): LocalProblem {
  const y = checkLabels('labels', labels);
  if (y.length !== inputs.count) {
    throw new ShapeError('labels', `has ${y.length} entries but there are ${inputs.count} inputs`, 'pass one label per input pattern');
  }
  // Bipolar inputs of length n have overlaps -n..n step 2: check the kernel's batch forms and declared
  // capabilities on that grid (O(n)), as recurrentNetwork does for its N - 1 inputs.
  if (inputs.kind === 'bipolar') checkKernelConsistency(kernel, inputs.dim + 1);
  const m = inputs.count;
  const h = overlapMatrix(inputs);
  const gram = new Float64Array(m * m);
  const bias = options.bias ? 1 : 0;
  const logScale = gramFromOverlaps(h, null, m, kernel, bias, gram);
  const features = isLinearKernel(kernel) ? linearFeatures(inputs, -1, bias) : undefined;
  return localProblem({ gram, labels: y, logScale, bias, ...(features ? { features } : {}) });
}

/** @internal Labels as a Float64Array, checked to be +/-1. */
export function checkLabels(parameter: string, labels: ArrayLike<number>): Float64Array {
  const out = new Float64Array(labels.length);
  if (labels.length === 0) throw new ShapeError(parameter, 'is empty', 'pass at least one example');
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i];
    if (v !== 1 && v !== -1) throw new NotBipolarError(parameter, `entry ${i} is ${v}, not +1 or -1`, 'labels must be +1 or -1 (binarise targets first)');
    out[i] = v;
  }
  return out;
}

/**
 * @internal Explicit linear features `x^mu` with component `removed` dropped (or none when
 * negative), plus a constant `sqrt(bias)` feature when `bias > 0`, so `phi . phi` equals the
 * augmented kernel.
 */
export function linearFeatures(patterns: Patterns, removed: number, bias: number, out?: Float64Array): { dim: number; data: Float64Array } {
  const { count: m, dim: n, data } = patterns;
  const dim = n - (removed >= 0 ? 1 : 0) + (bias > 0 ? 1 : 0);
  const f = out ?? new Float64Array(m * dim);
  const b = Math.sqrt(bias);
  for (let mu = 0; mu < m; mu++) {
    const src = mu * n;
    let k = mu * dim;
    for (let j = 0; j < n; j++) if (j !== removed) f[k++] = data[src + j]!;
    if (bias > 0) f[k] = b;
  }
  return { dim, data: f };
}
