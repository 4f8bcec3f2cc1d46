import { InvalidValueError } from '../../src/errors.js';
import type { Kernel } from '../../src/kernels/kernel.js';
import type { Patterns } from '../../src/patterns/pattern-set.js';
import { drive } from '../driver.js';
import type { LearningRule, RuleOptions } from '../rule.js';
import { neuronReport, recurrentProblems, type TrainOptions } from '../train.js';

/** Options of {@link storesAll}. */
export interface StoresAllOptions extends TrainOptions {
  /** Neurons to train first (e.g. the hardest neuron of {@link exactCapacity}); the rest follow in index order. */
  readonly first?: readonly number[];
}

/**
 * Whether a rule stores every pattern as a fixed point: trains the neurons of a recurrent network
 * one by one exactly as {@link trainProblems} does (same local problems, same per-neuron random
 * stream `rng.child("neuron:i")`, so every neuron's result is bit-identical), but stops at the first
 * neuron that does not separate its problem. The verdict equals
 * `trainCoefficients(...).reports.every((r) => r.separates)`; training the likely failure first
 * (`first`) makes a failing call cost one neuron's epoch budget instead of N.
 *
 * @throws {@link InvalidValueError} for a neuron index in `first` outside [0, N); the rule's own
 * errors (e.g. SingularMatrixError from the pseudoinverse).
 * @example
 * ```ts
 * storesAll(X, linear(), perceptron(), { maxEpochs: 2000, rng: createRng(1), first: [17] });
 * ```
 */
export function storesAll(patterns: Patterns, kernel: Kernel, rule: LearningRule<RuleOptions>, options: StoresAllOptions = {}): boolean {
  const n = patterns.dim;
  const first = options.first ?? [];
  for (const i of first) {
    if (!Number.isInteger(i) || i < 0 || i >= n) throw new InvalidValueError('first', `holds neuron ${i}, outside [0, ${n})`, 'pass neuron indices of the network');
  }
  const source = recurrentProblems(patterns, kernel, { bias: rule.options.bias ?? false });
  const gram = new Float64Array(source.count * source.count);
  const seen = new Uint8Array(n);
  const order = [...first];
  for (let i = 0; i < n; i++) order.push(i);
  const { first: _first, ...train } = options;
  for (const i of order) {
    if (seen[i]) continue;
    seen[i] = 1;
    const problem = source.problem(i, gram);
    const state = rule.init(problem);
    drive(rule, [{ problem, state, neuron: i }], train.rng ? { ...train, rng: train.rng.child(`neuron:${i}`) } : train);
    if (!neuronReport(problem, state, i).separates) return false;
  }
  return true;
}
