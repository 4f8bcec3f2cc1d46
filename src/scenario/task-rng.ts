import type { Rng } from '../rng/rng.js';

/**
 * The random stream of task `index`: derived from the run's seed and the index only, so a task
 * draws the same numbers whichever worker runs it.
 *
 * @example
 * ```ts
 * const rng = taskRng(createRng(seed), 3);
 * ```
 */
export function taskRng(root: Rng, index: number): Rng {
  return root.child(`task:${index}`);
}
