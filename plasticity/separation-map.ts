import { InvalidValueError, ShapeError, assertPositive, assertPositiveInteger } from '../src/errors.js';
import { asContinuous, assertLength, type ContinuousPatterns, type Patterns } from '../src/patterns/pattern-set.js';
import { continuousNetworkFromWeights, type ContinuousNetwork } from '../src/network/continuous-network.js';
import type { Rng } from '../src/rng/rng.js';

/**
 * An affine feature map `Phi(x) = W x + b` from `inputDim` to `outputDim` (U-Hop+, Hu et al. 2024),
 * with W stored row-major (`weights[r * inputDim + j]`).
 */
export interface SeparationMap {
  readonly inputDim: number;
  readonly outputDim: number;
  /** `outputDim x inputDim`, row-major. */
  readonly weights: Float64Array;
  /** Length `outputDim`. */
  readonly bias: Float64Array;
}

/**
 * `Phi(x) = W x + b`, written into `out`.
 *
 * @throws {@link ShapeError} if `x` does not have length `inputDim`.
 * @example
 * ```ts
 * const phi = applySeparationMap(map, x); // Float64Array of map.outputDim
 * ```
 */
export function applySeparationMap(map: SeparationMap, x: ArrayLike<number>, out = new Float64Array(map.outputDim)): Float64Array {
  assertLength('x', x, map.inputDim);
  mapInto(map, x, 0, out, 0);
  return out;
}

function mapInto(map: SeparationMap, x: ArrayLike<number>, xOffset: number, out: Float64Array, outOffset: number): void {
  const { inputDim: d, outputDim: D, weights: w, bias: b } = map;
  for (let r = 0; r < D; r++) {
    let s = b[r]!;
    const row = r * d;
    for (let j = 0; j < d; j++) s += w[row + j]! * x[xOffset + j]!;
    out[outOffset + r] = s;
  }
}

/**
 * The features `Phi(xi^mu)` of every pattern, pattern-major (`count x outputDim`).
 *
 * @example
 * ```ts
 * const F = mapPatterns(map, X); // X.count * map.outputDim numbers
 * ```
 */
export function mapPatterns(map: SeparationMap, patterns: Patterns): Float64Array {
  if (patterns.dim !== map.inputDim) throw new ShapeError('patterns', `have dimension ${patterns.dim}, the map takes ${map.inputDim}`, 'train the map on patterns of this dimension');
  const out = new Float64Array(patterns.count * map.outputDim);
  for (let mu = 0; mu < patterns.count; mu++) mapInto(map, patterns.data, mu * patterns.dim, out, mu * map.outputDim);
  return out;
}

/**
 * The minimum separation of a set of vectors on the sphere after normalisation,
 * `Delta_min = min_{mu != nu} (1 - <x^mu, x^nu> / (|x^mu| |x^nu|))` (Hu et al. 2024, Def. of the
 * separation of a spherical code): 4/3 for the regular tetrahedron, 1 for the octahedron.
 *
 * @throws {@link ShapeError} if `vectors.length !== count * dim`.
 * @example
 * ```ts
 * minSeparation(Float64Array.of(1, 0, 0, 0, 1, 0), 2, 3); // 1
 * ```
 */
export function minSeparation(vectors: Float64Array, count: number, dim: number): number {
  if (vectors.length !== count * dim) throw new ShapeError('vectors', `has length ${vectors.length}, expected count * dim = ${count * dim}`);
  const norms = rowNorms(vectors, count, dim);
  let maxCos = -Infinity;
  for (let a = 0; a < count; a++) {
    for (let b = a + 1; b < count; b++) {
      let s = 0;
      for (let r = 0; r < dim; r++) s += vectors[a * dim + r]! * vectors[b * dim + r]!;
      maxCos = Math.max(maxCos, s / (norms[a]! * norms[b]!));
    }
  }
  return 1 - maxCos;
}

function rowNorms(v: Float64Array, count: number, dim: number): Float64Array {
  const norms = new Float64Array(count);
  for (let a = 0; a < count; a++) {
    let s = 0;
    for (let r = 0; r < dim; r++) s += v[a * dim + r]! ** 2;
    norms[a] = Math.sqrt(s);
  }
  return norms;
}

/**
 * The U-Hop+ separation loss (Hu et al. 2024, Eq. for `L_Phi`; `separation_loss` in
 * MAGICS-LAB/Optimal-Hopfield-Memory) on normalised features `u^mu = z^mu / |z^mu|`:
 * `L = (1/M) ln( (1/B) sum_{mu < nu} exp(<u^mu, u^nu> / tau) )`, `B = M (M - 1) / 2`, a smooth
 * maximum of the pairwise cosines, so minimising it pushes the closest pair apart. Computed with
 * the largest cosine subtracted (no overflow at small tau). The gradient with respect to the
 * unnormalised features `z` (both sides of every pair; the reference code stops it on one side)
 * is written into `grad` when given:
 * `dL/du^mu = (1 / (M tau)) sum_{nu != mu} w_{mu nu} u^nu`, `w = exp(G / tau) / sum exp(G / tau)`,
 * `dL/dz^mu = (I - u^mu u^mu^T) dL/du^mu / |z^mu|`.
 *
 * @throws {@link InvalidValueError} for `tau <= 0`, fewer than two vectors, or a zero vector.
 * @example
 * ```ts
 * const grad = new Float64Array(F.length);
 * const loss = separationLoss(F, X.count, map.outputDim, 0.1, grad);
 * ```
 */
export function separationLoss(features: Float64Array, count: number, dim: number, tau: number, grad?: Float64Array): number {
  assertPositive('tau', tau);
  if (count < 2) throw new InvalidValueError('count', `is ${count}`, 'the separation of fewer than two patterns is undefined: pass at least two');
  if (features.length !== count * dim) throw new ShapeError('features', `has length ${features.length}, expected ${count * dim}`);
  const norms = rowNorms(features, count, dim);
  for (let a = 0; a < count; a++) if (!(norms[a]! > 0)) throw new InvalidValueError('features', `feature vector ${a} is zero`, 'use a map with a non-zero image (re-initialise W or b)');
  const u = new Float64Array(features.length);
  for (let a = 0; a < count; a++) for (let r = 0; r < dim; r++) u[a * dim + r] = features[a * dim + r]! / norms[a]!;
  const g = new Float64Array(count * count);
  let gMax = -Infinity;
  for (let a = 0; a < count; a++) {
    for (let b = a + 1; b < count; b++) {
      let s = 0;
      for (let r = 0; r < dim; r++) s += u[a * dim + r]! * u[b * dim + r]!;
      g[a * count + b] = s;
      if (s > gMax) gMax = s;
    }
  }
  let sum = 0;
  for (let a = 0; a < count; a++) for (let b = a + 1; b < count; b++) sum += Math.exp((g[a * count + b]! - gMax) / tau);
  const pairs = (count * (count - 1)) / 2;
  const loss = (gMax / tau + Math.log(sum) - Math.log(pairs)) / count;
  if (grad) {
    if (grad.length !== features.length) throw new ShapeError('grad', `has length ${grad.length}, expected ${features.length}`);
    const du = new Float64Array(dim);
    const scale = 1 / (count * tau * sum);
    for (let a = 0; a < count; a++) {
      du.fill(0);
      for (let b = 0; b < count; b++) {
        if (b === a) continue;
        const w = Math.exp(((a < b ? g[a * count + b]! : g[b * count + a]!) - gMax) / tau) * scale;
        for (let r = 0; r < dim; r++) du[r]! += w * u[b * dim + r]!;
      }
      let radial = 0;
      for (let r = 0; r < dim; r++) radial += du[r]! * u[a * dim + r]!;
      for (let r = 0; r < dim; r++) grad[a * dim + r] = (du[r]! - radial * u[a * dim + r]!) / norms[a]!;
    }
  }
  return loss;
}

/** Options for {@link trainSeparationMap}. */
export interface SeparationMapOptions {
  /** Feature dimension D_Phi (3 for codes on the 2-sphere). */
  readonly outputDim: number;
  /** Loss temperature at the first step; defaults to 0.1 (the reference code's default). */
  readonly tau?: number;
  /** Temperature at the last step, reached geometrically (annealing sharpens the smooth maximum toward the minimum separation); defaults to `tau`. */
  readonly finalTau?: number;
  /** Adam steps; defaults to 2000. */
  readonly steps?: number;
  /** Adam step size, decayed by a cosine schedule to 1% of it; defaults to 0.05. */
  readonly learningRate?: number;
}

/** A trained map and what it reached. */
export interface SeparationMapResult {
  readonly map: SeparationMap;
  /** The loss at the final temperature after the last step. */
  readonly loss: number;
  /** `Delta_min` of the mapped, normalised patterns ({@link minSeparation}). */
  readonly minSeparation: number;
  /** `Delta_min` of the patterns themselves, for comparison. */
  readonly inputSeparation: number;
}

/**
 * Learns a separation-maximising feature map `Phi(x) = W x + b` (U-Hop+, Hu et al. 2024,
 * "Provably optimal memory capacity for modern Hopfield models", NeurIPS; reference code
 * MAGICS-LAB/Optimal-Hopfield-Memory, `feature_map.py`) by full-batch Adam on
 * {@link separationLoss} of the normalised features `Phi(xi^mu) / |Phi(xi^mu)|`. W starts
 * He-normal (`N(0, 2 / inputDim)`, as the reference), b at zero; all randomness from `rng`. At
 * optimum the mapped memories form a spherical code of maximal minimum separation, which is
 * where the kernelised Hopfield model reaches its optimal capacity. For M <= inputDim + 1
 * patterns in general position the affine map can place the features anywhere, so the reached
 * separation is that of the best code the loss finds; universally optimal codes (Cohn and Kumar
 * 2007: tetrahedron, octahedron, icosahedron on the 2-sphere) minimise it at any tau.
 *
 * @throws {@link InvalidValueError} for a bad dimension, temperature, step count or rate, or fewer than two patterns.
 * @example
 * ```ts
 * const { map, minSeparation } = trainSeparationMap(X, { outputDim: 3, steps: 3000 }, createRng(1));
 * ```
 */
export function trainSeparationMap(patterns: Patterns, options: SeparationMapOptions, rng: Rng): SeparationMapResult {
  const X = asContinuous(patterns);
  const { count: m, dim: d } = X;
  const D = options.outputDim;
  assertPositiveInteger('outputDim', D);
  const tau0 = options.tau ?? 0.1;
  const tau1 = options.finalTau ?? tau0;
  assertPositive('tau', tau0);
  assertPositive('finalTau', tau1);
  const steps = options.steps ?? 2000;
  assertPositiveInteger('steps', steps);
  const lr = options.learningRate ?? 0.05;
  assertPositive('learningRate', lr);
  if (m < 2) throw new InvalidValueError('patterns', `holds ${m} pattern`, 'pass at least two patterns: separation is a property of pairs');

  const weights = new Float64Array(D * d);
  const sd = Math.sqrt(2 / d);
  for (let k = 0; k < weights.length; k++) weights[k] = sd * rng.normal();
  const bias = new Float64Array(D);
  const map: SeparationMap = { inputDim: d, outputDim: D, weights, bias };
  const nParams = D * d + D;
  const grad = new Float64Array(nParams);
  const mom = new Float64Array(nParams);
  const vel = new Float64Array(nParams);
  const features = new Float64Array(m * D);
  const gz = new Float64Array(m * D);
  const beta1 = 0.9;
  const beta2 = 0.999;
  const eps = 1e-12;
  const mapAll = (): void => { for (let mu = 0; mu < m; mu++) mapInto(map, X.data, mu * d, features, mu * D); };
  for (let t = 1; t <= steps; t++) {
    const frac = steps > 1 ? (t - 1) / (steps - 1) : 1;
    const tau = tau0 * (tau1 / tau0) ** frac;
    mapAll();
    separationLoss(features, m, D, tau, gz);
    grad.fill(0);
    for (let mu = 0; mu < m; mu++) {
      for (let r = 0; r < D; r++) {
        const gr = gz[mu * D + r]!;
        if (gr === 0) continue;
        const row = r * d;
        for (let j = 0; j < d; j++) grad[row + j]! += gr * X.data[mu * d + j]!;
        grad[D * d + r]! += gr;
      }
    }
    const rate = lr * (0.01 + 0.99 * 0.5 * (1 + Math.cos(Math.PI * frac)));
    const c1 = 1 - beta1 ** t;
    const c2 = 1 - beta2 ** t;
    for (let k = 0; k < nParams; k++) {
      const gk = grad[k]!;
      mom[k] = beta1 * mom[k]! + (1 - beta1) * gk;
      vel[k] = beta2 * vel[k]! + (1 - beta2) * gk * gk;
      const delta = (rate * (mom[k]! / c1)) / (Math.sqrt(vel[k]! / c2) + eps);
      if (k < D * d) weights[k]! -= delta;
      else bias[k - D * d]! -= delta;
    }
  }
  mapAll();
  return {
    map,
    loss: separationLoss(features, m, D, tau1),
    minSeparation: minSeparation(features, m, D),
    inputSeparation: minSeparation(X.data, m, d),
  };
}

/** Options for {@link featureSoftmaxNetwork}. */
export interface FeatureSoftmaxOptions {
  readonly patterns: Patterns;
  /** The feature map; omit for the plain softmax network on normalised patterns. */
  readonly map?: SeparationMap;
  /** Inverse temperature beta > 0. */
  readonly beta: number;
  /** Normalise the features of memories and state (default true); false is the reference code's `kernelized_cccp`, where the map's scale acts as a larger beta. */
  readonly normalize?: boolean;
}

/**
 * The kernelised softmax network of U-Hop+ (Hu et al. 2024): `s <- X^T softmax(beta <Phi^(X), Phi^(s)>)`
 * with `Phi^ = Phi / |Phi|` the normalised features, so that beta means the same with and without
 * a map (`normalize: false` gives the reference code's `kernelized_cccp` on unnormalised features,
 * whose learned scale acts as a larger beta). Without a map, `Phi` is the identity: the softmax network of
 * Ramsauer et al. on cosine similarities. A {@link ContinuousNetwork} like kmn's others.
 *
 * @throws {@link ShapeError} if the map does not take the patterns' dimension; {@link InvalidValueError} for beta <= 0.
 * @example
 * ```ts
 * const net = featureSoftmaxNetwork({ patterns: X, map, beta: 8 });
 * net.run(cue, { maxSteps: 20 }).state;
 * ```
 */
export function featureSoftmaxNetwork(options: FeatureSoftmaxOptions): ContinuousNetwork {
  const patterns: ContinuousPatterns = asContinuous(options.patterns);
  const { beta, map } = options;
  assertPositive('beta', beta);
  const { count: m, dim: n } = patterns;
  const D = map ? map.outputDim : n;
  const memory = map ? mapPatterns(map, patterns) : Float64Array.from(patterns.data);
  const normalize = options.normalize ?? true;
  const norms = rowNorms(memory, m, D);
  for (let mu = 0; mu < m && normalize; mu++) {
    if (!(norms[mu]! > 0)) throw new InvalidValueError('patterns', `pattern ${mu} has a zero feature vector`, 'remove zero patterns or retrain the map');
    for (let r = 0; r < D; r++) memory[mu * D + r]! /= norms[mu]!;
  }
  const phi = new Float64Array(D);
  const weightsOf = (s: ArrayLike<number>, out: Float64Array): Float64Array => {
    if (map) mapInto(map, s, 0, phi, 0);
    else for (let r = 0; r < D; r++) phi[r] = s[r]!;
    let norm = 0;
    for (let r = 0; r < D; r++) norm += phi[r]! ** 2;
    const inv = !normalize ? 1 : norm > 0 ? 1 / Math.sqrt(norm) : 0;
    let max = -Infinity;
    for (let mu = 0; mu < m; mu++) {
      let h = 0;
      for (let r = 0; r < D; r++) h += memory[mu * D + r]! * phi[r]!;
      out[mu] = beta * h * inv;
      if (out[mu]! > max) max = out[mu]!;
    }
    let sum = 0;
    for (let mu = 0; mu < m; mu++) {
      out[mu] = Math.exp(out[mu]! - max);
      sum += out[mu]!;
    }
    for (let mu = 0; mu < m; mu++) out[mu]! /= sum;
    return out;
  };
  return continuousNetworkFromWeights(patterns, weightsOf);
}

/**
 * The metastable-state size of a retrieval: the number of memories whose softmax weight exceeds
 * `eps` (Hu et al. 2024's count, `eps = 0.01` in the reference code); 1 is a clean retrieval of one
 * memory, more is a mixture.
 *
 * @example
 * ```ts
 * metastableSize(net.weights(net.run(query, { maxSteps: 20 }).state), 0.01);
 * ```
 */
export function metastableSize(weights: Float64Array, eps = 0.01): number {
  let k = 0;
  for (let mu = 0; mu < weights.length; mu++) if (weights[mu]! > eps) k++;
  return k;
}
