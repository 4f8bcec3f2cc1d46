import { InvalidValueError, assertInRange, assertPositiveInteger } from '../errors.js';
import type { Rng } from '../rng/rng.js';
import type { BipolarPatterns } from './pattern-set.js';
import { packBipolar, popcount32 } from '../network/hot-loops.js';
import { maxCodeSize } from './structured-bounds.js';

/** Correlated features: blocks of features that share a latent bit (see {@link correlatedFeatures}). */
export interface FeatureCorrelation {
  /** Features per block (consecutive entries `[b * blockSize, (b + 1) * blockSize)`); the last block may be shorter. */
  readonly blockSize: number;
  /** Target Pearson correlation `rho` in [0, 1] between two features of one block, across patterns. */
  readonly correlation: number;
}

/** Options for {@link correlatedFeatures}. */
export interface CorrelatedFeaturesOptions extends FeatureCorrelation {
  readonly count: number;
  readonly dim: number;
  /** `f = P(xi = +1)` of every feature and of every latent bit; defaults to 0.5. */
  readonly sparseness?: number;
}

/**
 * Patterns with correlated features: the entries are split into blocks of `blockSize`; each
 * pattern draws one latent bit `z_b` per block, and each feature of block b copies `z_b` with
 * probability `q = sqrt(rho)`, otherwise draws a fresh bit (all bits `+1` with probability f).
 * Two features j != k of one block then have `corr(xi_j, xi_k) = q^2 = rho` across patterns
 * (the copy events are independent: `Cov = q^2 Var(z)`), features of different blocks are
 * independent, and patterns are independent of each other. This is the structure Bielmeier and
 * Friedland vary ("Effects of feature correlations on associative memory capacity", 2025); their
 * generator is not published, this one is kmn's.
 *
 * @throws {@link InvalidValueError} for a non-integer shape or block size, or `rho` outside [0, 1].
 * @example
 * ```ts
 * const X = correlatedFeatures({ count: 200, dim: 64, blockSize: 8, correlation: 0.3 }, createRng(1));
 * measuredFeatureCorrelation(X, 8).mean; // about 0.3
 * ```
 */
export function correlatedFeatures(options: CorrelatedFeaturesOptions, rng: Rng): BipolarPatterns {
  const { count, dim } = options;
  assertPositiveInteger('count', count);
  assertPositiveInteger('dim', dim);
  const draw = candidateDrawer(dim, options.sparseness ?? 0.5, options);
  const data = new Int8Array(count * dim);
  for (let mu = 0; mu < count; mu++) draw(rng, data, mu * dim);
  return { kind: 'bipolar', count, dim, data };
}

/** The measured within-block feature correlation of {@link measuredFeatureCorrelation}. */
export interface MeasuredCorrelation {
  /** Mean of the products `xi_j xi_k` used (the Pearson correlation for unbiased features). */
  readonly mean: number;
  /** Its binomial standard error `sqrt((1 - mean^2) / pairs)` (products are independent +/-1 draws). */
  readonly se: number;
  /** Number of independent products averaged: patterns x blocks with two or more features. */
  readonly samples: number;
}

/**
 * The within-block feature correlation of unbiased (f = 0.5) patterns, measured so that its
 * error is binomial: for every pattern and every block of at least two features, the product
 * `xi_j xi_k` of the block's first two features. These products are independent +/-1 draws
 * with mean rho (different patterns and different blocks share no latent bit), so the mean of
 * `S` of them has standard error `sqrt((1 - rho^2) / S)`.
 *
 * @throws {@link InvalidValueError} for a block size that is not a positive integer.
 * @example
 * ```ts
 * const { mean, se } = measuredFeatureCorrelation(X, 8);
 * ```
 */
export function measuredFeatureCorrelation(patterns: BipolarPatterns, blockSize: number): MeasuredCorrelation {
  assertPositiveInteger('blockSize', blockSize);
  const { count, dim, data } = patterns;
  let sum = 0;
  let samples = 0;
  for (let mu = 0; mu < count; mu++) {
    for (let start = 0; start + 1 < dim; start += blockSize) {
      if (blockSize < 2) break;
      sum += data[mu * dim + start]! * data[mu * dim + start + 1]!;
      samples++;
    }
  }
  const mean = samples > 0 ? sum / samples : 0;
  return { mean, se: samples > 0 ? Math.sqrt(Math.max(0, 1 - mean * mean) / samples) : Infinity, samples };
}

/** Options for {@link separatedBipolar}. */
export interface SeparatedOptions {
  /** Patterns wanted (M). */
  readonly count: number;
  /** Pattern length N. */
  readonly dim: number;
  /** Every two patterns differ in at least this many entries (Hamming distance d, 0..dim). */
  readonly minDistance: number;
  /** Every two patterns differ in at most this many entries (default dim); `dim - 2` excludes pairs that are opposite on dim - 1 entries. */
  readonly maxDistance?: number;
  /** `f = P(xi = +1)` of the candidates; defaults to 0.5. */
  readonly sparseness?: number;
  /** Draw candidates with correlated features (a combination of both structures). */
  readonly features?: FeatureCorrelation;
  /** Candidates drawn before giving up; defaults to `1000 * count + 10000`. */
  readonly maxAttempts?: number;
  /** Return the patterns found so far when the attempts run out instead of throwing (default false). */
  readonly allowFewer?: boolean;
}

/** A generated set and what it achieved. */
export interface SeparatedSet {
  readonly patterns: BipolarPatterns;
  /** The achieved minimum pairwise Hamming distance, measured (`dim + 1` for a single pattern). */
  readonly minDistance: number;
  /** Candidates drawn. */
  readonly attempts: number;
  /** Upper bound on any code of this length and distance ({@link maxCodeSize}). */
  readonly bound: number;
}

/**
 * Bipolar patterns with a guaranteed minimum pairwise Hamming distance, by sequential rejection
 * sampling (a random Gilbert-Varshamov code): candidates are drawn i.i.d. (or with correlated
 * features) and kept when they are at distance `>= minDistance` from every pattern kept so far,
 * checked on packed bits (and, with `maxDistance`, at most that far from each). The kept sequence is nested: its first M patterns are the set for M, as
 * capacity searches need. Requests beyond the Singleton, Hamming or Plotkin bound are refused at
 * once; below it the sampler may still run out of attempts near the bound (greedy random codes
 * reach about the Gilbert-Varshamov size `2^N / sum_{k < d} C(N, k)`), which is an error unless
 * `allowFewer`. The result reports the distance achieved, which can exceed the one asked for.
 *
 * @throws {@link InvalidValueError} for a bad shape, distance or sparseness, when `count` exceeds
 * {@link maxCodeSize} or the attempts run out, unless `allowFewer` (then the set is cut at the bound or where the attempts ran out).
 * @example
 * ```ts
 * const { patterns, minDistance } = separatedBipolar({ count: 100, dim: 32, minDistance: 8 }, createRng(3));
 * minDistance >= 8; // true
 * ```
 */
export function separatedBipolar(options: SeparatedOptions, rng: Rng): SeparatedSet {
  const { count, dim, minDistance: d } = options;
  assertPositiveInteger('count', count);
  assertPositiveInteger('dim', dim);
  if (!Number.isInteger(d) || d < 0 || d > dim) throw new InvalidValueError('minDistance', `must be an integer in [0, dim = ${dim}], got ${d}`, 'pass a Hamming distance between 0 and dim');
  const dMax = options.maxDistance ?? dim;
  if (!Number.isInteger(dMax) || dMax < d || dMax > dim) throw new InvalidValueError('maxDistance', `must be an integer in [minDistance = ${d}, dim = ${dim}], got ${dMax}`, 'pass a largest Hamming distance between minDistance and dim');
  const f = options.sparseness ?? 0.5;
  const draw = candidateDrawer(dim, f, options.features);
  const bound = maxCodeSize(dim, d);
  if (count > bound && !options.allowFewer) {
    throw new InvalidValueError('count', `no ${count} patterns of length ${dim} have pairwise Hamming distance >= ${d}: at most ${bound} can (Singleton/Hamming/Plotkin bound)`, `ask for at most ${bound} patterns, a smaller minDistance or a larger dim`);
  }
  const maxAttempts = options.maxAttempts ?? 1000 * count + 10000;
  assertPositiveInteger('maxAttempts', maxAttempts);
  const words = Math.ceil(dim / 32);
  const wanted = Math.min(count, bound);
  const data = new Int8Array(wanted * dim);
  const packed = new Uint32Array((wanted + 1) * words);
  let kept = 0;
  let attempts = 0;
  let achieved = dim + 1;
  while (kept < wanted && attempts < maxAttempts) {
    attempts++;
    const offset = kept * dim;
    draw(rng, data, offset);
    packBipolar(data.subarray(offset, offset + dim), 1, dim, packed.subarray(kept * words, (kept + 1) * words));
    let nearest = dim + 1;
    let farthest = 0;
    for (let nu = 0; nu < kept && nearest >= d && farthest <= dMax; nu++) {
      let dist = 0;
      for (let w = 0; w < words; w++) dist += popcount32((packed[kept * words + w]! ^ packed[nu * words + w]!) >>> 0);
      if (dist < nearest) nearest = dist;
      if (dist > farthest) farthest = dist;
    }
    if (nearest < d || farthest > dMax) continue;
    if (nearest < achieved) achieved = nearest;
    kept++;
  }
  if (kept < count && !options.allowFewer) {
    throw new InvalidValueError('count', `rejection sampling found ${kept} of ${count} patterns with distance >= ${d} in ${attempts} attempts (bound ${bound})`, 'ask for fewer patterns or a smaller minDistance, raise maxAttempts, or pass allowFewer: true');
  }
  return { patterns: { kind: 'bipolar', count: kept, dim, data: data.slice(0, kept * dim) }, minDistance: achieved, attempts, bound };
}

/** Options for {@link prototypeNoise}. */
export interface PrototypeNoiseOptions {
  /** Number of prototypes (classes). */
  readonly prototypes: number;
  /** Noisy copies per prototype. */
  readonly perPrototype: number;
  readonly dim: number;
  /** Each entry of a copy is flipped independently with this probability (0..0.5). */
  readonly noise: number;
  /** Minimum Hamming distance between prototypes (default 0: i.i.d. prototypes). */
  readonly minDistance?: number;
}

/** Prototypes, their noisy copies, and which prototype each copy came from. */
export interface PrototypeNoiseSet {
  /** `prototypes * perPrototype` patterns, interleaved (pattern k is a copy of prototype `k % prototypes`). */
  readonly patterns: BipolarPatterns;
  readonly prototypes: BipolarPatterns;
  /** `labels[k]` is the prototype of pattern k. */
  readonly labels: Int32Array;
}

/**
 * Prototype-plus-noise patterns: `prototypes` random prototypes (separated by `minDistance`
 * through {@link separatedBipolar}), each copied `perPrototype` times with every entry flipped
 * independently with probability `noise`, so a copy is at expected distance `noise * dim` from
 * its prototype and two copies of one prototype are correlated by `(1 - 2 noise)^2` per entry.
 * Copies are interleaved so that every prefix holds every class about equally.
 *
 * @throws {@link InvalidValueError} for a bad shape or a noise outside [0, 0.5].
 * @example
 * ```ts
 * const { patterns, labels } = prototypeNoise({ prototypes: 5, perPrototype: 20, dim: 64, noise: 0.1 }, rng);
 * ```
 */
export function prototypeNoise(options: PrototypeNoiseOptions, rng: Rng): PrototypeNoiseSet {
  const { prototypes: p, perPrototype, dim, noise } = options;
  assertPositiveInteger('prototypes', p);
  assertPositiveInteger('perPrototype', perPrototype);
  assertPositiveInteger('dim', dim);
  assertInRange('noise', noise, 0, 0.5);
  const protos = separatedBipolar({ count: p, dim, minDistance: options.minDistance ?? 0 }, rng.child('prototypes')).patterns;
  const count = p * perPrototype;
  const data = new Int8Array(count * dim);
  const labels = new Int32Array(count);
  const flips = rng.child('noise');
  for (let k = 0; k < count; k++) {
    const c = k % p;
    labels[k] = c;
    for (let j = 0; j < dim; j++) {
      const v = protos.data[c * dim + j]!;
      data[k * dim + j] = flips.uniform32() < noise ? -v : v;
    }
  }
  return { patterns: { kind: 'bipolar', count, dim, data }, prototypes: protos, labels };
}

/** A function that writes one random candidate of length dim into `out` at `offset`. */
type Drawer = (rng: Rng, out: Int8Array, offset: number) => void;

function candidateDrawer(dim: number, f: number, features: FeatureCorrelation | undefined): Drawer {
  assertInRange('sparseness', f, 0, 1);
  if (!features) {
    return (rng, out, offset) => {
      for (let j = 0; j < dim; j++) out[offset + j] = rng.uniform32() < f ? 1 : -1;
    };
  }
  const { blockSize, correlation } = features;
  assertPositiveInteger('blockSize', blockSize);
  assertInRange('correlation', correlation, 0, 1);
  const q = Math.sqrt(correlation);
  return (rng, out, offset) => {
    for (let start = 0; start < dim; start += blockSize) {
      const z = rng.uniform32() < f ? 1 : -1;
      const end = Math.min(dim, start + blockSize);
      for (let j = start; j < end; j++) out[offset + j] = rng.uniform32() < q ? z : rng.uniform32() < f ? 1 : -1;
    }
  };
}
