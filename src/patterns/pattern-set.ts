import { DuplicatePatternError, InvalidValueError, NotBipolarError, ShapeError, assertPositiveInteger } from '../errors.js';

/**
 * A set of `count` bipolar (+1/-1) patterns of dimension `dim`, stored pattern-major:
 * entry `j` of pattern `mu` is `data[mu * dim + j]`, so one pattern is one contiguous slice.
 *
 * @example
 * ```ts
 * const X = bipolarPatterns(Int8Array.of(1, -1, -1, 1), { count: 2, dim: 2 });
 * patternRow(X, 1); // Int8Array [-1, 1]
 * ```
 */
export interface BipolarPatterns {
  readonly kind: 'bipolar';
  readonly count: number;
  readonly dim: number;
  readonly data: Int8Array;
}

/** A set of `count` real-valued patterns of dimension `dim`, stored pattern-major. */
export interface ContinuousPatterns {
  readonly kind: 'continuous';
  readonly count: number;
  readonly dim: number;
  readonly data: Float64Array;
}

/** Either kind of pattern set. */
export type Patterns = BipolarPatterns | ContinuousPatterns;

/** The shape of a pattern set. */
export interface PatternShape {
  readonly count: number;
  readonly dim: number;
}

/**
 * Wraps and validates a bipolar pattern set.
 *
 * @throws {@link ShapeError} when `data.length !== count * dim`;
 * {@link NotBipolarError} when an entry is not +1 or -1.
 * @example
 * ```ts
 * const X = bipolarPatterns(new Int8Array([1, -1, 1, 1]), { count: 2, dim: 2 });
 * ```
 */
export function bipolarPatterns(data: Int8Array, shape: PatternShape, parameter = 'patterns'): BipolarPatterns {
  checkShape(parameter, data.length, shape);
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v !== 1 && v !== -1) {
      throw new NotBipolarError(parameter, `entry ${i % shape.dim} of pattern ${Math.floor(i / shape.dim)} is ${v}, not +1 or -1`);
    }
  }
  return { kind: 'bipolar', count: shape.count, dim: shape.dim, data };
}

/**
 * Wraps and validates a continuous pattern set.
 *
 * @throws {@link ShapeError} on a length mismatch; {@link InvalidValueError} on a non-finite entry.
 * @example
 * ```ts
 * const X = continuousPatterns(Float64Array.of(0.1, 2, -1, 0.5), { count: 2, dim: 2 });
 * ```
 */
export function continuousPatterns(data: Float64Array, shape: PatternShape, parameter = 'patterns'): ContinuousPatterns {
  checkShape(parameter, data.length, shape);
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i]!)) {
      throw new InvalidValueError(parameter, `entry ${i % shape.dim} of pattern ${Math.floor(i / shape.dim)} is ${data[i]}`, 'remove NaN and infinite values');
    }
  }
  return { kind: 'continuous', count: shape.count, dim: shape.dim, data };
}

function checkShape(parameter: string, length: number, shape: PatternShape): void {
  assertPositiveInteger(`${parameter}.count`, shape.count);
  assertPositiveInteger(`${parameter}.dim`, shape.dim);
  if (length !== shape.count * shape.dim) {
    throw new ShapeError(parameter, `data has ${length} entries but count x dim = ${shape.count} x ${shape.dim} = ${shape.count * shape.dim}`);
  }
}

/**
 * Pattern `mu` as a view (no copy) into the set's storage. Writing to it changes the stored
 * pattern, and every network built on the set; copy it (`patternRow(X, mu).slice()`) before
 * changing it. kmn's own corruptions (`flipBits`, `maskEntries`, ...) return new arrays.
 *
 * @example
 * ```ts
 * const xi = patternRow(X, 0);
 * const cue = patternRow(X, 0).slice(); cue[3] = -cue[3]!; // a private copy to edit
 * ```
 */
export function patternRow(patterns: BipolarPatterns, mu: number): Int8Array;
export function patternRow(patterns: ContinuousPatterns, mu: number): Float64Array;
export function patternRow(patterns: Patterns, mu: number): Int8Array | Float64Array;
export function patternRow(patterns: Patterns, mu: number): Int8Array | Float64Array {
  return patterns.data.subarray(mu * patterns.dim, (mu + 1) * patterns.dim);
}

/**
 * The patterns as continuous values (a copy for bipolar sets, the same object otherwise).
 *
 * @example
 * ```ts
 * const Xc = asContinuous(bipolarSet);
 * ```
 */
export function asContinuous(patterns: Patterns): ContinuousPatterns {
  if (patterns.kind === 'continuous') return patterns;
  return { kind: 'continuous', count: patterns.count, dim: patterns.dim, data: Float64Array.from(patterns.data) };
}

/**
 * Neuron-major copy of a pattern set: entry `mu` of neuron `i` is `out[i * count + mu]`.
 * The engine's hot loops read one neuron's entries across all patterns, so they use this layout.
 *
 * @example
 * ```ts
 * const T = neuronMajor(X); // T[i * X.count + mu] === X.data[mu * X.dim + i]
 * ```
 */
export function neuronMajor(patterns: BipolarPatterns): Int8Array;
export function neuronMajor(patterns: ContinuousPatterns): Float64Array;
export function neuronMajor(patterns: Patterns): Int8Array | Float64Array;
export function neuronMajor(patterns: Patterns): Int8Array | Float64Array {
  const { count: m, dim: n, data } = patterns;
  const out = patterns.kind === 'bipolar' ? new Int8Array(m * n) : new Float64Array(m * n);
  for (let mu = 0; mu < m; mu++) {
    const base = mu * n;
    for (let i = 0; i < n; i++) out[i * m + mu] = data[base + i]!;
  }
  return out;
}

/**
 * Throws a {@link DuplicatePatternError} if two patterns are identical, and an
 * {@link InvalidValueError} if a continuous pattern is all zeros.
 * Kernel matrices of sets with duplicates are singular, so storing them is an error.
 *
 * @example
 * ```ts
 * assertDistinct(X); // throws if pattern 3 equals pattern 7
 * ```
 */
export function assertDistinct(patterns: Patterns, parameter = 'patterns'): void {
  const { count: m, dim: n, data } = patterns;
  const seen = new Map<string, number>();
  const bytes = new TextDecoder('latin1'); // one char per byte: an injective key, in Node and browsers
  for (let mu = 0; mu < m; mu++) {
    const row = data.subarray(mu * n, (mu + 1) * n);
    if (patterns.kind === 'continuous' && row.every((v) => v === 0)) {
      throw new InvalidValueError(parameter, `pattern ${mu} is all zeros`, 'store non-zero patterns');
    }
    const key = patterns.kind === 'bipolar'
      ? bytes.decode(new Uint8Array(row.buffer, row.byteOffset, row.byteLength))
      : Array.prototype.join.call(row, ',');
    const first = seen.get(key);
    if (first !== undefined) throw new DuplicatePatternError(parameter, first, mu);
    seen.set(key, mu);
  }
}

/**
 * Throws a {@link ShapeError} unless `vector.length === dim`.
 *
 * @example
 * ```ts
 * assertLength('state', s, network.size);
 * ```
 */
export function assertLength(parameter: string, vector: ArrayLike<number>, dim: number): void {
  if (vector.length !== dim) {
    throw new ShapeError(parameter, `has length ${vector.length}, expected ${dim}`, `pass a vector of length ${dim}`);
  }
}

/**
 * Throws a {@link NotBipolarError} unless every entry of `vector` is +1 or -1.
 *
 * @example
 * ```ts
 * assertBipolarVector('cue', cue);
 * ```
 */
export function assertBipolarVector(parameter: string, vector: ArrayLike<number>): void {
  for (let i = 0; i < vector.length; i++) {
    const v = vector[i];
    if (v !== 1 && v !== -1) throw new NotBipolarError(parameter, `entry ${i} is ${v}, not +1 or -1`);
  }
}
