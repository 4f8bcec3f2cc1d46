import { InvalidValueError, ShapeError } from '../../src/errors.js';
import type { RecurrentNetwork } from '../../src/network/recurrent-network.js';
import { flipBits } from '../../src/patterns/corrupt.js';
import type { BipolarPatterns } from '../../src/patterns/pattern-set.js';
import type { Rng } from '../../src/rng/rng.js';
import { sequentialLearner, type SequentialLearnerOptions, type TaskReport } from './sequential-learner.js';

/** How recall of a task is measured. */
export interface RecallOptions {
  /** Fraction of bits flipped in each cue, in [0, 0.5]. Defaults to 0.1. */
  readonly noise?: number;
  /** Sweep limit of the recall dynamics. Defaults to 50. */
  readonly maxSweeps?: number;
}

/** Recall of one task by one network. */
export interface TaskRecall {
  /** Patterns whose noisy cue ran to the pattern itself. */
  readonly recalled: number;
  /** Patterns that are fixed points of the dynamics. */
  readonly stable: number;
  /** Patterns in the task. */
  readonly count: number;
}

/**
 * Recall of every pattern of `task` by `network`: a cue with a fraction `noise` of its bits flipped
 * is run with random-permutation sweeps, and counts when it ends exactly at the pattern; a pattern
 * is stable when it is a fixed point (the measure of McAlister et al. 2025).
 *
 * @example
 * ```ts
 * taskRecall(learner.network()!, tasks[0], { noise: 0.1 }, rng); // { recalled, stable, count }
 * ```
 */
export function taskRecall(network: RecurrentNetwork, task: BipolarPatterns, options: RecallOptions, rng: Rng): TaskRecall {
  const noise = options.noise ?? 0.1;
  const maxSweeps = options.maxSweeps ?? 50;
  const n = task.dim;
  let recalled = 0;
  let stable = 0;
  const cue = new Int8Array(n);
  for (let mu = 0; mu < task.count; mu++) {
    const xi = task.data.subarray(mu * n, (mu + 1) * n);
    if (network.isFixedPoint(xi)) stable++;
    flipBits(xi, noise, rng, cue);
    const { state } = network.run(cue, { schedule: 'random-permutation', rng, maxSweeps });
    let same = true;
    for (let j = 0; j < n; j++) if (state[j] !== xi[j]) { same = false; break; }
    if (same) recalled++;
  }
  return { recalled, stable, count: task.count };
}

/** Options of {@link learnSequence}: the learner's (without `dim`, taken from the tasks) and the recall measure. */
export interface SequenceOptions extends Omit<SequentialLearnerOptions, 'dim'>, RecallOptions {}

/** The outcome of learning a task sequence. */
export interface SequenceResult {
  /** `recall[t][s]`: fraction of task s recalled after learning tasks 0..t (the full T x T matrix; s > t are tasks not yet seen). */
  readonly recall: number[][];
  /** `stable[t][s]`: fraction of task s that are fixed points after learning tasks 0..t. */
  readonly stable: number[][];
  /** One report per task. */
  readonly reports: TaskReport[];
}

/**
 * Learns `tasks` one after another with a {@link sequentialLearner} and measures recall of every
 * task after each (Lopez-Paz and Ranzato 2017's accuracy matrix R, here with recall).
 *
 * @throws {@link ShapeError} for an empty sequence or tasks of different lengths;
 * {@link InvalidValueError} for noise outside [0, 0.5]; the learner's errors.
 * @example
 * ```ts
 * const { recall } = learnSequence(randomTasks({ tasks: 3, perTask: 8, dim: 32 }, rng), { kernel: linear(), rule: hebbian(), rng });
 * averageFinalRecall(recall);
 * ```
 */
export function learnSequence(tasks: readonly BipolarPatterns[], options: SequenceOptions & { readonly rng: Rng }): SequenceResult {
  if (tasks.length === 0) throw new ShapeError('tasks', 'is empty', 'pass at least one task');
  const dim = tasks[0]!.dim;
  for (const [t, task] of tasks.entries()) if (task.dim !== dim) throw new ShapeError('tasks', `task ${t} has patterns of length ${task.dim}, task 0 of length ${dim}`, 'pass tasks of one network size');
  const noise = options.noise ?? 0.1;
  if (!(noise >= 0 && noise <= 0.5)) throw new InvalidValueError('noise', `must be in [0, 0.5], got ${noise}`, 'pass the fraction of flipped cue bits');
  const learner = sequentialLearner({ ...options, dim });
  const recall: number[][] = [];
  const stable: number[][] = [];
  const reports: TaskReport[] = [];
  for (const [t, task] of tasks.entries()) {
    reports.push(learner.learnTask(task, options.rng.child(`learn:${t}`)));
    const network = learner.network()!;
    const cues = options.rng.child(`recall:${t}`);
    const measured = tasks.map((s) => taskRecall(network, s, options, cues));
    recall.push(measured.map((r) => r.recalled / r.count));
    stable.push(measured.map((r) => r.stable / r.count));
  }
  return { recall, stable, reports };
}

/**
 * Average final recall `(1 / T) sum_s R[T-1][s]` (Lopez-Paz and Ranzato 2017's ACC).
 *
 * @example
 * ```ts
 * averageFinalRecall([[1, 0], [0.5, 1]]); // 0.75
 * ```
 */
export function averageFinalRecall(recall: readonly (readonly number[])[]): number {
  const last = recall[recall.length - 1]!;
  return last.reduce((a, b) => a + b, 0) / last.length;
}

/**
 * Backward transfer `(1 / (T-1)) sum_{s < T-1} (R[T-1][s] - R[s][s])` (Lopez-Paz and Ranzato 2017):
 * how much learning later tasks changed recall of earlier ones (negative = forgetting); 0 for T = 1.
 *
 * @example
 * ```ts
 * backwardTransfer([[1, 0], [0.5, 1]]); // -0.5
 * ```
 */
export function backwardTransfer(recall: readonly (readonly number[])[]): number {
  const t = recall.length;
  if (t < 2) return 0;
  let sum = 0;
  for (let s = 0; s < t - 1; s++) sum += recall[t - 1]![s]! - recall[s]![s]!;
  return sum / (t - 1);
}
