import { InvalidValueError, assertFinite, assertPositive, assertPositiveInteger } from '../errors.js';
import { assertLength } from '../patterns/pattern-set.js';

/**
 * A dense associative memory seen through its energy: the exact memory and the random-feature
 * memory both implement it, so retrieval ({@link descend}) and comparisons treat them alike.
 *
 * @example
 * ```ts
 * const g = new Float64Array(mem.dim);
 * const e = mem.gradient(x, g); // E(x), and dE/dx in g
 * ```
 */
export interface EnergyMemory {
  /** Pattern dimension d. */
  readonly dim: number;
  /** Inverse temperature beta. */
  readonly beta: number;
  /** The energy `E(x)`. */
  energy(x: ArrayLike<number>): number;
  /** Writes `dE/dx` into `out` (length d) and returns `E(x)`. */
  gradient(x: ArrayLike<number>, out: Float64Array): number;
  /**
   * `gradient` without its O(d) input checks, for a caller that validated once at its edge and
   * keeps `x` finite of length d (the loop of {@link descend}). Optional: without it, `gradient` is used.
   */
  gradientUnchecked?(x: Float64Array, out: Float64Array): number;
}

/** Options for {@link descend}. */
export interface DescendOptions {
  /** Step size alpha of `x <- x - alpha dE/dx`. */
  readonly step: number;
  /** Number of steps. */
  readonly depth: number;
  /** Coordinates that never move (nonzero entries): the clamped part of a partial cue. */
  readonly clamp?: ArrayLike<number | boolean>;
  /** Keep every state: `path` holds `(depth + 1) x d` values, the cue first. */
  readonly trace?: boolean;
}

/** What {@link descend} returns. */
export interface DescendResult {
  /** The final state. */
  readonly x: Float64Array;
  /** `E` before each step (length `depth`), as in the reference code's logs. */
  readonly energies: Float64Array;
  /** The states visited, `(depth + 1) x d`, if `trace` was set. */
  readonly path?: Float64Array;
}

/**
 * Retrieval by gradient descent on the energy, `x <- x - alpha dE/dx`, for `depth` steps with
 * clamped coordinates held fixed (Hoover et al. 2024, `kernel_sims.py`, `recall` and
 * `kernel_recall`). For a small enough step the energy never rises (descent lemma).
 *
 * @throws {@link InvalidValueError} for a non-positive step or depth, a clamp mask of the wrong
 * length, or a non-finite cue (all checked once, before the loop); for a step that makes the
 * state non-finite (divergence), at the step where it happens.
 * @example
 * ```ts
 * const { x, energies } = descend(mem, cue, { step: 0.1, depth: 1000 });
 * ```
 */
export function descend(memory: EnergyMemory, cue: ArrayLike<number>, options: DescendOptions): DescendResult {
  const d = memory.dim;
  assertLength('cue', cue, d);
  assertFinite('cue', cue);
  assertPositive('step', options.step);
  assertPositiveInteger('depth', options.depth);
  const clamp = options.clamp;
  if (clamp && clamp.length !== d) throw new InvalidValueError('clamp', `has length ${clamp.length}, expected d = ${d}`, 'pass one flag per coordinate');
  const x = Float64Array.from(cue);
  const g = new Float64Array(d);
  const energies = new Float64Array(options.depth);
  const path = options.trace ? new Float64Array((options.depth + 1) * d) : undefined;
  path?.set(x, 0);
  const alpha = options.step;
  // The cue was checked above; each step keeps x finite (checked below), so the memory's own checks are skipped.
  const gradient = memory.gradientUnchecked ? memory.gradientUnchecked.bind(memory) : memory.gradient.bind(memory);
  for (let t = 0; t < options.depth; t++) {
    const e = gradient(x, g);
    energies[t] = e;
    // A running sum of x is non-finite iff some entry is (or |x| ~ 1e308 / d): divergence, found without another pass.
    let sum = 0;
    for (let j = 0; j < d; j++) {
      if (!clamp || !clamp[j]) x[j]! -= alpha * g[j]!;
      sum += x[j]!;
    }
    if (!Number.isFinite(sum) || Number.isNaN(e)) {
      throw new InvalidValueError('step', `${alpha} made the descent diverge at step ${t} (E = ${e}, sum of x = ${sum})`, 'use a smaller step');
    }
    path?.set(x, (t + 1) * d);
  }
  return path ? { x, energies, path } : { x, energies };
}
