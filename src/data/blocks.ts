import { InvalidValueError, assertPositiveInteger } from '../errors.js';
import type { Rng } from '../rng/rng.js';

/** Options for {@link shuffledBlocks}. */
export interface BlockOptions {
  /** Number of blocks (e.g. independent runs). */
  readonly blocks: number;
  /** Items per block. */
  readonly size: number;
}

/**
 * Disjoint blocks of item indices after a seeded shuffle: one uniformly random permutation of
 * `0..count-1` (Fisher-Yates, drawn from `rng`), cut into `blocks` consecutive slices of `size`.
 * The UHN protocol (Millidge et al. 2022, `plotting.py`) runs each of its 5 runs on its own
 * block of a shuffled data set in the same way. The blocks are a function of the stream's seed
 * only, so give every task the same named stream (e.g. `createRng(dataSeed).child('blocks')`)
 * and any number of workers sees the same blocks.
 *
 * @throws {@link InvalidValueError} when `blocks * size > count` or a size is not a positive integer.
 * @example
 * ```ts
 * const [run0, run1] = shuffledBlocks(10_000, { blocks: 2, size: 100 }, createRng(0).child('blocks'));
 * const X = selectPatterns(digits, run0);
 * ```
 */
export function shuffledBlocks(count: number, options: BlockOptions, rng: Rng): Int32Array[] {
  assertPositiveInteger('count', count);
  assertPositiveInteger('blocks', options.blocks);
  assertPositiveInteger('size', options.size);
  if (options.blocks * options.size > count) {
    throw new InvalidValueError('size', `${options.blocks} disjoint blocks of ${options.size} need ${options.blocks * options.size} items, only ${count} exist`, 'use fewer or smaller blocks, or more data');
  }
  const order = rng.permutation(count);
  return Array.from({ length: options.blocks }, (_, b) => order.slice(b * options.size, (b + 1) * options.size));
}
