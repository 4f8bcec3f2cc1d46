import { assertPositive, assertPositiveInteger } from '../errors.js';

/**
 * A similarity function of the Universal Hopfield Network view (Millidge et al. 2022):
 * `sim(m, q)` between a stored memory `m` and a query `q`.
 */
export type Similarity = (m: ArrayLike<number>, q: ArrayLike<number>) => number;

/**
 * A separation function: sharpens a vector of similarities in place (`scores` -> `sep(scores)`).
 */
export type Separation = (scores: Float64Array) => Float64Array;

/**
 * Dot-product similarity `m . q`.
 *
 * @example
 * ```ts
 * dotSimilarity([1, 2], [3, 4]); // 11
 * ```
 */
export const dotSimilarity: Similarity = (m, q) => {
  let s = 0;
  for (let j = 0; j < m.length; j++) s += m[j]! * q[j]!;
  return s;
};

/**
 * Negative Euclidean distance `-||m - q||_2`.
 *
 * @example
 * ```ts
 * negativeEuclidean([0, 0], [3, 4]); // -5
 * ```
 */
export const negativeEuclidean: Similarity = (m, q) => {
  let s = 0;
  for (let j = 0; j < m.length; j++) {
    const d = m[j]! - q[j]!;
    s += d * d;
  }
  return -Math.sqrt(s);
};

/**
 * Negative Manhattan distance `-||m - q||_1`.
 *
 * @example
 * ```ts
 * negativeManhattan([0, 0], [3, -4]); // -7
 * ```
 */
export const negativeManhattan: Similarity = (m, q) => {
  let s = 0;
  for (let j = 0; j < m.length; j++) s += Math.abs(m[j]! - q[j]!);
  return -s;
};

/**
 * Identity separation (the classical Hopfield network and the SDM read-out).
 *
 * @example
 * ```ts
 * identitySeparation(Float64Array.of(1, 2)); // [1, 2]
 * ```
 */
export const identitySeparation: Separation = (scores) => scores;

/**
 * Polynomial separation `x -> x^p` (dense associative memory).
 *
 * @example
 * ```ts
 * polynomialSeparation(3)(Float64Array.of(2, -1)); // [8, -1]
 * ```
 */
export function polynomialSeparation(degree: number): Separation {
  assertPositiveInteger('degree', degree);
  return (scores) => {
    for (let i = 0; i < scores.length; i++) scores[i] = scores[i]! ** degree;
    return scores;
  };
}

/**
 * Softmax separation `softmax(beta x)` (Ramsauer et al. 2021), computed with the maximum
 * subtracted so that no exponential overflows.
 *
 * @example
 * ```ts
 * softmaxSeparation(1)(Float64Array.of(1000, 1000)); // [0.5, 0.5]
 * ```
 */
export function softmaxSeparation(beta: number): Separation {
  assertPositive('beta', beta);
  return (scores) => softmaxInPlace(scores, beta);
}

/**
 * `softmax(beta x)` in place, shifted by `max(x)` (no overflow for any finite input).
 *
 * @example
 * ```ts
 * softmaxInPlace(Float64Array.of(0, Math.log(3)), 1); // [0.25, 0.75]
 * ```
 */
export function softmaxInPlace(scores: Float64Array, beta: number): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < scores.length; i++) if (scores[i]! > max) max = scores[i]!;
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    const e = Math.exp(beta * (scores[i]! - max));
    scores[i] = e;
    sum += e;
  }
  for (let i = 0; i < scores.length; i++) scores[i]! /= sum;
  return scores;
}

/**
 * Max separation: a one-hot vector at the (first) largest score (the zero-temperature softmax).
 *
 * @example
 * ```ts
 * maxSeparation(Float64Array.of(1, 5, 2)); // [0, 1, 0]
 * ```
 */
export const maxSeparation: Separation = (scores) => {
  let best = 0;
  for (let i = 1; i < scores.length; i++) if (scores[i]! > scores[best]!) best = i;
  scores.fill(0);
  if (scores.length > 0) scores[best] = 1;
  return scores;
};

/** Options for {@link universalHopfieldRecall}. */
export interface UniversalHopfieldOptions {
  readonly similarity: Similarity;
  readonly separation: Separation;
}

/**
 * One-shot recall `P sep(sim(M, q))` of the Universal Hopfield Network framework: memories
 * and projection are pattern-major (`count x dim` and `count x outDim`).
 *
 * @example
 * ```ts
 * const out = universalHopfieldRecall(X.data, X.data, X.count, cue,
 *   { similarity: dotSimilarity, separation: softmaxSeparation(8) });
 * ```
 */
export function universalHopfieldRecall(
  memories: ArrayLike<number> & { subarray(a: number, b: number): ArrayLike<number> },
  projection: ArrayLike<number>,
  count: number,
  query: ArrayLike<number>,
  options: UniversalHopfieldOptions,
): Float64Array {
  const dim = query.length;
  const outDim = projection.length / count;
  const scores = new Float64Array(count);
  for (let mu = 0; mu < count; mu++) scores[mu] = options.similarity(memories.subarray(mu * dim, (mu + 1) * dim), query);
  const w = options.separation(scores);
  const out = new Float64Array(outDim);
  for (let mu = 0; mu < count; mu++) {
    const c = w[mu]!;
    if (c === 0) continue;
    const base = mu * outDim;
    for (let j = 0; j < outDim; j++) out[j]! += c * projection[base + j]!;
  }
  return out;
}
