import { readFileSync } from 'node:fs';
import type { ContinuousPatterns } from '../../patterns/pattern-set.js';
import { parseIdx, type IdxArray } from '../idx.js';
import { imagesFromIdx, type ImagePatterns } from '../image-patterns.js';

/**
 * Reads and parses one IDX file (uncompressed) from disk; see `parseIdx` for the format.
 *
 * @throws {@link DataFormatError} on a wrong magic number or a truncated file.
 * @example
 * ```ts
 * const labels = readIdxFile('data/t10k-labels-idx1-ubyte'); // dims [10000]
 * ```
 */
export function readIdxFile(path: string): IdxArray {
  return parseIdx(readFileSync(path), path);
}

/** Paths for {@link loadIdxImages}. */
export interface IdxImagePaths {
  /** An image file, e.g. `train-images-idx3-ubyte` (dims `[count, height, width]`). */
  readonly images: string;
  /** The matching label file, e.g. `train-labels-idx1-ubyte` (optional). */
  readonly labels?: string;
}

/**
 * Loads an IDX image file (and its labels) as an image set with raw values (0..255 for MNIST
 * and Fashion-MNIST); scale with `toUnitInterval`.
 *
 * @throws {@link DataFormatError} for a malformed file; {@link ShapeError} when images are not
 * `[count, height, width]` or the label count differs.
 * @example
 * ```ts
 * const X = toUnitInterval(loadIdxImages({ images: 'fashion/t10k-images-idx3-ubyte', labels: 'fashion/t10k-labels-idx1-ubyte' }));
 * ```
 */
export function loadIdxImages(paths: IdxImagePaths): ImagePatterns<ContinuousPatterns> {
  const images = readIdxFile(paths.images);
  return imagesFromIdx(images, paths.labels === undefined ? undefined : readIdxFile(paths.labels));
}
