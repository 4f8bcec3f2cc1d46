import { InvalidValueError, ShapeError, assertInRange, assertPositive, assertPositiveInteger } from '../errors.js';
import type { Rng } from '../rng/rng.js';
import type { BipolarPatterns, ContinuousPatterns, PatternShape } from './pattern-set.js';

/** Options for {@link randomBipolar}. */
export interface BipolarOptions extends PatternShape {
  /** `f = P(xi = +1)`; 0.5 gives unbiased patterns. */
  readonly sparseness?: number;
}

/**
 * Random bipolar patterns with independent entries, `P(xi = +1) = f` (the paper's sparseness).
 *
 * @example
 * ```ts
 * const X = randomBipolar({ count: 10, dim: 100, sparseness: 0.5 }, createRng(1));
 * ```
 */
export function randomBipolar(options: BipolarOptions, rng: Rng): BipolarPatterns {
  const { count, dim } = checkShape(options);
  const f = options.sparseness ?? 0.5;
  assertInRange('sparseness', f, 0, 1);
  const data = new Int8Array(count * dim);
  for (let i = 0; i < data.length; i++) data[i] = rng.uniform32() < f ? 1 : -1;
  return { kind: 'bipolar', count, dim, data };
}

/** Options for {@link gaussianPatterns}. */
export interface GaussianOptions extends PatternShape {
  /** Variance of each entry; defaults to 1 (the paper's N(0, I)). */
  readonly variance?: number;
}

/**
 * Patterns with i.i.d. entries from N(0, variance), as in Properties 6 and 7.
 *
 * @example
 * ```ts
 * const X = gaussianPatterns({ count: 20, dim: 50 }, rng);
 * ```
 */
export function gaussianPatterns(options: GaussianOptions, rng: Rng): ContinuousPatterns {
  const { count, dim } = checkShape(options);
  const variance = options.variance ?? 1;
  assertPositive('variance', variance);
  const sd = Math.sqrt(variance);
  const data = new Float64Array(count * dim);
  for (let i = 0; i < data.length; i++) data[i] = sd * rng.normal();
  return { kind: 'continuous', count, dim, data };
}

/** Options for {@link spherePatterns}. */
export interface SphereOptions extends PatternShape {
  /** Radius of the sphere; defaults to 1. */
  readonly radius?: number;
}

/**
 * Patterns uniform on the sphere of radius `radius` in `dim` dimensions (normalised Gaussians).
 *
 * @example
 * ```ts
 * const X = spherePatterns({ count: 17, dim: 3 }, rng); // the paper's Fig. 2 setting
 * ```
 */
export function spherePatterns(options: SphereOptions, rng: Rng): ContinuousPatterns {
  const { count, dim } = checkShape(options);
  const radius = options.radius ?? 1;
  assertPositive('radius', radius);
  const data = new Float64Array(count * dim);
  for (let mu = 0; mu < count; mu++) {
    const base = mu * dim;
    let norm2 = 0;
    do {
      norm2 = 0;
      for (let j = 0; j < dim; j++) {
        const v = rng.normal();
        data[base + j] = v;
        norm2 += v * v;
      }
    } while (norm2 === 0);
    const scale = radius / Math.sqrt(norm2);
    for (let j = 0; j < dim; j++) data[base + j]! *= scale;
  }
  return { kind: 'continuous', count, dim, data };
}

/** Options for {@link correlatedBipolar}. */
export interface CorrelatedOptions extends BipolarOptions {
  /**
   * Pearson correlation `rho` in [0, 1] between the same entry of two different patterns.
   * Each pattern copies a shared parent entry with probability `sqrt(rho)` and otherwise
   * draws it afresh, so `corr(xi_j^mu, xi_j^nu) = rho` for `mu != nu`.
   */
  readonly correlation: number;
}

/**
 * Correlated bipolar patterns: descendants of one random parent (a one-level hierarchy).
 *
 * @example
 * ```ts
 * const X = correlatedBipolar({ count: 50, dim: 200, correlation: 0.3 }, rng);
 * // mean pairwise overlap xi^mu . xi^nu / N is about 0.3
 * ```
 */
export function correlatedBipolar(options: CorrelatedOptions, rng: Rng): BipolarPatterns {
  const { count, dim } = checkShape(options);
  const f = options.sparseness ?? 0.5;
  assertInRange('sparseness', f, 0, 1);
  assertInRange('correlation', options.correlation, 0, 1);
  const q = Math.sqrt(options.correlation);
  const parent = new Int8Array(dim);
  for (let j = 0; j < dim; j++) parent[j] = rng.uniform32() < f ? 1 : -1;
  const data = new Int8Array(count * dim);
  for (let mu = 0; mu < count; mu++) {
    const base = mu * dim;
    for (let j = 0; j < dim; j++) {
      data[base + j] = rng.uniform32() < q ? parent[j]! : rng.uniform32() < f ? 1 : -1;
    }
  }
  return { kind: 'bipolar', count, dim, data };
}

/** Options for {@link patternsFromData}. */
export interface FromDataOptions {
  /** Entries `>= threshold` become +1, the others -1. Defaults to 0. */
  readonly threshold?: number;
}

/**
 * Binarises a matrix of numbers (one row per pattern) to bipolar patterns around a threshold.
 *
 * @throws {@link ShapeError} for ragged rows; {@link InvalidValueError} for non-finite entries.
 * @example
 * ```ts
 * const X = patternsFromData([[0.2, 0.9], [0.7, 0.1]], { threshold: 0.5 }); // [[-1, 1], [1, -1]]
 * ```
 */
export function patternsFromData(rows: readonly (readonly number[])[], options: FromDataOptions = {}): BipolarPatterns {
  const threshold = options.threshold ?? 0;
  if (!Number.isFinite(threshold)) throw new InvalidValueError('threshold', `is ${threshold}`, 'pass a finite number');
  const count = rows.length;
  if (count === 0) throw new ShapeError('data', 'has no rows', 'pass at least one pattern');
  const dim = rows[0]!.length;
  assertPositiveInteger('data[0].length', dim);
  const data = new Int8Array(count * dim);
  rows.forEach((row, mu) => {
    if (row.length !== dim) throw new ShapeError(`data[${mu}]`, `has ${row.length} entries, row 0 has ${dim}`, 'pass rows of equal length');
    row.forEach((v, j) => {
      if (!Number.isFinite(v)) throw new InvalidValueError(`data[${mu}][${j}]`, `is ${v}`, 'remove NaN and infinite values');
      data[mu * dim + j] = v >= threshold ? 1 : -1;
    });
  });
  return { kind: 'bipolar', count, dim, data };
}

function checkShape(shape: PatternShape): PatternShape {
  assertPositiveInteger('count', shape.count);
  assertPositiveInteger('dim', shape.dim);
  return shape;
}
