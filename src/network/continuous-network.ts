import { InvalidValueError, assertPositive, assertPositiveInteger } from '../errors.js';
import { kernelMatrix, kernelVector, overlaps, squaredDistances } from '../kernels/batch.js';
import { softmaxInPlace } from '../kernels/universal-hopfield.js';
import type { Kernel } from '../kernels/kernel.js';
import { factorize } from '../linalg/factorization.js';
import { asContinuous, assertDistinct, assertLength, type ContinuousPatterns, type Patterns } from '../patterns/pattern-set.js';
import { signTable, signedProject } from './signed-projection.js';

/** Options for running a continuous network to a fixed point. */
export interface ContinuousRunOptions {
  /** Step limit; defaults to 100. */
  readonly maxSteps?: number;
  /** Converged when `max_j |s'_j - s_j| <= tol (1 + max_j |s_j|)`; defaults to 1e-10. */
  readonly tol?: number;
}

/** Where a continuous run ended. */
export interface ContinuousRunResult {
  readonly state: Float64Array;
  readonly steps: number;
  readonly converged: boolean;
}

/**
 * A synchronous network on continuous states, `s <- X^T c(s)`, where `c(s)` weights the stored
 * patterns (pattern-major X). Every continuous model in kmn has this shape; only `weights` differs.
 */
export interface ContinuousNetwork {
  readonly patterns: ContinuousPatterns;
  /** N, the state dimension. */
  readonly size: number;
  /** The pattern weights `c(s)` (length M), written into `out`. */
  weights(state: ArrayLike<number>, out?: Float64Array): Float64Array;
  /** One synchronous update `X^T c(s)`, written into `out`. */
  step(state: ArrayLike<number>, out?: Float64Array): Float64Array;
  /** Iterates `step` until the state stops changing or `maxSteps`. */
  run(state: ArrayLike<number>, options?: ContinuousRunOptions): ContinuousRunResult;
}

/**
 * A continuous network `s <- X^T c(s)` from its pattern-weight function `c` (Property 4 and its
 * relatives differ only in `c`): validates states, projects onto the patterns and iterates with
 * {@link iterateToFixedPoint}. Every continuous network of kmn is built this way. When every stored
 * entry is +/-1 the projection is `signedProject` (src/network/signed-projection.ts: table lookup, about 8x fewer operations;
 * its summation order is documented there), else `sum_mu c_mu x_mu` in ascending mu.
 *
 * @example
 * ```ts
 * const net = continuousNetworkFromWeights(X, (s, out) => softmaxOf(overlaps(X, s, out))); // your own c(s)
 * ```
 */
export function continuousNetworkFromWeights(patterns: ContinuousPatterns, weights: (s: ArrayLike<number>, out: Float64Array) => Float64Array): ContinuousNetwork {
  const { count: m, dim: n, data } = patterns;
  const c = new Float64Array(m);
  // +/-1 patterns project by table lookup (signed-projection.ts), others by the plain loop.
  const signs = signTable(data, m, n);
  const project = (w: Float64Array, out: Float64Array): Float64Array => {
    if (signs) {
      signedProject(signs, w, 0, out, 0);
      return out;
    }
    out.fill(0);
    for (let mu = 0; mu < m; mu++) {
      const a = w[mu]!;
      if (a === 0) continue;
      const base = mu * n;
      for (let j = 0; j < n; j++) out[j]! += a * data[base + j]!;
    }
    return out;
  };
  const checkState = (s: ArrayLike<number>): void => {
    assertLength('state', s, n);
    for (let j = 0; j < n; j++) if (!Number.isFinite(s[j]!)) throw new InvalidValueError('state', `entry ${j} is ${s[j]}`, 'pass a finite state');
  };
  return {
    patterns,
    size: n,
    weights(s, out = new Float64Array(m)) {
      checkState(s);
      return weights(s, out);
    },
    step(s, out = new Float64Array(n)) {
      checkState(s);
      return project(weights(s, c), out);
    },
    run(s0, options = {}) {
      checkState(s0);
      return iterateToFixedPoint((s, next) => project(weights(s, c), next), s0, options);
    },
  };
}

/**
 * Iterates `s <- map(s)` from `s0` until the largest change is at most `tol (1 + max |s|)` or
 * `maxSteps` steps: the run loop of every continuous network (Property 4 and its relatives), so
 * each network only supplies its one-step map.
 *
 * @example
 * ```ts
 * const { state, converged } = iterateToFixedPoint((s, out) => net.step(s, out), cue, { maxSteps: 50 });
 * ```
 */
export function iterateToFixedPoint(map: (s: Float64Array, out: Float64Array) => unknown, s0: ArrayLike<number>, options: ContinuousRunOptions = {}): ContinuousRunResult {
  const maxSteps = options.maxSteps ?? 100;
  assertPositiveInteger('maxSteps', maxSteps);
  const tol = options.tol ?? 1e-10;
  const n = s0.length;
  let s = Float64Array.from(s0);
  let next = new Float64Array(n);
  for (let t = 1; t <= maxSteps; t++) {
    map(s, next);
    let diff = 0;
    let scale = 0;
    for (let j = 0; j < n; j++) {
      diff = Math.max(diff, Math.abs(next[j]! - s[j]!));
      scale = Math.max(scale, Math.abs(s[j]!));
    }
    [s, next] = [next, s];
    if (diff <= tol * (1 + scale)) return { state: s, steps: t, converged: true };
  }
  return { state: s, steps: maxSteps, converged: false };
}

/** Options for {@link interpolationNetwork}. */
export interface InterpolationNetworkOptions {
  readonly patterns: Patterns;
  /** A kernel whose matrix on the patterns is invertible (Exp_beta, Gaussian, Laplacian, ...). */
  readonly kernel: Kernel;
}

/**
 * The recurrent interpolation network of Property 4 (Eq. 20): `s <- X K^-1 K(X, s)`, with
 * `K = K(X, X)` factorised once (Cholesky, or LU if not positive definite). Every stored
 * pattern is a fixed point; with the Exp_beta kernel (Eq. 21) it stores exponentially many
 * continuous patterns (Property 7).
 *
 * @throws {@link DuplicatePatternError} for repeated patterns; {@link SingularMatrixError} if
 * `K` is singular (e.g. patterns too close for the kernel's length scale).
 * @example
 * ```ts
 * const net = interpolationNetwork({ patterns: X, kernel: expBeta({ r: 3, beta: 2 }) });
 * net.run(cue).state; // the recalled pattern
 * ```
 */
export function interpolationNetwork(options: InterpolationNetworkOptions): ContinuousNetwork {
  const patterns = asContinuous(options.patterns);
  assertDistinct(patterns);
  const m = patterns.count;
  const K = kernelMatrix(patterns, options.kernel);
  const factors = factorize(K, m, 'kernel matrix', { fix: 'remove nearly identical patterns, or shorten the kernel length scale (smaller r or sigma; for Exp_beta also a lower beta, which tells nearby patterns apart better)' });
  const kv = new Float64Array(m);
  return continuousNetworkFromWeights(patterns, (s, out) => factors.solve(kernelVector(patterns, s, options.kernel, kv), out));
}

/** Options for {@link zeroTemperatureNetwork}. */
export interface ZeroTemperatureOptions {
  readonly patterns: Patterns;
  /** Radius of attraction r > 0. */
  readonly r: number;
}

/**
 * The Exp_beta network at beta -> infinity (Property 5.1, Eq. 22):
 * `s <- X Theta(r - ||X - s||)` with `Theta(0) = e^-1`. Valid when patterns are more than r
 * apart, where `K -> I`.
 *
 * @example
 * ```ts
 * const net = zeroTemperatureNetwork({ patterns: X, r: 2 });
 * net.step(cue); // xi^mu if ||cue - xi^mu|| < r and no other pattern is that close
 * ```
 */
export function zeroTemperatureNetwork(options: ZeroTemperatureOptions): ContinuousNetwork {
  assertPositive('r', options.r);
  const patterns = asContinuous(options.patterns);
  assertDistinct(patterns);
  const r2 = options.r * options.r;
  const atBoundary = Math.exp(-1);
  return continuousNetworkFromWeights(patterns, (s, out) => {
    squaredDistances(patterns, s, out);
    for (let mu = 0; mu < out.length; mu++) out[mu] = out[mu]! < r2 ? 1 : out[mu] === r2 ? atBoundary : 0;
    return out;
  });
}

/** Options for {@link softmaxNetwork}. */
export interface SoftmaxNetworkOptions {
  readonly patterns: Patterns;
  /** Inverse temperature beta > 0. */
  readonly beta: number;
}

/**
 * The softmax (modern continuous Hopfield) network of Ramsauer et al. (2021):
 * `s <- X softmax(beta X^T s)`, computed with the maximum subtracted (no overflow). Its kernel
 * is neither symmetric nor positive definite; at large beta its basins are Voronoi cells.
 *
 * @example
 * ```ts
 * softmaxNetwork({ patterns: X, beta: 50 }).run(cue).state; // the stored pattern nearest in angle
 * ```
 */
export function softmaxNetwork(options: SoftmaxNetworkOptions): ContinuousNetwork {
  assertPositive('beta', options.beta);
  const patterns = asContinuous(options.patterns);
  return continuousNetworkFromWeights(patterns, (s, out) => softmaxInPlace(overlaps(patterns, s, out), options.beta));
}
