import { assertInRange } from '../errors.js';
import type { Rng } from '../rng/rng.js';

/**
 * Flips exactly `round(fraction * n)` entries of a bipolar vector (chosen uniformly without
 * replacement), so the Hamming distance to the original is fixed, not merely expected.
 *
 * @returns a new vector (or `out`, if given).
 * @example
 * ```ts
 * const cue = flipBits(patternRow(X, 0), 0.1, rng); // 10% of the bits flipped
 * ```
 */
export function flipBits(pattern: Int8Array, fraction: number, rng: Rng, out?: Int8Array): Int8Array {
  assertInRange('fraction', fraction, 0, 1);
  const n = pattern.length;
  const result = out ?? new Int8Array(n);
  result.set(pattern);
  const k = Math.round(fraction * n);
  const idx = rng.sample(n, k);
  for (let t = 0; t < k; t++) {
    const j = idx[t]!;
    result[j] = -result[j]! as 1 | -1;
  }
  return result;
}

/**
 * Adds white noise `N(0, sigma2 I)` to a continuous vector (Property 6's distortion).
 *
 * @example
 * ```ts
 * const cue = addGaussianNoise(patternRow(X, 0), 0.05, rng);
 * ```
 */
export function addGaussianNoise(pattern: Float64Array, sigma2: number, rng: Rng, out?: Float64Array): Float64Array {
  assertInRange('sigma2', sigma2, 0, Number.MAX_VALUE);
  const sd = Math.sqrt(sigma2);
  const result = out ?? new Float64Array(pattern.length);
  for (let j = 0; j < pattern.length; j++) result[j] = pattern[j]! + sd * rng.normal();
  return result;
}

/** Options for {@link maskEntries}. */
export interface MaskOptions {
  /** What masked entries become: `0` (unknown) or a fresh random sign. Defaults to `'zero'`. */
  readonly fill?: 'zero' | 'random';
}

/**
 * Masks exactly `round(fraction * n)` entries of a vector: sets them to 0 or to random signs.
 *
 * @example
 * ```ts
 * const partial = maskEntries(patternRow(X, 0), 0.5, rng, { fill: 'random' });
 * ```
 */
export function maskEntries<T extends Int8Array | Float64Array>(pattern: T, fraction: number, rng: Rng, options: MaskOptions = {}): T {
  assertInRange('fraction', fraction, 0, 1);
  const n = pattern.length;
  const result = pattern.slice() as T;
  const k = Math.round(fraction * n);
  const idx = rng.sample(n, k);
  const random = options.fill === 'random';
  for (let t = 0; t < k; t++) result[idx[t]!] = random ? rng.bipolar() : 0;
  return result;
}
