import { ParameterError } from '../src/errors.js';
import type { Kernel } from '../src/kernels/kernel.js';
import type { Patterns } from '../src/patterns/pattern-set.js';
import { checkFitOptions, drive, type DriveResult, type FitOptions, type Learner, type TrainingEvent, type TrainingListener } from './driver.js';
import type { LearningRule, RuleOptions } from './rule.js';
import { neuronReport, networkThreshold, recurrentProblems, type NeuronReport, type ProblemSource } from './train.js';

/** Options of {@link trainingSession}: the driver's, without a listener (it is given to `run`). */
export type SessionOptions = Omit<FitOptions, 'listener' | 'online'>;

/**
 * A live, online training run of a whole network: every presented pattern is shown to every
 * neuron, each of which applies its rule's `partialFit` to its own local problem, in lock-step,
 * through the one training driver. Read the current coefficients from the listener to interleave
 * learning and recall; return `false` from it to stop.
 *
 * @example
 * ```ts
 * const session = trainingSession(recurrentProblems(X, linear()), perceptron(), { rng: createRng(1) });
 * session.run((event) => { if (event.type === 'epoch') net.setCoefficients(session.coefficients()); });
 * ```
 */
export interface TrainingSession {
  /** Runs the session once, sending every event to `listener` (synchronously); returns what the driver did. */
  run(listener?: TrainingListener): DriveResult;
  /** A copy of the current coefficients: `alpha` N x M neuron-major, `theta` length N (bias included), and the kernel. */
  coefficients(): { alpha: Float64Array; theta: Float64Array; kernel: Kernel };
  /** The current per-neuron reports. */
  reports(): NeuronReport[];
}

/** Above this many kernel entries held at once (N M^2), a session refuses and suggests batch training. */
const MAX_SESSION_ENTRIES = 2 ** 26;

/**
 * Opens an online training session over the problems of a network. All N kernel matrices are
 * held at once (N M^2 numbers), since every pattern goes to every neuron. Rules with a closed
 * form are trained online here (one example at a time).
 *
 * @throws {@link ParameterError} if N M^2 exceeds 2^26 (use {@link trainCoefficients} instead);
 * {@link InvalidValueError} for a sequence entry that is not a pattern index or `maxEpochs` out of range.
 * @example
 * ```ts
 * const session = trainingSession(recurrentProblems(X, linear()), hebbian(), { sequence: [0, 1, 2] });
 * ```
 */
export function trainingSession(source: ProblemSource, rule: LearningRule<RuleOptions>, options: SessionOptions = {}): TrainingSession {
  const { neurons: n, count: m } = source;
  if (n * m * m > MAX_SESSION_ENTRIES) {
    throw new ParameterError('patterns', `an online session of N = ${n} neurons and M = ${m} patterns holds N M^2 = ${n * m * m} kernel entries`, 'train in batch with trainCoefficients, or use fewer neurons/patterns');
  }
  checkFitOptions(options, m);
  const learners: Learner[] = [];
  for (let i = 0; i < n; i++) {
    const problem = source.problem(i);
    learners.push({ problem, state: rule.init(problem), neuron: i });
  }
  let started = false;
  return {
    run(listener) {
      if (started) throw new ParameterError('run', 'a training session runs once', 'open a new session to train again, or continue each state with fit');
      started = true;
      return drive(rule, learners, { ...options, online: true, ...(listener ? { listener } : {}) });
    },
    coefficients() {
      const alpha = new Float64Array(n * m);
      const theta = new Float64Array(n);
      for (const { problem, state, neuron } of learners) {
        alpha.set(state.alpha, neuron * m);
        theta[neuron] = networkThreshold(problem, state);
      }
      return { alpha, theta, kernel: source.kernel };
    },
    reports: () => learners.map(({ problem, state, neuron }) => neuronReport(problem, state, neuron)),
  };
}

/**
 * Every event of an online training session of a recurrent network, collected into an array
 * (for small runs and inspection; use {@link trainingSession} with a listener, or
 * `trainingEvents$`, to react while training).
 *
 * @example
 * ```ts
 * const events = presentations(X, linear(), perceptron(), { maxEpochs: 20 });
 * events.filter((e) => e.type === 'epoch');
 * ```
 */
export function presentations(patterns: Patterns, kernel: Kernel, rule: LearningRule<RuleOptions>, options: SessionOptions = {}): TrainingEvent[] {
  const events: TrainingEvent[] = [];
  trainingSession(recurrentProblems(patterns, kernel, { bias: rule.options.bias ?? false }), rule, options).run((event) => {
    events.push(event);
  });
  return events;
}
