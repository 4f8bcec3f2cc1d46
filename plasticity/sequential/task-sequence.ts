import { InvalidValueError, ShapeError } from '../../src/errors.js';
import { correlatedBipolar, randomBipolar } from '../../src/patterns/generate.js';
import { bipolarPatterns, type BipolarPatterns } from '../../src/patterns/pattern-set.js';
import type { Rng } from '../../src/rng/rng.js';

/** Shape of a task sequence: T tasks of `perTask` patterns each. */
export interface TaskSequenceShape {
  /** Number of tasks T >= 1. */
  readonly tasks: number;
  /** Patterns per task, >= 1. */
  readonly perTask: number;
}

function checkShape(shape: TaskSequenceShape): void {
  if (!(Number.isInteger(shape.tasks) && shape.tasks >= 1)) throw new InvalidValueError('tasks', `must be a positive integer, got ${shape.tasks}`, 'pass the number of tasks, e.g. 5');
  if (!(Number.isInteger(shape.perTask) && shape.perTask >= 1)) throw new InvalidValueError('perTask', `must be a positive integer, got ${shape.perTask}`, 'pass the patterns per task, e.g. 10');
}

/**
 * T tasks of independent random bipolar patterns (`P(xi = +1) = sparseness`), the task sets of
 * McAlister, Robins and Szymanski (2025) and of the classical sequential-learning experiments on
 * Hopfield networks (Robins and McCallum 1998).
 *
 * @throws {@link InvalidValueError} for a shape out of range.
 * @example
 * ```ts
 * const tasks = randomTasks({ tasks: 5, perTask: 10, dim: 64 }, createRng(1)); // 5 x BipolarPatterns(10 x 64)
 * ```
 */
export function randomTasks(options: TaskSequenceShape & { readonly dim: number; readonly sparseness?: number }, rng: Rng): BipolarPatterns[] {
  checkShape(options);
  return Array.from({ length: options.tasks }, (_, t) => randomBipolar({ count: options.perTask, dim: options.dim, sparseness: options.sparseness ?? 0.5 }, rng.child(`task:${t}`)));
}

/**
 * Structured tasks: the patterns of task t descend from a random parent of their own
 * (`correlatedBipolar`: entry correlation `rho` within a task, none across tasks), like the
 * examples of one class; tasks differ as classes do.
 *
 * @throws {@link InvalidValueError} for a shape or correlation out of range.
 * @example
 * ```ts
 * const tasks = correlatedTasks({ tasks: 5, perTask: 10, dim: 64, correlation: 0.3 }, createRng(1));
 * ```
 */
export function correlatedTasks(options: TaskSequenceShape & { readonly dim: number; readonly correlation: number }, rng: Rng): BipolarPatterns[] {
  checkShape(options);
  return Array.from({ length: options.tasks }, (_, t) => correlatedBipolar({ count: options.perTask, dim: options.dim, correlation: options.correlation }, rng.child(`task:${t}`)));
}

/**
 * Permuted-pattern tasks (permuted MNIST; Goodfellow et al. 2013, Kirkpatrick et al. 2017, and the
 * five permuted-digit tasks of McAlister et al. 2025): `tasks * perTask` distinct patterns are drawn
 * from `source` (e.g. binarised digits) without replacement; task t holds `perTask` of them with
 * their entries reordered by its own random permutation (task 0 keeps the original order). Within a
 * task the patterns keep their correlations; across tasks the permutations decorrelate them.
 *
 * @throws {@link ShapeError} if `source` holds fewer than `tasks * perTask` patterns.
 * @example
 * ```ts
 * const tasks = permutedTasks(binarise(downsample(loadMnist({ perDigit: 20 }), 4)), { tasks: 5, perTask: 8 }, createRng(2));
 * ```
 */
export function permutedTasks(source: BipolarPatterns, options: TaskSequenceShape, rng: Rng): BipolarPatterns[] {
  checkShape(options);
  const { tasks, perTask } = options;
  const n = source.dim;
  if (source.count < tasks * perTask) throw new ShapeError('source', `holds ${source.count} patterns, fewer than tasks x perTask = ${tasks * perTask}`, 'load more patterns or ask for fewer');
  const picks = rng.child('picks').sample(source.count, tasks * perTask);
  return Array.from({ length: tasks }, (_, t) => {
    const perm = t === 0 ? Int32Array.from({ length: n }, (_, j) => j) : rng.child(`permutation:${t}`).permutation(n);
    const data = new Int8Array(perTask * n);
    for (let k = 0; k < perTask; k++) {
      const src = picks[t * perTask + k]! * n;
      for (let j = 0; j < n; j++) data[k * n + j] = source.data[src + perm[j]!]!;
    }
    return bipolarPatterns(data, { count: perTask, dim: n });
  });
}
