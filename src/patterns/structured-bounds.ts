import { assertPositiveInteger, InvalidValueError } from '../errors.js';
import { packBipolar, popcount32 } from '../network/hot-loops.js';
import { logAddExp, logBinomial } from '../linalg/special.js';
import type { BipolarPatterns } from './pattern-set.js';

/**
 * An upper bound on `A(n, d)`, the size of the largest binary code of length n with minimum
 * Hamming distance d: the smallest of the Singleton bound `2^(n - d + 1)`, the Hamming
 * (sphere-packing) bound `2^n / sum_{k <= t} C(n, k)` with `t = floor((d - 1) / 2)`, and, where
 * it applies, the Plotkin bound (even d: `2 floor(d / (2d - n))` for `2d > n`, `4d` for `n = 2d`;
 * odd d through `A(n, d) = A(n + 1, d + 1)`). See MacWilliams and Sloane, "The Theory of
 * Error-Correcting Codes" (1977), ch. 1 and 17. A request for more patterns than this can never
 * succeed, so generators refuse it at once instead of sampling forever.
 *
 * @throws {@link InvalidValueError} unless n is a positive integer and d an integer >= 0.
 * @example
 * ```ts
 * maxCodeSize(8, 5);  // 4 (Plotkin: 2 floor(6 / 3))
 * maxCodeSize(7, 3);  // 16 (Hamming bound, met by the Hamming code)
 * maxCodeSize(10, 11); // 1
 * ```
 */
export function maxCodeSize(n: number, d: number): number {
  assertPositiveInteger('dim', n);
  if (!Number.isInteger(d) || d < 0) throw new InvalidValueError('minDistance', `must be an integer >= 0, got ${d}`, 'pass a Hamming distance between 0 and dim');
  if (d > n) return 1;
  if (d <= 1) return 2 ** n;
  let bound = 2 ** (n - d + 1);
  const t = Math.floor((d - 1) / 2);
  let logVolume = -Infinity;
  for (let k = 0; k <= t; k++) logVolume = logAddExp(logVolume, logBinomial(n, k));
  bound = Math.min(bound, Math.floor(Math.exp(n * Math.LN2 - logVolume) * (1 + 1e-12)));
  const [ne, de] = d % 2 === 0 ? [n, d] : [n + 1, d + 1];
  if (2 * de > ne) bound = Math.min(bound, 2 * Math.floor(de / (2 * de - ne)));
  else if (2 * de === ne) bound = Math.min(bound, 4 * de);
  return bound;
}

/**
 * The smallest Hamming distance between two different patterns of a set (`dim + 1` for fewer
 * than two patterns, so that every requested distance up to dim counts as met). O(M^2 dim / 32).
 *
 * @example
 * ```ts
 * minPairwiseDistance(bipolarPatterns(Int8Array.of(1, 1, -1, -1, 1, -1), { count: 3, dim: 2 })); // 1
 * ```
 */
export function minPairwiseDistance(patterns: BipolarPatterns): number {
  const words = Math.ceil(patterns.dim / 32);
  const packed = packBipolar(patterns.data, patterns.count, patterns.dim);
  let min = patterns.dim + 1;
  for (let a = 0; a < patterns.count; a++) {
    for (let b = a + 1; b < patterns.count; b++) {
      let d = 0;
      for (let w = 0; w < words; w++) d += popcount32((packed[a * words + w]! ^ packed[b * words + w]!) >>> 0);
      if (d < min) min = d;
    }
  }
  return min;
}
