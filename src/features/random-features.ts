import { ParameterError, assertPositive, assertPositiveInteger } from '../errors.js';
import { assertLength } from '../patterns/pattern-set.js';
import { createRng, type Rng } from '../rng/rng.js';
import { gaussianRows } from './orthogonal-rows.js';

/**
 * The random feature maps of Hoover et al. 2024 (`kernel_sims.py`), with `h = sqrt(beta) S x`:
 * - `cos`: `sqrt(2/Y) cos(h + b)`, `b ~ U(0, 2 pi)` (Rahimi and Recht 2007), Y features;
 * - `sin-cos`: `Y^(-1/2) [cos h, sin h]`, 2Y features;
 * - `exp` (positive, Performer; Choromanski et al. 2021): `Y^(-1/2) exp(h - gamma ||x||^2)`, Y features;
 * - `exp-exp` (antithetic positive): `(2Y)^(-1/2) [exp(h - gamma ||x||^2), exp(-h - gamma ||x||^2)]`, 2Y features.
 *
 * Positive features have variance growing like `exp(2 beta ||x + y||^2)` (see `featureEstimateVariance`);
 * `exp(h)` itself overflows only when `h = sqrt(beta) s . x` exceeds ~709, far beyond where the estimate is useful.
 */
export type FeatureKind = 'cos' | 'sin-cos' | 'exp' | 'exp-exp';

/** Every {@link FeatureKind}, in a fixed order. */
export const featureKinds: readonly FeatureKind[] = ['cos', 'sin-cos', 'exp', 'exp-exp'];

/**
 * The kernel a feature map estimates: `gaussian` `exp(-beta/2 ||x - y||^2)` or `exponential`
 * `exp(beta x . y)`. They differ by the factor `exp(beta/2 ||x||^2) exp(beta/2 ||y||^2)`, which
 * each feature map carries as its norm factor `exp(-gamma ||x||^2)`.
 */
export type FeatureTarget = 'gaussian' | 'exponential';

/** What defines a feature map: plain JSON. `S` and `b` are regenerated from `seed`, never stored. */
export interface FeatureMapSpec {
  readonly kind: FeatureKind;
  /** Number of random projections Y (the map has Y or 2Y features). */
  readonly features: number;
  /** Input dimension d. */
  readonly dim: number;
  /** Inverse temperature beta > 0. */
  readonly beta: number;
  /** Orthogonal Gaussian rows (blocks of d) instead of i.i.d. rows. */
  readonly orthogonal: boolean;
  readonly target: FeatureTarget;
  /** Seed of the random stream `S` and `b` were drawn from (`createRng(seed)` recreates it). */
  readonly seed: string;
}

/** Options for {@link randomFeatureMap}. */
export interface FeatureMapOptions {
  readonly kind: FeatureKind;
  readonly features: number;
  readonly dim: number;
  readonly beta: number;
  /** Defaults to false. */
  readonly orthogonal?: boolean;
  /** Defaults to `'gaussian'`. */
  readonly target?: FeatureTarget;
  /** The stream to draw from; only its seed is used (children `'S'` and `'b'`), so the map does not depend on the stream's position. */
  readonly rng: Rng;
}

/**
 * A random feature map `phi(x) = exp(-gamma ||x||^2) c psi(sqrt(beta) S x)` with
 * `phi(x) . phi(y) -> K(x, y)` as Y grows (Monte Carlo rate `Y^(-1/2)`): the explicit feature
 * form (Eq. 9 of Iatropoulos et al. 2022) of the Gaussian or exponential kernel.
 *
 * @example
 * ```ts
 * const map = randomFeatureMap({ kind: 'sin-cos', features: 4096, dim: 8, beta: 2, rng: createRng(1) });
 * const fx = map.map(x), fy = map.map(y);
 * // sum_k fx[k] fy[k] ~ map.kernel(x, y) = exp(-||x - y||^2)
 * ```
 */
export interface RandomFeatureMap {
  /** What regenerates this map (`featureMapFromSpec`). */
  readonly spec: FeatureMapSpec;
  readonly kind: FeatureKind;
  /** Number of projections Y. */
  readonly features: number;
  /** Length of `phi(x)`: Y (`cos`, `exp`) or 2Y (`sin-cos`, `exp-exp`). */
  readonly size: number;
  readonly dim: number;
  readonly beta: number;
  /** The projection rows S (Y x d, row-major, unscaled: entries or rows `N(0, 1)`). */
  readonly S: Float64Array;
  /** Phases b (length Y) for `cos`; zeros otherwise. */
  readonly b: Float64Array;
  /** `gamma` of the norm factor `exp(-gamma ||x||^2)`. */
  readonly gamma: number;
  /** `log c`: the constant prefactor (`sqrt(2/Y)`, `Y^(-1/2)` or `(2Y)^(-1/2)`) in log form. */
  readonly logScale: number;
  /** `h_k = sqrt(beta) S_k . x` (without b), written into `out` (length Y). */
  project(x: ArrayLike<number>, out?: Float64Array): Float64Array;
  /** `phi(x)`, written into `out` (length {@link RandomFeatureMap.size}). */
  map(x: ArrayLike<number>, out?: Float64Array): Float64Array;
  /** The exact kernel the map estimates, `K(x, y)`. */
  kernel(x: ArrayLike<number>, y: ArrayLike<number>): number;
}

/**
 * `gamma` of the norm factor `exp(-gamma ||x||^2)` for a kind and target. Positive features need
 * `E exp(sqrt(beta) s . (x + y)) = exp(beta/2 ||x + y||^2)` removed down to the target:
 * `gamma = beta` for the Gaussian kernel, `beta/2` for `exp(beta x . y)`. Trigonometric features
 * estimate the Gaussian kernel as they are (`gamma = 0`); for `exp(beta x . y)` they are scaled
 * up by `exp(beta/2 ||x||^2)` (`gamma = -beta/2`).
 *
 * @example
 * ```ts
 * normGamma('exp', 'gaussian', 10); // 10
 * ```
 */
export function normGamma(kind: FeatureKind, target: FeatureTarget, beta: number): number {
  const positive = kind === 'exp' || kind === 'exp-exp';
  if (positive) return target === 'gaussian' ? beta : beta / 2;
  return target === 'gaussian' ? 0 : -beta / 2;
}

/**
 * Draws a random feature map (Hoover et al. 2024, `kernel_sims.py`; Rahimi and Recht 2007;
 * Choromanski et al. 2021). `S` comes from `rng.child('S')` and `b` from `rng.child('b')`, so a
 * map is a pure function of its {@link FeatureMapSpec}: {@link featureMapFromSpec} rebuilds it
 * bit for bit, and only the spec needs storing.
 *
 * @throws {@link ParameterError} for an unknown kind or target; {@link InvalidValueError} for a
 * non-positive feature count, dimension or beta.
 * @example
 * ```ts
 * const map = randomFeatureMap({ kind: 'exp', features: 1024, dim: 100, beta: 10, orthogonal: true, rng: createRng(7) });
 * const again = featureMapFromSpec(map.spec); // same S, same b
 * ```
 */
export function randomFeatureMap(options: FeatureMapOptions): RandomFeatureMap {
  const { kind, features, dim, beta } = options;
  const orthogonal = options.orthogonal ?? false;
  const target = options.target ?? 'gaussian';
  if (!featureKinds.includes(kind)) throw new ParameterError('kind', `unknown feature kind "${String(kind)}"`, `use one of: ${featureKinds.join(', ')}`);
  if (target !== 'gaussian' && target !== 'exponential') throw new ParameterError('target', `unknown target kernel "${String(target)}"`, "use 'gaussian' or 'exponential'");
  assertPositiveInteger('features', features);
  assertPositiveInteger('dim', dim);
  assertPositive('beta', beta);
  const rng = options.rng;
  const S = gaussianRows(features, dim, orthogonal, rng.child('S'));
  const b = new Float64Array(features);
  if (kind === 'cos') {
    const rb = rng.child('b');
    for (let k = 0; k < features; k++) b[k] = rb.uniformIn(0, 2 * Math.PI);
  }
  const double = kind === 'sin-cos' || kind === 'exp-exp';
  const size = double ? 2 * features : features;
  const logScale = kind === 'cos' ? 0.5 * Math.log(2 / features) : kind === 'exp-exp' ? -0.5 * Math.log(2 * features) : -0.5 * Math.log(features);
  const gamma = normGamma(kind, target, beta);
  const sb = Math.sqrt(beta);
  const spec: FeatureMapSpec = { kind, features, dim, beta, orthogonal, target, seed: rng.seed };
  const h = new Float64Array(features);
  const project = (x: ArrayLike<number>, out = new Float64Array(features)): Float64Array => {
    assertLength('x', x, dim);
    assertLength('out', out, features);
    for (let k = 0; k < features; k++) {
      const base = k * dim;
      let acc = 0;
      for (let j = 0; j < dim; j++) acc += S[base + j]! * x[j]!;
      out[k] = sb * acc;
    }
    return out;
  };
  return {
    spec, kind, features, size, dim, beta, S, b, gamma, logScale,
    project,
    map(x, out = new Float64Array(size)) {
      assertLength('out', out, size);
      project(x, h);
      let norm2 = 0;
      for (let j = 0; j < dim; j++) norm2 += x[j]! * x[j]!;
      const scale = Math.exp(logScale - gamma * norm2);
      // One branch per call, not per feature: each loop stays monomorphic.
      if (kind === 'cos') {
        for (let k = 0; k < features; k++) out[k] = scale * Math.cos(h[k]! + b[k]!);
      } else if (kind === 'sin-cos') {
        for (let k = 0; k < features; k++) { out[k] = scale * Math.cos(h[k]!); out[features + k] = scale * Math.sin(h[k]!); }
      } else {
        // Positive features in one exponent: exp(log c - gamma ||x||^2 +/- h) cannot overflow where the product would not.
        const shift = logScale - gamma * norm2;
        for (let k = 0; k < features; k++) out[k] = Math.exp(shift + h[k]!);
        if (kind === 'exp-exp') for (let k = 0; k < features; k++) out[features + k] = Math.exp(shift - h[k]!);
      }
      return out;
    },
    kernel(x, y) {
      assertLength('x', x, dim);
      assertLength('y', y, dim);
      let acc = 0;
      if (target === 'gaussian') { for (let j = 0; j < dim; j++) acc += (x[j]! - y[j]!) ** 2; return Math.exp(-0.5 * beta * acc); }
      for (let j = 0; j < dim; j++) acc += x[j]! * y[j]!;
      return Math.exp(beta * acc);
    },
  };
}

/**
 * Rebuilds a feature map from its spec (the same `S` and `b`, bit for bit): a random-feature
 * memory needs only its spec and `T` to be saved, never `S`.
 *
 * @example
 * ```ts
 * const copy = featureMapFromSpec(JSON.parse(JSON.stringify(map.spec)));
 * ```
 */
export function featureMapFromSpec(spec: FeatureMapSpec): RandomFeatureMap {
  return randomFeatureMap({ ...spec, rng: createRng(spec.seed) });
}
