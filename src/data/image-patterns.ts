import { InvalidValueError, ShapeError } from '../errors.js';
import { continuousPatterns, type BipolarPatterns, type ContinuousPatterns, type Patterns } from '../patterns/pattern-set.js';
import type { IdxArray } from './idx.js';

/** Height and width of an image; pixel `(r, c)` is entry `r * width + c` of a pattern. */
export interface ImageShape {
  readonly height: number;
  readonly width: number;
}

/**
 * A pattern set whose patterns are images (row-major, `dim = height * width`), with optional
 * integer class labels (one per pattern). It is still a {@link Patterns} value, so it goes
 * wherever a pattern set goes; the extra fields let figures draw the patterns as images.
 *
 * @example
 * ```ts
 * const digits: ImagePatterns<ContinuousPatterns> = loadMnist({ perDigit: 10 });
 * digits.image; // { height: 28, width: 28 }
 * digits.labels?.[0]; // 0
 * ```
 */
export type ImagePatterns<P extends Patterns = Patterns> = P & {
  readonly image: ImageShape;
  readonly labels?: Int32Array;
};

/**
 * Attaches an image shape (and labels) to a pattern set.
 *
 * @throws {@link ShapeError} when `height * width !== dim` or `labels.length !== count`;
 * {@link InvalidValueError} when height or width is not a positive integer.
 * @example
 * ```ts
 * const X = withImageShape(randomBipolar({ count: 4, dim: 16 }, rng), { height: 4, width: 4 });
 * ```
 */
export function withImageShape<P extends Patterns>(patterns: P, image: ImageShape, labels?: ArrayLike<number>): ImagePatterns<P> {
  for (const key of ['height', 'width'] as const) {
    if (!Number.isInteger(image[key]) || image[key] <= 0) {
      throw new InvalidValueError(`image.${key}`, `must be a positive integer, got ${image[key]}`, 'pass the image size in pixels');
    }
  }
  if (image.height * image.width !== patterns.dim) {
    throw new ShapeError('image', `${image.height} x ${image.width} = ${image.height * image.width} pixels, but the patterns have dim ${patterns.dim}`, 'pass height and width whose product is the pattern length');
  }
  if (labels !== undefined && labels.length !== patterns.count) {
    throw new ShapeError('labels', `has ${labels.length} entries for ${patterns.count} patterns`, 'pass one label per pattern');
  }
  const out = { ...patterns, image: { height: image.height, width: image.width } };
  return (labels === undefined ? out : { ...out, labels: Int32Array.from(labels) }) as ImagePatterns<P>;
}

/**
 * Whether a pattern set carries an image shape (so it can be drawn as an image grid).
 *
 * @example
 * ```ts
 * if (hasImageShape(X)) console.log(X.image.height);
 * ```
 */
export function hasImageShape<P extends Patterns>(patterns: P): patterns is ImagePatterns<P> {
  const image = (patterns as { image?: ImageShape }).image;
  return image !== undefined && image.height * image.width === patterns.dim;
}

/**
 * An image set from parsed IDX arrays: `images` of dimensions `[count, height, width]` (values
 * kept as they are, e.g. 0..255 for MNIST; scale with `toUnitInterval`) and optional `labels` of
 * dimensions `[count]`.
 *
 * @throws {@link ShapeError} when `images` is not 3-dimensional or the label count differs.
 * @example
 * ```ts
 * const X = toUnitInterval(imagesFromIdx(parseIdx(imageBytes), parseIdx(labelBytes)), { hi: 255 });
 * ```
 */
export function imagesFromIdx(images: IdxArray, labels?: IdxArray): ImagePatterns<ContinuousPatterns> {
  if (images.dims.length !== 3) {
    throw new ShapeError('images', `has dimensions [${images.dims.join(', ')}], expected [count, height, width]`, 'pass an IDX image file (magic 0x00000803)');
  }
  const [count, height, width] = images.dims as [number, number, number];
  if (labels !== undefined && (labels.dims.length !== 1 || labels.dims[0] !== count)) {
    throw new ShapeError('labels', `has dimensions [${labels.dims.join(', ')}] for ${count} images`, 'pass the label file that belongs to the image file');
  }
  const X = continuousPatterns(Float64Array.from(images.data), { count, dim: height * width }, 'images');
  return withImageShape(X, { height, width }, labels?.data);
}

/**
 * The patterns at `indices`, in that order (a copy), keeping image shape and labels.
 *
 * @throws {@link InvalidValueError} when an index is not an integer in `[0, count)`.
 * @example
 * ```ts
 * const block = selectPatterns(digits, Int32Array.of(5, 2, 9));
 * ```
 */
export function selectPatterns<P extends BipolarPatterns | ContinuousPatterns>(patterns: P, indices: ArrayLike<number>): P {
  const { dim, count } = patterns;
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    if (!Number.isInteger(i) || i < 0 || i >= count) {
      throw new InvalidValueError('indices', `entry ${k} is ${i}, outside 0..${count - 1}`, 'pass indices of existing patterns');
    }
  }
  if (indices.length === 0) throw new InvalidValueError('indices', 'is empty', 'select at least one pattern');
  const data = patterns.kind === 'bipolar' ? new Int8Array(indices.length * dim) : new Float64Array(indices.length * dim);
  for (let k = 0; k < indices.length; k++) {
    const src = indices[k]! * dim;
    data.set(patterns.data.subarray(src, src + dim), k * dim);
  }
  const source = patterns as P & { labels?: Int32Array };
  const out: Record<string, unknown> = { ...patterns, count: indices.length, data };
  if (source.labels !== undefined) {
    const labels = new Int32Array(indices.length);
    for (let k = 0; k < indices.length; k++) labels[k] = source.labels[indices[k]!]!;
    out.labels = labels;
  }
  return out as P;
}
