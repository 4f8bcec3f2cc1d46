import { InvalidValueError, ShapeError, assertFinite } from '../errors.js';
import { assertLength } from '../patterns/pattern-set.js';
import type { EnergyMemory } from './energy-memory.js';
import type { RandomFeatureMap } from './random-features.js';
import { kindCode, psiValue } from './psi-loops.js';

/** Options for {@link featureMemory}. */
export interface FeatureMemoryOptions {
  /** The random feature map phi. */
  readonly map: RandomFeatureMap;
  /** Clip floor eps of `max(<phi(x), T>, eps)`; defaults to 1e-5 (Hoover et al.'s default). Must be > 0. */
  readonly clip?: number;
  /** Patterns to store first, pattern-major (`count x dim`). */
  readonly patterns?: ArrayLike<number>;
}

/**
 * The random-feature dense associative memory (DrDAM, Hoover et al. NeurIPS 2024): every pattern
 * is summed into one fixed vector `T = sum_mu phi(xi^mu)`, so storing is one addition and the
 * parameter count (Y or 2Y numbers; S is regenerated from its seed) never grows with M. Energy
 * `E~(x) = -(1/beta) log max(<phi(x), T>, eps)`; where the clip is active the energy is flat and
 * its gradient zero. It is the feature form (Eq. 9, Iatropoulos et al. 2022) of the exact
 * memory's kernel `sum_mu K(x, xi^mu) = <phi(x), sum_mu phi(xi^mu)>`, approximated.
 *
 * With `phi(x) = exp(-gamma ||x||^2) c psi(h)`, `h = sqrt(beta) S x` and `v = sum_k T_k psi_k(h)`:
 * `dE~/dx = -(1/(beta v)) sqrt(beta) S^T (dv/dh) + (2 gamma / beta) x`.
 *
 * @example
 * ```ts
 * const mem = featureMemory({ map: randomFeatureMap({ kind: 'sin-cos', features: 2048, dim: 100, beta: 10, rng }) });
 * mem.store(xi);
 * mem.energy(xi); // ~ exact energy, error ~ 1/sqrt(Y)
 * ```
 */
export interface FeatureMemory extends EnergyMemory {
  readonly map: RandomFeatureMap;
  /** The clip floor eps. */
  readonly clip: number;
  /** The memory vector T (length `map.size`); live, do not modify. */
  readonly T: Float64Array;
  /** Net number of stored patterns (stores minus forgets). */
  readonly count: number;
  /** Energy and gradient evaluations that hit the clip floor since creation (or {@link FeatureMemory.resetClipCount}). */
  readonly clipped: number;
  /** Energy and gradient evaluations since creation (or the last reset). */
  readonly evaluations: number;
  /** Sets `clipped` and `evaluations` to zero. */
  resetClipCount(): void;
  /** `<phi(x), T>` without the clip: the estimate of `sum_mu K(x, xi^mu)`. */
  similarity(x: ArrayLike<number>): number;
  /** `T += phi(pattern)`, O(Y d). */
  store(pattern: ArrayLike<number>): void;
  /** `T -= phi(pattern)`, O(Y d): undoes a store to rounding. It cannot check the pattern was stored. */
  forget(pattern: ArrayLike<number>): void;
}

/**
 * Builds a random-feature memory over a feature map (Hoover et al. 2024, `kernel_sims.py`,
 * `kernel_energy`; clip floor as there).
 *
 * @throws {@link InvalidValueError} for a clip floor that is not a finite number > 0, or
 * non-finite patterns; {@link ShapeError} for patterns not made of rows of length `map.dim`.
 * @example
 * ```ts
 * const map = randomFeatureMap({ kind: 'exp', features: 4096, dim: 64, beta: 10, rng: createRng(1) });
 * const mem = featureMemory({ map, clip: 1e-8, patterns: X });
 * const { x } = descend(mem, cue, { step: 0.1, depth: 200 });
 * ```
 */
export function featureMemory(options: FeatureMemoryOptions): FeatureMemory {
  const { map } = options;
  const clip = options.clip ?? 1e-5;
  if (!(clip > 0) || !Number.isFinite(clip)) throw new InvalidValueError('clip', `must be a finite number > 0, got ${clip}`, 'pass a small positive floor such as 1e-5');
  const { dim, beta, features: y, kind, gamma, logScale, S, b } = map;
  const initial = options.patterns;
  if (initial) {
    if (initial.length % dim !== 0) throw new ShapeError('patterns', `has ${initial.length} entries, not a multiple of dim = ${dim}`, 'pass patterns pattern-major, count x dim');
    assertFinite('patterns', initial);
  }
  const T = new Float64Array(map.size);
  const phi = new Float64Array(map.size);
  const h = new Float64Array(y);
  const w = new Float64Array(y);
  const logClip = Math.log(clip);
  const sb = Math.sqrt(beta);
  let count = 0;
  let clipped = 0;
  let evaluations = 0;

  const add = (p: ArrayLike<number>, sign: number): void => {
    map.map(p, phi);
    for (let k = 0; k < T.length; k++) T[k]! += sign * phi[k]!;
    count += sign;
  };
  const code = kindCode(kind);
  /** `v = sum_k T_k psi_k(h)` at the current `h`; with `grad`, `w = dv/dh`. */
  const psiDot = (grad: boolean): number => psiValue(code, T, h, b, y, grad ? w : null);
  /** `log <phi(x), T>` from v and ||x||^2, or -Infinity when v <= 0. */
  const logSimilarity = (v: number, norm2: number): number => (v > 0 ? logScale - gamma * norm2 + Math.log(v) : -Infinity);
  const norm2Of = (x: ArrayLike<number>): number => {
    let n2 = 0;
    for (let j = 0; j < dim; j++) n2 += x[j]! * x[j]!;
    return n2;
  };
  if (initial) {
    const row = new Float64Array(dim);
    for (let off = 0; off < initial.length; off += dim) {
      for (let j = 0; j < dim; j++) row[j] = initial[off + j]!;
      add(row, 1);
    }
  }

  /** `dE~/dx` into `out` and `E~(x)`, no input checks (x finite, length d; `out` length d). */
  const gradientOf = (x: ArrayLike<number>, out: Float64Array): number => {
    map.project(x, h);
    const v = psiDot(true);
    const n2 = norm2Of(x);
    const ls = logSimilarity(v, n2);
    evaluations++;
    if (ls < logClip) {
      clipped++;
      out.fill(0);
      return -logClip / beta;
    }
    // dE~/dx = -(1/beta) (dv/dx) / v + (2 gamma / beta) x, dv/dx = sqrt(beta) S^T w.
    const f = -sb / (beta * v);
    const g2 = (2 * gamma) / beta;
    for (let j = 0; j < dim; j++) out[j] = g2 * x[j]!;
    for (let k = 0; k < y; k++) {
      const c = f * w[k]!;
      const base = k * dim;
      for (let j = 0; j < dim; j++) out[j]! += c * S[base + j]!;
    }
    return -ls / beta;
  };

  const memory: FeatureMemory = {
    dim, beta, map, clip, T,
    get count() { return count; },
    get clipped() { return clipped; },
    get evaluations() { return evaluations; },
    resetClipCount() { clipped = 0; evaluations = 0; },
    similarity(x) {
      assertFinite('x', x);
      map.project(x, h);
      const v = psiDot(false);
      return Math.exp(logScale - gamma * norm2Of(x)) * v;
    },
    energy(x) {
      assertFinite('x', x);
      map.project(x, h);
      const ls = logSimilarity(psiDot(false), norm2Of(x));
      evaluations++;
      if (ls < logClip) { clipped++; return -logClip / beta; }
      return -ls / beta;
    },
    gradient(x, out) {
      assertLength('out', out, dim);
      assertFinite('x', x);
      return gradientOf(x, out);
    },
    gradientUnchecked: gradientOf,
    store(pattern) {
      assertLength('pattern', pattern, dim);
      assertFinite('pattern', pattern);
      add(pattern, 1);
    },
    forget(pattern) {
      assertLength('pattern', pattern, dim);
      assertFinite('pattern', pattern);
      add(pattern, -1);
    },
  };
  return memory;
}
