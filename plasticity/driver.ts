import { InvalidValueError } from '../src/errors.js';
import type { Rng } from '../src/rng/rng.js';
import { currentField, refreshFields, type LearningRule, type LocalProblem, type NeuronState, type RuleOptions } from './rule.js';

/** One neuron learning (or not) from one presented pattern. */
export interface PresentationEvent {
  readonly type: 'presentation';
  /** Index of the presentation in this training call (one pattern shown to every learning neuron). */
  readonly step: number;
  /** Epoch of this training call, from 0. */
  readonly epoch: number;
  readonly neuron: number;
  readonly pattern: number;
  /** The neuron's coefficients changed. */
  readonly updated: boolean;
  /** `y h` of this neuron on this pattern after the presentation. */
  readonly stability: number;
}

/** The end of an epoch (or of a curriculum, or of a closed-form solve). */
export interface EpochEvent {
  readonly type: 'epoch';
  /** Epoch of this training call, from 0. */
  readonly epoch: number;
  /** Neurons (of this call) whose stopping criterion holds. */
  readonly converged: number;
  /** Coefficient changes during this epoch, over all neurons of this call. */
  readonly updates: number;
  /** Whether training ends after this event. */
  readonly done: boolean;
}

/** An event of a training run. */
export type TrainingEvent = PresentationEvent | EpochEvent;

/**
 * Receives every event of a training run, synchronously, in order. Returning `false` stops
 * training after the current presentation (fields are left fresh and `converged` up to date).
 */
export type TrainingListener = (event: TrainingEvent) => boolean | void;

/** The most epochs one training call may run: a bound, so that an inseparable problem cannot run for days. */
export const MAX_EPOCHS = 1_000_000;

/** Options of the training driver ({@link fit}, {@link trainProblems}, {@link trainingSession}). */
export interface FitOptions {
  /**
   * Epochs this call may run (one epoch = M presentations), an integer in [1, {@link MAX_EPOCHS}];
   * training also stops as soon as every neuron's criterion holds. Defaults to 1000. Each call
   * continues from the state it is given, so two calls of 3 and 7 epochs equal one of 10.
   */
  readonly maxEpochs?: number;
  /** Presentation order: a fresh random permutation per epoch from this stream; fixed order 0..M-1 without it. */
  readonly rng?: Rng;
  /**
   * An explicit curriculum: pattern indices presented in this order, once (e.g. `[0, 0, 1, 1]`);
   * training then ends after a single epoch event. Implies `online`.
   */
  readonly sequence?: ArrayLike<number>;
  /** Present examples one by one even when the rule has a closed form `solve`. Defaults to false. */
  readonly online?: boolean;
  /** Receives the events; return `false` from it to stop. */
  readonly listener?: TrainingListener;
}

/** One neuron as the driver sees it: its problem, its state and its index in the network. */
export interface Learner {
  readonly problem: LocalProblem;
  readonly state: NeuronState;
  readonly neuron: number;
}

/** What a training call did. */
export interface DriveResult {
  /** Epochs run in this call. */
  readonly epochs: number;
  /** The listener asked to stop. */
  readonly stopped: boolean;
}

/**
 * @internal Validates driver options before any state changes; returns the epoch limit and the
 * curriculum (checked to hold pattern indices below `m`).
 */
export function checkFitOptions(options: FitOptions, m: number): { maxEpochs: number; sequence: Int32Array | null } {
  const maxEpochs = options.maxEpochs ?? 1000;
  if (!Number.isInteger(maxEpochs) || maxEpochs < 1 || maxEpochs > MAX_EPOCHS) {
    throw new InvalidValueError('maxEpochs', `must be an integer in [1, ${MAX_EPOCHS}], got ${maxEpochs}`, `pass a smaller limit; every epoch costs M presentations of O(M) each, and training may be continued by calling again with the same state`);
  }
  let sequence: Int32Array | null = null;
  if (options.sequence) {
    sequence = Int32Array.from(options.sequence);
    for (let t = 0; t < sequence.length; t++) {
      const mu = options.sequence[t]!;
      if (!(Number.isInteger(mu) && mu >= 0 && mu < m)) throw new InvalidValueError('sequence', `entry ${t} is ${mu}, not a pattern index in [0, ${m})`, 'list pattern indices only');
    }
  }
  return { maxEpochs, sequence };
}

/**
 * The training driver, the one loop in kmn that runs learning rules: every learner (neuron) is
 * shown the same pattern at each step (random order per epoch with `rng`, else 0..M-1, or the
 * given curriculum), applies `rule.partialFit` to its own problem (or to the example its rule
 * selects), and stops at the first epoch end where its `rule.isConverged` holds. Rules with a
 * closed form are solved in one step when not yet converged, except when `online` or a
 * `sequence` asks for presentations.
 * Events go to the listener; returning `false` from it stops training at once.
 *
 * @example
 * ```ts
 * drive(perceptron(), [{ problem, state: perceptron().init(problem), neuron: 0 }], { maxEpochs: 100 });
 * ```
 */
export function drive(rule: LearningRule<RuleOptions>, learners: readonly Learner[], options: FitOptions = {}): DriveResult {
  const m = learners.length > 0 ? learners[0]!.problem.count : 0;
  const { maxEpochs, sequence } = checkFitOptions(options, m);
  const listener = options.listener;
  const n = learners.length;
  if (rule.solve && !options.online && !sequence) {
    let converged = 0;
    let updates = 0;
    for (const { problem, state } of learners) {
      if (!rule.isConverged(problem, state)) {
        const before = state.updates;
        rule.solve(problem, state);
        updates += state.updates - before;
        state.epochs++;
      }
      state.converged = rule.isConverged(problem, state);
      if (state.converged) converged++;
    }
    listener?.({ type: 'epoch', epoch: 0, converged, updates, done: true });
    return { epochs: 1, stopped: false };
  }
  const active = new Int32Array(n);
  let live = 0;
  for (let k = 0; k < n; k++) {
    const { problem, state } = learners[k]!;
    if (state.w) refreshFields(problem, state);
    state.converged = rule.isConverged(problem, state);
    if (!state.converged || sequence) active[live++] = k;
  }
  const order = new Int32Array(m);
  for (let mu = 0; mu < m; mu++) order[mu] = mu;
  const epochs = sequence ? 1 : maxEpochs;
  const length = sequence ? sequence.length : m;
  const select = rule.select;
  const fused = select && rule.fitSelected && !listener && !sequence ? rule.fitSelected : undefined;
  let step = 0;
  let epoch = 0;
  let stopped = false;
  for (; epoch < epochs && live > 0 && !stopped; epoch++) {
    if (!sequence && options.rng) {
      // A fresh permutation of 0..M-1 per epoch (not a shuffle of the last one), so an epoch's
      // order depends on the rng stream only and a run split over several calls equals one call.
      for (let mu = 0; mu < m; mu++) order[mu] = mu;
      options.rng.shuffle(order);
    }
    let updates = 0;
    if (fused) {
      // Self-selecting rules ignore the shown pattern and learners are independent, so each
      // learner's epoch runs in one fused call: the same states as the interleaved loop below.
      for (let a = 0; a < live; a++) {
        const { problem, state } = learners[active[a]!]!;
        updates += fused(problem, state, length);
      }
      step += length;
    }
    for (let t = 0; t < length && !stopped && !fused; t++, step++) {
      const shown = sequence ? sequence[t]! : order[t]!;
      for (let a = 0; a < live; a++) {
        const { problem, state, neuron } = learners[active[a]!]!;
        const mu = select ? select(problem, state) : shown;
        const updated = rule.partialFit(problem, state, mu);
        if (updated) updates++;
        if (listener && listener({ type: 'presentation', step, epoch, neuron, pattern: mu, updated, stability: problem.labels[mu]! * currentField(problem, state, mu) }) === false) {
          stopped = true;
          break;
        }
      }
    }
    let kept = 0;
    for (let a = 0; a < live; a++) {
      const k = active[a]!;
      const { problem, state } = learners[k]!;
      if (!stopped) state.epochs++;
      if (state.w) refreshFields(problem, state);
      state.converged = rule.isConverged(problem, state);
      if (!state.converged) active[kept++] = k;
    }
    live = kept;
    if (stopped) break;
    let converged = 0;
    for (const { state } of learners) if (state.converged) converged++;
    const done = sequence !== null || live === 0 || epoch === epochs - 1;
    if (listener && listener({ type: 'epoch', epoch, converged, updates, done }) === false) {
      stopped = !done;
      epoch++;
      break;
    }
  }
  return { epochs: epoch, stopped };
}

/**
 * Trains one neuron on its problem with the driver: epochs of presentations until the rule's
 * criterion holds or `maxEpochs` (or the closed form, for rules that have one). Continues from
 * `state` (a fresh `rule.init(problem)` by default) and returns it.
 *
 * @throws {@link InvalidValueError} for `maxEpochs` outside [1, 1e6] or a bad `sequence`, before any state changes.
 * @example
 * ```ts
 * const rule = kernelAdatron({ tol: 1e-4 });
 * const state = fit(rule, problem, rule.init(problem), { maxEpochs: 500, rng: createRng(3) });
 * ```
 */
export function fit(rule: LearningRule<RuleOptions>, problem: LocalProblem, state: NeuronState = rule.init(problem), options: FitOptions = {}): NeuronState {
  drive(rule, [{ problem, state, neuron: 0 }], options);
  return state;
}
