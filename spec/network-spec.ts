import { freeze, produce, type Draft } from 'immer';
import { z } from 'zod';
import { ParameterError } from '../src/errors.js';
import type { KernelSpec } from '../src/kernels/kernel-spec.js';

export type { KernelSpec } from '../src/kernels/kernel-spec.js';

/** A neuron model by registry name and options (`createNeuronModel(name, options)`). */
export interface NeuronSpec {
  readonly name: string;
  readonly options: Readonly<Record<string, number | string>>;
}

/** A learning rule by registry name and options (`createRule(name, options)`). */
export interface RuleSpecData {
  readonly name: string;
  readonly options: Readonly<Record<string, unknown>>;
}

/** How a network is run from a cue. */
export interface RunSpec {
  readonly schedule: 'synchronous' | 'fixed' | 'random-permutation' | 'random-sequential' | 'poisson';
  /** Glauber temperature (0: deterministic). */
  readonly temperature: number;
  readonly maxSweeps: number;
}

/**
 * A recurrent kernel memory network as plain, serialisable, immutable data: everything needed to
 * rebuild it from its stored patterns, train it, and run it reproducibly. Variants for sweeps are
 * derived with {@link deriveSpec} (immer's `produce`: structurally shared, never mutated).
 */
export interface NetworkSpec {
  readonly kind: 'recurrent';
  /** The dendritic nonlinearity k (Eq. 12). */
  readonly kernel: KernelSpec;
  /** A neuron model; absent: the kernel form on the overlap engine. */
  readonly neuron?: NeuronSpec;
  /** The learning rule that trains every neuron; absent: A = 1, theta = 0. */
  readonly rule?: RuleSpecData;
  /** What a neuron does at a zero field. */
  readonly tie: 'plus' | 'keep';
  readonly run: RunSpec;
  /** Seed of every random stream (neuron models' structure, training order, schedules). */
  readonly seed: number;
}

const finite = z.number().refine(Number.isFinite, 'must be finite');
const name = z.string().min(1, 'must be a registry name');

/** The zod schema of {@link NetworkSpec} (defaults for `tie`, `run` and `seed`). */
export const networkSpecSchema = z.strictObject({
  kind: z.literal('recurrent').default('recurrent'),
  kernel: z.strictObject({ name, params: z.record(z.string(), finite).default({}) }),
  neuron: z.strictObject({ name, options: z.record(z.string(), z.union([finite, z.string()])).default({}) }).optional(),
  rule: z.strictObject({ name, options: z.record(z.string(), z.unknown()).default({}) }).optional(),
  tie: z.enum(['plus', 'keep']).default('plus'),
  run: z.strictObject({
    schedule: z.enum(['synchronous', 'fixed', 'random-permutation', 'random-sequential', 'poisson']).default('random-permutation'),
    temperature: finite.min(0).default(0),
    maxSweeps: z.number().int().min(1).max(1_000_000).default(100),
  }).prefault({}),
  seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
});

/** What {@link networkSpec} accepts: a spec with optional defaults. */
export type NetworkSpecInput = z.input<typeof networkSpecSchema>;

function check(input: unknown, parameter: string): NetworkSpec {
  const parsed = networkSpecSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.length > 0 ? `${parameter}.${issue.path.join('.')}` : parameter;
    throw new ParameterError(path, issue.message, 'see NetworkSpec in the API reference for the fields and their ranges');
  }
  // An immer result (already frozen) that validation left unchanged keeps its shared parts; any
  // other input is copied by the parse, so the caller's own objects are never frozen.
  if (Object.isFrozen(input) && JSON.stringify(parsed.data) === JSON.stringify(input)) return input as NetworkSpec;
  return freeze(parsed.data as NetworkSpec, true);
}

/**
 * Validates a network spec, fills in defaults, and returns it deeply frozen.
 *
 * @throws {@link ParameterError} naming the first bad field (e.g. `spec.run.temperature`).
 * @example
 * ```ts
 * const spec = networkSpec({ kernel: { name: 'poly', params: { degree: 3 } }, rule: { name: 'kernelAdatron', options: {} }, seed: 7 });
 * ```
 */
export function networkSpec(input: NetworkSpecInput): NetworkSpec {
  return check(input, 'spec');
}

/**
 * A variant of `base` made by `recipe` on an immer draft: unchanged parts are shared with `base`,
 * the result is validated and frozen, `base` is never modified.
 *
 * @throws {@link ParameterError} if the variant is not a valid spec.
 * @example
 * ```ts
 * const cubic = deriveSpec(spec, (d) => { d.kernel.params = { degree: 3 }; });
 * const seeds = [1, 2, 3].map((seed) => deriveSpec(spec, (d) => { d.seed = seed; }));
 * ```
 */
export function deriveSpec(base: NetworkSpec, recipe: (draft: Draft<NetworkSpec>) => void): NetworkSpec {
  return check(produce(base, recipe), 'spec');
}
