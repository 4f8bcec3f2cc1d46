// What a batched-recall worker rebuilds from (plain data: shared typed arrays and numbers), and the
// one function both the pool and its workers use to rebuild it, so every thread computes alike.
import { InvalidValueError } from '../../errors.js';
import { createKernel } from '../../kernels/registry.js';
import type { Kernel } from '../../kernels/kernel.js';
import type { KernelSpec } from '../../kernels/kernel-spec.js';
import { bipolarPatterns, continuousPatterns } from '../../patterns/pattern-set.js';
import { batchedSoftmaxNetwork } from '../batched-continuous.js';
import { batchedFeedForward } from '../batched-feed-forward.js';
import { batchedRecall } from '../batched-recall.js';
import { recurrentNetwork } from '../recurrent-network.js';
import type { TieRule } from '../schedule-types.js';

/**
 * A network for batched recall over worker threads, as plain data (typed arrays may live in
 * SharedArrayBuffers, which workers then read without copying).
 *
 * @example
 * ```ts
 * const spec: BatchedSpec = { kind: 'recurrent', patterns: X.data, count: X.count, dim: X.dim, kernel: kernelSpec(polynomial({ degree: 3 })) };
 * ```
 */
export type BatchedSpec =
  | {
      /** A recurrent kernel memory network: one synchronous step (`batchedRecall(...).step`), Int8 states in and out. */
      readonly kind: 'recurrent';
      readonly patterns: Int8Array;
      readonly count: number;
      readonly dim: number;
      readonly kernel: KernelSpec;
      readonly alpha?: Float64Array;
      readonly theta?: Float64Array;
      readonly tie?: TieRule;
    }
  | {
      /** A feed-forward kernel network: `batchedFeedForward(...).recall`, Float64 inputs, Int8 outputs. */
      readonly kind: 'feed-forward';
      readonly inputs: Int8Array;
      readonly outputs: Int8Array;
      readonly count: number;
      readonly dimIn: number;
      readonly dimOut: number;
      readonly kernel: KernelSpec;
      readonly alpha?: Float64Array;
      readonly theta?: Float64Array;
    }
  | {
      /** The softmax network: one step (`batchedSoftmaxNetwork(...).step`), Float64 states in and out. */
      readonly kind: 'softmax';
      readonly patterns: Float64Array;
      readonly count: number;
      readonly dim: number;
      readonly beta: number;
    };

/**
 * The registry form of a kernel, checked to rebuild (workers rebuild kernels by name).
 *
 * @throws {@link InvalidValueError} for a kernel that `createKernel` does not know (register it first).
 * @example
 * ```ts
 * kernelSpec(polynomial({ degree: 3, c: 1 })); // { name: 'polynomial', params: { degree: 3, c: 1 } }
 * ```
 */
export function kernelSpec(kernel: Kernel): KernelSpec {
  try {
    createKernel(kernel.name, kernel.params);
  } catch (error) {
    throw new InvalidValueError('kernel', `${kernel.name} cannot be rebuilt by name in a worker: ${(error as Error).message}`, 'use a registered kernel (registerKernel) for batched recall over workers');
  }
  return { name: kernel.name, params: { ...kernel.params } };
}

/**
 * A rebuilt batched network: its row sizes and element types, and one call over q rows.
 *
 * @example
 * ```ts
 * const runner: BatchedRunner = buildBatched(spec);
 * ```
 */
export interface BatchedRunner {
  /** Entries per input row (N, or N_in). */
  readonly inWidth: number;
  /** Entries per output row (N, or N_out). */
  readonly outWidth: number;
  /** Inputs are Float64 (else Int8). */
  readonly inFloat: boolean;
  /** Outputs are Float64 (else Int8). */
  readonly outFloat: boolean;
  /** One step of q query-major rows of `input` into `output`. */
  run(input: Int8Array | Float64Array, q: number, output: Int8Array | Float64Array): void;
  /**
   * Runs q rows to their fixed points (at most `maxSteps` steps; `tol` for continuous states), final
   * states into `output`, per row the steps taken and whether it converged; null for networks without
   * dynamics (feed-forward).
   */
  readonly converge: ((input: Int8Array | Float64Array, q: number, output: Int8Array | Float64Array, limits: ConvergeLimits, steps: Int32Array, converged: Uint8Array) => void) | null;
}

/**
 * Limits of a batched run to fixed points.
 *
 * @example
 * ```ts
 * const limits: ConvergeLimits = { maxSteps: 50, tol: 1e-10 };
 * ```
 */
export interface ConvergeLimits {
  /** Step (sweep) limit. */
  readonly maxSteps: number;
  /** Continuous networks: converged when `max_j |s'_j - s_j| <= tol (1 + max_j |s_j|)`. */
  readonly tol?: number;
}

/**
 * Rebuilds the batched network of a spec (the same code in every thread, so results do not depend
 * on which thread computes a query).
 *
 * @example
 * ```ts
 * const runner = buildBatched(spec);
 * runner.run(states, q, out);
 * ```
 */
export function buildBatched(spec: BatchedSpec): BatchedRunner {
  if (spec.kind === 'recurrent') {
    const net = recurrentNetwork({ patterns: bipolarPatterns(spec.patterns, { count: spec.count, dim: spec.dim }), kernel: createKernel(spec.kernel.name, spec.kernel.params), ...(spec.tie ? { tie: spec.tie } : {}) });
    if (spec.alpha || spec.theta) net.setCoefficients({ ...(spec.alpha ? { alpha: spec.alpha } : {}), ...(spec.theta ? { theta: spec.theta } : {}) });
    const batch = batchedRecall(net);
    return {
      inWidth: spec.dim,
      outWidth: spec.dim,
      inFloat: false,
      outFloat: false,
      run: (input, q, output) => batch.step(input as Int8Array, q, output as Int8Array),
      converge: (input, q, output, limits, steps, converged) => {
        const r = batch.run(input as Int8Array, q, { maxSweeps: limits.maxSteps });
        output.set(r.states);
        steps.set(r.sweeps);
        converged.set(r.converged);
      },
    };
  }
  if (spec.kind === 'feed-forward') {
    const batch = batchedFeedForward({
      inputs: bipolarPatterns(spec.inputs, { count: spec.count, dim: spec.dimIn }, 'inputs'),
      outputs: bipolarPatterns(spec.outputs, { count: spec.count, dim: spec.dimOut }, 'outputs'),
      kernel: createKernel(spec.kernel.name, spec.kernel.params),
      ...(spec.alpha ? { alpha: spec.alpha } : {}),
      ...(spec.theta ? { theta: spec.theta } : {}),
    });
    return { inWidth: spec.dimIn, outWidth: spec.dimOut, inFloat: true, outFloat: false, run: (input, q, output) => batch.recall(input, q, output as Int8Array), converge: null };
  }
  const batch = batchedSoftmaxNetwork({ patterns: continuousPatterns(spec.patterns, { count: spec.count, dim: spec.dim }), beta: spec.beta });
  return {
    inWidth: spec.dim,
    outWidth: spec.dim,
    inFloat: true,
    outFloat: true,
    run: (input, q, output) => batch.step(input, q, output as Float64Array),
    converge: (input, q, output, limits, steps, converged) => {
      const r = batch.run(input, q, { maxSteps: limits.maxSteps, ...(limits.tol === undefined ? {} : { tol: limits.tol }) });
      output.set(r.states);
      steps.set(r.steps);
      converged.set(r.converged);
    },
  };
}
