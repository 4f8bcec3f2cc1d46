import { createKernel } from '../src/kernels/registry.js';
import { recurrentNetwork, type RecurrentNetwork, type RunOptions } from '../src/network/index.js';
import type { BipolarPatterns } from '../src/patterns/pattern-set.js';
import { createRng } from '../src/rng/rng.js';
import { createNeuronModel } from '../neurons/registry.js';
import { createRule } from '../plasticity/registry.js';
import { train, type TrainResult } from '../plasticity/train.js';
import type { NetworkSpec } from './network-spec.js';

/** A network built from a spec, with its training report when the spec names a rule. */
export interface BuiltNetwork {
  readonly spec: NetworkSpec;
  readonly network: RecurrentNetwork;
  readonly training: TrainResult | undefined;
}

/**
 * Builds the untrained network a spec describes over `patterns`: kernel and neuron model from their
 * registries, neuron models' random structure from the stream `seed / 'neurons'`.
 *
 * @throws the registries' typed errors for unknown names or bad options.
 * @example
 * ```ts
 * const net = networkFromSpec(spec, X);
 * ```
 */
export function networkFromSpec(spec: NetworkSpec, patterns: BipolarPatterns): RecurrentNetwork {
  const kernel = createKernel(spec.kernel.name, spec.kernel.params);
  const neuron = spec.neuron ? createNeuronModel(spec.neuron.name, spec.neuron.options) : undefined;
  return recurrentNetwork({ patterns, kernel, tie: spec.tie, ...(neuron ? { neuron, rng: createRng(spec.seed).child('neurons') } : {}) });
}

/**
 * Builds the network a spec describes and trains it with the spec's rule (training order from the
 * stream `seed / 'train'`): the same spec and patterns give bit-identical coefficients.
 *
 * @example
 * ```ts
 * const { network, training } = buildNetwork(networkSpec({ kernel: { name: 'linear' }, rule: { name: 'kernelAdatron', options: {} } }), X);
 * ```
 */
export function buildNetwork(spec: NetworkSpec, patterns: BipolarPatterns): BuiltNetwork {
  const rule = spec.rule ? createRule(spec.rule.name, spec.rule.options) : undefined; // options checked before any work
  const network = networkFromSpec(spec, patterns);
  const training = rule ? train(network, patterns, rule, { rng: createRng(spec.seed).child('train') }) : undefined;
  return { spec, network, training };
}

/**
 * The run options a spec fixes (schedule, temperature, sweep limit) with the random stream
 * `seed / 'run' / trial`, so that trial t of a spec replays bit for bit.
 *
 * @example
 * ```ts
 * const { state } = network.run(cue, specRunOptions(spec, 0));
 * ```
 */
export function specRunOptions(spec: NetworkSpec, trial = 0): RunOptions {
  return { schedule: spec.run.schedule, temperature: spec.run.temperature, maxSweeps: spec.run.maxSweeps, rng: createRng(spec.seed).child('run').child(String(trial)) };
}
