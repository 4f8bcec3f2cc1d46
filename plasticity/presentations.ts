import { InvalidValueError, ParameterError, assertPositiveInteger } from '../src/errors.js';
import type { Kernel } from '../src/kernels/kernel.js';
import type { Patterns } from '../src/patterns/pattern-set.js';
import type { Rng } from '../src/rng/rng.js';
import { refreshFields, type LearningRule, type LocalProblem, type NeuronState, type RuleOptions } from './rule.js';
import { neuronReport, networkThreshold, recurrentProblems, type NeuronReport, type ProblemSource } from './train.js';

/** One neuron learning (or not) from one presented pattern. */
export interface PresentationEvent {
  readonly type: 'presentation';
  /** Index of the presentation in the stream (one pattern shown to every neuron). */
  readonly step: number;
  readonly epoch: number;
  readonly neuron: number;
  readonly pattern: number;
  /** The neuron's coefficients changed. */
  readonly updated: boolean;
  /** `y h` of this neuron on this pattern after the presentation. */
  readonly stability: number;
}

/** The end of an epoch (or of the whole sequence). */
export interface EpochEvent {
  readonly type: 'epoch';
  readonly epoch: number;
  /** Neurons whose stopping criterion holds. */
  readonly converged: number;
  /** Coefficient changes during this epoch, over all neurons. */
  readonly updates: number;
  /** Whether the stream ends after this event. */
  readonly done: boolean;
}

/** An event of a training stream. */
export type TrainingEvent = PresentationEvent | EpochEvent;

/** Options of {@link trainingSession} and {@link presentations}. */
export interface SessionOptions {
  /** Epoch limit; the stream also ends once every neuron has converged. Defaults to 1000. Ignored with `sequence`. */
  readonly maxEpochs?: number;
  /** Shuffles the presentation order of every epoch; fixed order 0..M-1 without it. */
  readonly rng?: Rng;
  /**
   * An explicit curriculum: pattern indices shown in this order, once (e.g. `[0, 0, 1, 1, 2, 2]`
   * for sequential learning). The stream then ends with a single epoch event.
   */
  readonly sequence?: ArrayLike<number>;
}

/**
 * A live, online training run of a whole network: every presented pattern is shown to every
 * neuron, each of which applies its rule's `partialFit` to its own local problem. Read the
 * current coefficients between events to interleave learning and recall.
 *
 * @example
 * ```ts
 * const session = trainingSession(recurrentProblems(X, linear()), perceptron(), { rng: createRng(1) });
 * for (const event of session.events()) if (event.type === 'epoch') net.setCoefficients(session.coefficients());
 * ```
 */
export interface TrainingSession {
  /** The stream of events; the underlying run advances as it is consumed (single use). */
  events(): Generator<TrainingEvent, void, undefined>;
  /** A copy of the current coefficients: `alpha` N x M neuron-major and `theta` length N (bias included). */
  coefficients(): { alpha: Float64Array; theta: Float64Array };
  /** The current per-neuron reports. */
  reports(): NeuronReport[];
}

/** Above this many kernel entries held at once (N M^2), a session refuses and suggests batch training. */
const MAX_SESSION_ENTRIES = 2 ** 26;

/**
 * Opens an online training session over the problems of a network. All N kernel matrices are
 * held at once (N M^2 numbers), since every pattern goes to every neuron.
 *
 * @throws {@link ParameterError} if N M^2 exceeds 2^26 (use {@link trainCoefficients} instead);
 * {@link InvalidValueError} for a sequence entry that is not a pattern index.
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
  const maxEpochs = options.maxEpochs ?? 1000;
  assertPositiveInteger('maxEpochs', maxEpochs);
  const sequence = options.sequence ? Int32Array.from(options.sequence) : null;
  if (sequence) {
    for (let t = 0; t < sequence.length; t++) {
      const mu = sequence[t]!;
      if (!(mu >= 0 && mu < m)) throw new InvalidValueError('sequence', `entry ${t} is ${mu}, not a pattern index in [0, ${m})`, 'list pattern indices only');
    }
  }
  const problems: LocalProblem[] = [];
  const states: NeuronState[] = [];
  for (let i = 0; i < n; i++) {
    const problem = source.problem(i);
    problems.push(problem);
    states.push(rule.init(problem));
  }
  let started = false;

  function* events(): Generator<TrainingEvent, void, undefined> {
    if (started) throw new ParameterError('events', 'a training session streams once', 'open a new session to train again');
    started = true;
    const order = new Int32Array(m);
    for (let mu = 0; mu < m; mu++) order[mu] = mu;
    const epochs = sequence ? 1 : maxEpochs;
    const length = sequence ? sequence.length : m;
    let step = 0;
    for (let epoch = 0; epoch < epochs; epoch++) {
      if (!sequence && options.rng) options.rng.shuffle(order);
      let updates = 0;
      for (let t = 0; t < length; t++, step++) {
        const shown = sequence ? sequence[t]! : order[t]!;
        for (let i = 0; i < n; i++) {
          const problem = problems[i]!;
          const state = states[i]!;
          const mu = rule.select ? rule.select(problem, state) : shown;
          const updated = rule.partialFit(problem, state, mu);
          if (updated) updates++;
          yield { type: 'presentation', step, epoch, neuron: i, pattern: mu, updated, stability: problem.labels[mu]! * state.field[mu]! };
        }
      }
      let converged = 0;
      for (let i = 0; i < n; i++) {
        const state = states[i]!;
        state.epochs++;
        if (state.w) refreshFields(problems[i]!, state);
        state.converged = rule.isConverged(problems[i]!, state);
        if (state.converged) converged++;
      }
      const done = epoch === epochs - 1 || (!sequence && converged === n);
      yield { type: 'epoch', epoch, converged, updates, done };
      if (done) return;
    }
  }

  return {
    events,
    coefficients() {
      const alpha = new Float64Array(n * m);
      const theta = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        alpha.set(states[i]!.alpha, i * m);
        theta[i] = networkThreshold(problems[i]!, states[i]!);
      }
      return { alpha, theta };
    },
    reports: () => states.map((state, i) => neuronReport(problems[i]!, state, i)),
  };
}

/**
 * The online presentation stream of a recurrent network as a plain iterable of
 * {@link TrainingEvent}s (the RxJS form is `trainingEvents$`).
 *
 * @example
 * ```ts
 * for (const e of presentations(X, linear(), perceptron(), { maxEpochs: 20 })) if (e.type === 'epoch') console.log(e);
 * ```
 */
export function presentations(patterns: Patterns, kernel: Kernel, rule: LearningRule<RuleOptions>, options: SessionOptions = {}): Generator<TrainingEvent, void, undefined> {
  return trainingSession(recurrentProblems(patterns, kernel, { bias: rule.options.bias ?? false }), rule, options).events();
}
