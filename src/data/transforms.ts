import { InvalidValueError, ShapeError, assertPositiveInteger } from '../errors.js';
import type { BipolarPatterns, ContinuousPatterns, Patterns } from '../patterns/pattern-set.js';
import { hasImageShape, type ImagePatterns, type ImageShape } from './image-patterns.js';

/**
 * The result type of a transform from `P` to a pattern set of kind `Q`: an {@link ImagePatterns}
 * (image shape and labels kept) when the input is one, a plain `Q` otherwise.
 *
 * @example
 * ```ts
 * const B: Transformed<ImagePatterns<ContinuousPatterns>, BipolarPatterns> = binarise(digits);
 * B.image; // { height: 28, width: 28 }
 * ```
 */
export type Transformed<P extends Patterns, Q extends Patterns> = P extends ImagePatterns ? ImagePatterns<Q> : Q;

function carry<P extends Patterns, Q extends Patterns>(source: P, out: Q, image?: ImageShape): Transformed<P, Q> {
  const extra: Record<string, unknown> = {};
  const labels = (source as { labels?: Int32Array }).labels;
  if (hasImageShape(source)) extra.image = image ?? source.image;
  if (labels !== undefined) extra.labels = labels;
  return { ...out, ...extra } as unknown as Transformed<P, Q>;
}

/** Options for {@link toUnitInterval}. */
export interface UnitIntervalOptions {
  /** The value that maps to 0 (default 0). */
  readonly lo?: number;
  /** The value that maps to 1 (default 255, the range of 8-bit images). */
  readonly hi?: number;
}

/**
 * Scales values from `[lo, hi]` to `[0, 1]`: `x -> (x - lo) / (hi - lo)`. MNIST files hold
 * 0..255; torchvision's `ToTensor` (used by the UHN code) makes the same `x / 255`.
 *
 * @throws {@link InvalidValueError} when `hi <= lo` or a value lies outside `[lo, hi]`.
 * @example
 * ```ts
 * toUnitInterval(imagesFromIdx(parseIdx(bytes)), { hi: 255 }).data; // values in [0, 1]
 * ```
 */
export function toUnitInterval<P extends Patterns>(patterns: P, options: UnitIntervalOptions = {}): Transformed<P, ContinuousPatterns> {
  const lo = options.lo ?? 0;
  const hi = options.hi ?? 255;
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi <= lo) {
    throw new InvalidValueError('hi', `must be finite and above lo = ${lo}, got ${hi}`, 'pass the range of the raw values, e.g. { lo: 0, hi: 255 }');
  }
  const src = patterns.data;
  const data = new Float64Array(src.length);
  const scale = 1 / (hi - lo);
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    if (!(v >= lo && v <= hi)) {
      throw new InvalidValueError('patterns', `entry ${i % patterns.dim} of pattern ${Math.floor(i / patterns.dim)} is ${v}, outside [${lo}, ${hi}]`, 'pass the true range of the data as { lo, hi }');
    }
    data[i] = (v - lo) * scale;
  }
  return carry(patterns, { kind: 'continuous', count: patterns.count, dim: patterns.dim, data });
}

/** Options for {@link binarise}. */
export interface BinariseOptions {
  /** Values strictly above it become +1, the others -1 (default 0.5). */
  readonly threshold?: number;
}

/**
 * Binarises to bipolar patterns: `x -> +1 if x > threshold else -1` (ink +1, background -1 for
 * digits scaled to [0, 1]). kmn's binary networks store bipolar patterns (DESIGN.md section 1).
 *
 * @throws {@link InvalidValueError} when the threshold is not finite or an entry is NaN.
 * @example
 * ```ts
 * const B = binarise(digits, { threshold: 0.5 }); // BipolarPatterns with the digits' image shape
 * ```
 */
export function binarise<P extends Patterns>(patterns: P, options: BinariseOptions = {}): Transformed<P, BipolarPatterns> {
  const threshold = options.threshold ?? 0.5;
  if (!Number.isFinite(threshold)) throw new InvalidValueError('threshold', `must be finite, got ${threshold}`, 'pass a number such as 0.5');
  const src = patterns.data;
  const data = new Int8Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    // NaN > threshold is false: without this check a missing pixel would silently become background.
    if (Number.isNaN(v)) throw new InvalidValueError('patterns', `entry ${i % patterns.dim} of pattern ${Math.floor(i / patterns.dim)} is NaN`, 'replace missing values before binarising');
    data[i] = v > threshold ? 1 : -1;
  }
  return carry(patterns, { kind: 'bipolar', count: patterns.count, dim: patterns.dim, data });
}

/**
 * Maps [0, 1] to [-1, 1] linearly: `x -> 2x - 1` (continuous, no thresholding; the inverse of
 * the UHN code's `bipolar_to_binary`).
 *
 * @throws {@link InvalidValueError} when a value lies outside [0, 1].
 * @example
 * ```ts
 * toBipolar(toUnitInterval(X)); // values in [-1, 1]
 * ```
 */
export function toBipolar<P extends Patterns>(patterns: P): Transformed<P, ContinuousPatterns> {
  const src = patterns.data;
  const data = new Float64Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    if (!(v >= 0 && v <= 1)) {
      throw new InvalidValueError('patterns', `entry ${i % patterns.dim} of pattern ${Math.floor(i / patterns.dim)} is ${v}, outside [0, 1]`, 'scale the data first with toUnitInterval');
    }
    data[i] = 2 * v - 1;
  }
  return carry(patterns, { kind: 'continuous', count: patterns.count, dim: patterns.dim, data });
}

/**
 * The mean pattern `m_j = (1/M) sum_mu x_j^mu` (the mean image of an image set).
 *
 * @throws {@link InvalidValueError} for a set with no pattern.
 * @example
 * ```ts
 * const m = meanPattern(digits); // Float64Array of length 784
 * ```
 */
export function meanPattern(patterns: Patterns): Float64Array {
  const { count, dim, data } = patterns;
  if (count === 0) throw new InvalidValueError('patterns', 'is empty: the mean of 0 patterns is undefined (0 / 0)', 'pass at least one pattern, or give centre an explicit mean');
  const mean = new Float64Array(dim);
  for (let mu = 0; mu < count; mu++) {
    const base = mu * dim;
    for (let j = 0; j < dim; j++) mean[j]! += data[base + j]!;
  }
  for (let j = 0; j < dim; j++) mean[j]! /= count;
  return mean;
}

/** Options for {@link centre}. */
export interface CentreOptions {
  /** The mean to subtract (default: the set's own mean pattern); pass a training set's mean to centre test data alike. */
  readonly mean?: ArrayLike<number>;
}

/**
 * Subtracts the mean pattern: `x^mu -> x^mu - m`. Digits are biased (mostly background) and
 * correlated; centring removes the common component that makes Hebbian memories collapse to
 * one state (Amit, Gutfreund and Sompolinsky 1987 on biased patterns).
 *
 * @throws {@link ShapeError} when `mean` has the wrong length; {@link InvalidValueError} when it has
 * a non-finite entry, or when none is given and the set is empty.
 * @example
 * ```ts
 * const C = centre(digits); // meanPattern(C) is 0 up to rounding
 * ```
 */
export function centre<P extends Patterns>(patterns: P, options: CentreOptions = {}): Transformed<P, ContinuousPatterns> {
  const { count, dim, data: src } = patterns;
  const mean = options.mean ?? meanPattern(patterns);
  if (mean.length !== dim) throw new ShapeError('mean', `has length ${mean.length}, expected ${dim}`, 'pass a mean pattern of the same dimension');
  for (let j = 0; j < dim; j++) if (!Number.isFinite(mean[j]!)) throw new InvalidValueError('mean', `entry ${j} is ${mean[j]}`, 'pass a finite mean pattern, e.g. meanPattern(trainingSet)');
  const data = new Float64Array(src.length);
  for (let mu = 0; mu < count; mu++) {
    const base = mu * dim;
    for (let j = 0; j < dim; j++) data[base + j] = src[base + j]! - mean[j]!;
  }
  return carry(patterns, { kind: 'continuous', count, dim, data });
}

/**
 * Downsamples images by averaging non-overlapping `factor x factor` blocks of pixels (average
 * pooling): a 28 x 28 digit becomes 14 x 14 at factor 2, 7 x 7 at factor 4.
 *
 * @throws {@link ShapeError} when the set has no image shape or `factor` does not divide height
 * and width; {@link InvalidValueError} when `factor` is not a positive integer.
 * @example
 * ```ts
 * const small = downsample(digits, 2); // small.image = { height: 14, width: 14 }, dim 196
 * ```
 */
export function downsample<P extends ImagePatterns>(patterns: P, factor: number): ImagePatterns<ContinuousPatterns> {
  assertPositiveInteger('factor', factor);
  if (!hasImageShape(patterns)) {
    throw new ShapeError('patterns', 'have no image shape', 'attach one with withImageShape(patterns, { height, width })');
  }
  const { height, width } = patterns.image;
  if (height % factor !== 0 || width % factor !== 0) {
    throw new ShapeError('factor', `${factor} does not divide the image size ${height} x ${width}`, `pass a common divisor of ${height} and ${width}`);
  }
  const h = height / factor;
  const w = width / factor;
  const dim = h * w;
  const { count, data: src } = patterns;
  const data = new Float64Array(count * dim);
  const norm = 1 / (factor * factor);
  for (let mu = 0; mu < count; mu++) {
    const inBase = mu * patterns.dim;
    const outBase = mu * dim;
    for (let r = 0; r < height; r++) {
      const row = Math.floor(r / factor) * w;
      for (let c = 0; c < width; c++) data[outBase + row + Math.floor(c / factor)]! += src[inBase + r * width + c]! * norm;
    }
  }
  return carry(patterns, { kind: 'continuous', count, dim, data }, { height: h, width: w }) as ImagePatterns<ContinuousPatterns>;
}
