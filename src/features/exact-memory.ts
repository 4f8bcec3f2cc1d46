import { InvalidValueError, ShapeError, ParameterError, assertFinite, assertPositive, assertPositiveInteger } from '../errors.js';
import { assertLength } from '../patterns/pattern-set.js';
import type { FeatureTarget } from './random-features.js';
import type { EnergyMemory } from './energy-memory.js';

/** Options for {@link exactMemory}. */
export interface ExactMemoryOptions {
  /** Pattern dimension d. */
  readonly dim: number;
  /** Inverse temperature beta > 0. */
  readonly beta: number;
  /** `'gaussian'` (default): `E = -(1/beta) log sum_mu exp(-beta/2 ||x - xi^mu||^2)`; `'exponential'`: `-(1/beta) log sum_mu exp(beta x . xi^mu)`. */
  readonly target?: FeatureTarget;
  /** Patterns to store first, pattern-major (`count x dim`). */
  readonly patterns?: ArrayLike<number>;
}

/**
 * The exact dense associative memory (MrDAM in Hoover et al. 2024): one slot per stored pattern.
 * Energy (Gaussian target) `E(x) = -(1/beta) log sum_mu exp(-beta/2 ||x - xi^mu||^2)`, gradient
 * `sum_mu p_mu (x - xi^mu)` with `p = softmax(-beta/2 ||x - xi||^2)`; the log-sum-exp is shifted
 * by its largest term, so it never overflows or underflows to `-log 0` (any beta).
 *
 * @example
 * ```ts
 * const mem = exactMemory({ dim: 3, beta: 10 });
 * mem.store([1, 0, 0]);
 * mem.energy([1, 0, 0]); // -(1/10) log 1 = 0
 * ```
 */
export interface ExactMemory extends EnergyMemory {
  readonly target: FeatureTarget;
  /** Number of stored patterns M. */
  readonly count: number;
  /** The stored patterns, pattern-major (a copy, `count x dim`). */
  patterns(): Float64Array;
  /** Appends a pattern (O(d) amortised). */
  store(pattern: ArrayLike<number>): void;
  /** Removes one stored copy of `pattern` (O(M d) search; the last pattern takes its slot). */
  forget(pattern: ArrayLike<number>): void;
}

/**
 * Builds an exact dense associative memory (the reference the random-feature memory approximates).
 *
 * @throws {@link InvalidValueError} for a non-positive dimension or beta, or non-finite patterns (or, later, queries);
 * {@link ShapeError} when `patterns` is not a whole number of rows of length `dim`.
 * @example
 * ```ts
 * const mem = exactMemory({ dim: 100, beta: 10, patterns: X });
 * const g = new Float64Array(100);
 * const e = mem.gradient(query, g); // energy, and its gradient in g
 * ```
 */
export function exactMemory(options: ExactMemoryOptions): ExactMemory {
  const { dim, beta } = options;
  const target = options.target ?? 'gaussian';
  assertPositiveInteger('dim', dim);
  assertPositive('beta', beta);
  if (target !== 'gaussian' && target !== 'exponential') throw new ParameterError('target', `unknown target kernel "${String(target)}"`, "use 'gaussian' or 'exponential'");
  const initial = options.patterns;
  if (initial) {
    if (initial.length % dim !== 0) throw new ShapeError('patterns', `has ${initial.length} entries, not a multiple of dim = ${dim}`, 'pass patterns pattern-major, count x dim');
    assertFinite('patterns', initial);
  }
  let data = new Float64Array(Math.max(dim, initial?.length ?? 0));
  let count = 0;
  let logits = new Float64Array(Math.max(1, (initial?.length ?? 0) / dim));
  const gaussian = target === 'gaussian';

  /** `a_mu`: `-beta/2 ||x - xi||^2` or `beta x . xi`, into `logits`; returns max. */
  const computeLogits = (x: ArrayLike<number>): number => {
    let max = -Infinity;
    for (let mu = 0; mu < count; mu++) {
      const base = mu * dim;
      let acc = 0;
      if (gaussian) { for (let j = 0; j < dim; j++) { const d = x[j]! - data[base + j]!; acc += d * d; } }
      else for (let j = 0; j < dim; j++) acc += x[j]! * data[base + j]!;
      const a = gaussian ? -0.5 * beta * acc : beta * acc;
      logits[mu] = a;
      if (a > max) max = a;
    }
    return max;
  };
  /** Energy, and softmax weights in `logits` when `weights` is set. */
  const energyOf = (x: ArrayLike<number>, weights: boolean): number => {
    if (count === 0) throw new InvalidValueError('memory', 'stores no pattern', 'store a pattern first');
    const max = computeLogits(x);
    let sum = 0;
    for (let mu = 0; mu < count; mu++) {
      const e = Math.exp(logits[mu]! - max);
      if (weights) logits[mu] = e;
      sum += e;
    }
    if (weights) for (let mu = 0; mu < count; mu++) logits[mu]! /= sum;
    return -(max + Math.log(sum)) / beta;
  };
  const append = (p: ArrayLike<number>, offset: number): void => {
    if ((count + 1) * dim > data.length) {
      const grown = new Float64Array(2 * data.length);
      grown.set(data);
      data = grown;
    }
    if (count + 1 > logits.length) logits = new Float64Array(2 * logits.length);
    for (let j = 0; j < dim; j++) data[count * dim + j] = p[offset + j]!;
    count++;
  };
  if (initial) for (let off = 0; off < initial.length; off += dim) append(initial, off);
  /** `dE/dx` into `out` and `E(x)`, no input checks (x finite, length d; `out` length d). */
  const gradientOf = (x: ArrayLike<number>, out: Float64Array): number => {
    const e = energyOf(x, true);
    // Gaussian: grad = sum_mu p_mu (x - xi^mu) = x - sum_mu p_mu xi^mu; exponential: -sum_mu p_mu xi^mu.
    for (let j = 0; j < dim; j++) out[j] = gaussian ? x[j]! : 0;
    for (let mu = 0; mu < count; mu++) {
      const p = logits[mu]!;
      const base = mu * dim;
      for (let j = 0; j < dim; j++) out[j]! -= p * data[base + j]!;
    }
    return e;
  };

  return {
    dim,
    beta,
    target,
    get count() { return count; },
    patterns: () => data.slice(0, count * dim),
    energy(x) {
      assertLength('x', x, dim);
      assertFinite('x', x);
      return energyOf(x, false);
    },
    gradient(x, out) {
      assertLength('x', x, dim);
      assertLength('out', out, dim);
      assertFinite('x', x);
      return gradientOf(x, out);
    },
    gradientUnchecked: gradientOf,
    store(pattern) {
      assertLength('pattern', pattern, dim);
      assertFinite('pattern', pattern);
      append(pattern, 0);
    },
    forget(pattern) {
      assertLength('pattern', pattern, dim);
      for (let mu = 0; mu < count; mu++) {
        const base = mu * dim;
        let same = true;
        for (let j = 0; j < dim && same; j++) same = data[base + j] === pattern[j];
        if (!same) continue;
        count--;
        data.copyWithin(base, count * dim, (count + 1) * dim);
        return;
      }
      throw new InvalidValueError('pattern', 'is not stored in this memory', 'forget only a pattern that was stored');
    },
  };
}
