/**
 * The retrieval protocol of the Universal Hopfield Networks benchmark (Millidge, Salvatori, Song,
 * Lukasiewicz and Bogacz 2022, "Universal Hopfield Networks", ICML), as their published code runs
 * it (github.com/BerenMillidge/Theory_Associative_Memory, `functions.py`: `general_update_rule`,
 * the similarity and separation functions, the perturbations and `PC_retrieve_store_continuous`).
 * Written from reading that code; none of it is copied.
 */
import {
  ParameterError, identitySeparation, maxSeparation, polynomialSeparation, softmaxSeparation, type Rng, type Separation,
} from '../../index.js';

/**
 * Similarities. Their forms (as in `functions.py`): `dot` = `normalized_dot_product` (each memory
 * and the query divided by its pixel sum, then the dot products divided by their sum),
 * `euclidean` = `1 / sum (q - m)^2` (the reciprocal of the SQUARED distance), `manhattan` =
 * `1 / sum |q - m|`. kmn's forms (src/kernels/universal-hopfield.ts): `neg-euclidean` =
 * `-||q - m||_2`, `neg-manhattan` = `-||q - m||_1`.
 */
export const uhnSimilarities = ['manhattan', 'euclidean', 'dot', 'neg-manhattan', 'neg-euclidean'] as const;
/** A similarity name. */
export type UhnSimilarity = (typeof uhnSimilarities)[number];

/** Separations: identity, softmax(beta x), polynomial x^p for p = 2, 3, 4, 10, and max (one-hot). */
export const uhnSeparations = ['identity', 'softmax', 'poly2', 'poly3', 'poly4', 'poly10', 'max'] as const;
/** A separation name. */
export type UhnSeparation = (typeof uhnSeparations)[number];

/** Whether a similarity is one of their (normalised, reciprocal) forms rather than kmn's negative distances. */
export function isTheirForm(similarity: UhnSimilarity): boolean {
  return !similarity.startsWith('neg-');
}

/**
 * Whether a separation is meaningful for a similarity. kmn's negative distances are scores `<= 0`
 * used unnormalised, so identity and `x^p` weight them wrongly: `(-d)^2` gives the most weight to
 * the farthest memory (q = (1, 1), m0 = (1, 0), m1 = (0, 2): scores (-1, -sqrt 2), `x^2` weights
 * (1, 2)). Only softmax (shift-invariant: `softmax(s + c) = softmax(s)`) and max (rank-based) read
 * them correctly, so the benchmark runs the negative forms with those two only. Their forms are
 * positive and normalised: every separation applies.
 *
 * @example
 * ```ts
 * separationApplies('neg-euclidean', 'poly2'); // false
 * separationApplies('euclidean', 'poly2');     // true
 * ```
 */
export function separationApplies(similarity: UhnSimilarity, separation: UhnSeparation): boolean {
  return isTheirForm(similarity) || separation === 'softmax' || separation === 'max';
}

/** The kmn separation function for a name (softmax with the given beta). */
export function separationFunction(name: UhnSeparation, beta: number): Separation {
  switch (name) {
    case 'identity': return identitySeparation;
    case 'softmax': return softmaxSeparation(beta);
    case 'max': return maxSeparation;
    default: return polynomialSeparation(Number(name.slice(4)));
  }
}

/**
 * The three raw comparisons of one query with the first `count` memories, in one pass over the
 * pixels: `dot[mu] = m.q`, `sq[mu] = ||q - m||^2`, `l1[mu] = ||q - m||_1`.
 */
export interface Comparisons {
  readonly dot: Float64Array;
  readonly sq: Float64Array;
  readonly l1: Float64Array;
}

/** Scratch arrays for {@link compare} (allocate once per task). */
export function comparisons(capacity: number): Comparisons {
  return { dot: new Float64Array(capacity), sq: new Float64Array(capacity), l1: new Float64Array(capacity) };
}

/** Fills `out` with the comparisons of `query` against memories `0..count-1` (pattern-major, `dim` each). */
export function compare(memories: Float64Array, dim: number, count: number, query: Float64Array, out: Comparisons): void {
  for (let mu = 0; mu < count; mu++) {
    const base = mu * dim;
    let dot = 0;
    let sq = 0;
    let l1 = 0;
    for (let j = 0; j < dim; j++) {
      const m = memories[base + j]!;
      const q = query[j]!;
      const d = q - m;
      dot += m * q;
      sq += d * d;
      l1 += d < 0 ? -d : d;
    }
    out.dot[mu] = dot;
    out.sq[mu] = sq;
    out.l1[mu] = l1;
  }
}

/**
 * The similarity scores of the first `count` memories, written into `out`.
 *
 * Their forms are normalised to sum 1, as `general_update_rule(norm=True)` does (`beta * sim`
 * divided by its sum: the `beta` cancels, so it is not a parameter here). Where their code divides
 * by zero (a query equal to a memory: distance 0), kmn takes the limit: the scores become uniform
 * over the memories at distance 0 and 0 elsewhere. A query with pixel sum 0 (everything masked)
 * makes every normalised dot product 0/0; kmn then gives every memory the same score.
 * kmn's forms are the negative distances, not normalised.
 */
export function similarityScores(kind: UhnSimilarity, c: Comparisons, count: number, memorySums: Float64Array, querySum: number, out: Float64Array): Float64Array {
  const s = out.subarray(0, count);
  if (kind === 'neg-euclidean') {
    for (let mu = 0; mu < count; mu++) s[mu] = -Math.sqrt(c.sq[mu]!);
    return s;
  }
  if (kind === 'neg-manhattan') {
    for (let mu = 0; mu < count; mu++) s[mu] = -c.l1[mu]!;
    return s;
  }
  if (kind === 'dot') {
    for (let mu = 0; mu < count; mu++) s[mu] = querySum > 0 && memorySums[mu]! > 0 ? c.dot[mu]! / (memorySums[mu]! * querySum) : 0;
    return normaliseInPlace(s);
  }
  const d = kind === 'euclidean' ? c.sq : c.l1;
  let zeros = 0;
  for (let mu = 0; mu < count; mu++) if (d[mu] === 0) zeros++;
  if (zeros > 0) {
    for (let mu = 0; mu < count; mu++) s[mu] = d[mu] === 0 ? 1 / zeros : 0;
    return s;
  }
  for (let mu = 0; mu < count; mu++) s[mu] = 1 / d[mu]!;
  return normaliseInPlace(s);
}

function normaliseInPlace(s: Float64Array): Float64Array {
  let sum = 0;
  for (let mu = 0; mu < s.length; mu++) sum += s[mu]!;
  if (sum > 0 && Number.isFinite(sum)) for (let mu = 0; mu < s.length; mu++) s[mu]! /= sum;
  else s.fill(1 / s.length);
  return s;
}

/**
 * Separation weights from scores (in place): `sep(scores)`, then, for their forms, divided by the
 * sum (`general_update_rule(norm=True)`); kmn's forms are used as they come (`P sep(sim)`, as
 * `universalHopfieldRecall`). A sum that is zero or not finite leaves non-finite weights: the
 * retrieval then counts as failed.
 */
export function separationWeights(scores: Float64Array, separation: Separation, normalise: boolean): Float64Array {
  const w = separation(scores);
  if (!normalise) return w;
  let sum = 0;
  for (let mu = 0; mu < w.length; mu++) sum += w[mu]!;
  for (let mu = 0; mu < w.length; mu++) w[mu]! /= sum;
  return w;
}

/** The recalled pattern `z = sum_mu w_mu m_mu` (memories are their own projections: auto-association). */
export function project(memories: Float64Array, dim: number, weights: Float64Array, out: Float64Array): Float64Array {
  out.fill(0);
  for (let mu = 0; mu < weights.length; mu++) {
    const w = weights[mu]!;
    if (w === 0) continue;
    const base = mu * dim;
    for (let j = 0; j < dim; j++) out[j]! += w * memories[base + j]!;
  }
  return out;
}

/** Squared error `sum_j (target_j - z_j)^2` (NaN when z is not finite). */
export function squaredError(target: Float64Array, recalled: Float64Array): number {
  let e = 0;
  for (let j = 0; j < target.length; j++) {
    const d = target[j]! - recalled[j]!;
    e += d * d;
  }
  return e;
}

/** Smallest image size at which the scaled threshold `60 * 784 / dim` is below `dim`: 217 pixels. */
export const MIN_THRESHOLD_DIM = Math.floor(Math.sqrt(60 * 784)) + 1;

/**
 * Their correctness threshold: squared error at most 60 for 784-pixel images, scaled by 784/dim
 * for other sizes (`plot_capacity_graphs` with `normalize_error_threshold`). The scaled threshold
 * grows as images shrink, and the squared error of an output in [0, 1]^dim is at most `dim`: for
 * `dim <= 216` (`60 * 784 / dim >= dim`) no retrieval could fail, so such sizes are refused.
 *
 * @param parameter - the parameter that sets the image size, named in the error.
 * @throws {@link ParameterError} when the threshold is `>= dim` (a criterion that cannot fail).
 */
export function errorThreshold(dim: number, parameter = 'dim'): number {
  const threshold = (60 * 784) / dim;
  if (!(threshold < dim)) {
    throw new ParameterError(
      parameter,
      `gives ${dim}-pixel images, whose error threshold 60 * 784 / ${dim} = ${threshold.toFixed(1)} is at least ${dim}, the largest squared error of a [0, 1] image: every retrieval would count as correct`,
      `use images of at least ${MIN_THRESHOLD_DIM} pixels (e.g. 28 x 28 = 784, or 16 x 16 = 256)`,
    );
  }
  return threshold;
}

/** Whether a retrieval is correct: a finite squared error at most `threshold` (from {@link errorThreshold}, computed once). */
export function isCorrect(error: number, threshold: number): boolean {
  return Number.isFinite(error) && error <= threshold;
}

/** Corruptions of a query. */
export type UhnCorruption = 'gaussian' | 'bottom-mask' | 'random-mask';

/**
 * A corrupted copy of `image` (values in [0, 1]) written into `out`:
 * `gaussian` (`gaussian_perturb_image`): `clamp(|x + N(0, level^2)|, 0, 1)`, level = standard deviation;
 * `bottom-mask` (`mask_continuous_img`): rows `floor(H (1 - level))` to `H - 1` set to 0
 * (level 0.5 is their `halve_continuous_img`);
 * `random-mask` (`random_mask_frac`): each pixel set to 0 when a uniform draw is <= level.
 */
export function corrupt(image: Float64Array, kind: UhnCorruption, level: number, height: number, rng: Rng, out: Float64Array): Float64Array {
  const dim = image.length;
  if (kind === 'gaussian') {
    for (let j = 0; j < dim; j++) {
      const v = Math.abs(image[j]! + level * rng.normal());
      out[j] = v > 1 ? 1 : v;
    }
    return out;
  }
  if (kind === 'bottom-mask') {
    const width = dim / height;
    const start = Math.floor(height * (1 - level)) * width;
    for (let j = 0; j < dim; j++) out[j] = j >= start ? 0 : image[j]!;
    return out;
  }
  for (let j = 0; j < dim; j++) out[j] = rng.uniform() <= level ? 0 : image[j]!;
  return out;
}
