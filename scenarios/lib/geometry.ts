import type { ContinuousPatterns } from '../../index.js';

/**
 * Smallest squared Euclidean distance between two distinct patterns (pattern-major rows);
 * `Infinity` for fewer than two patterns. O(M^2 N).
 *
 * @example
 * ```ts
 * minPairwiseDistance2(gaussianPatterns({ count: 10, dim: 8 }, rng)); // about 2N minus a few sd
 * ```
 */
export function minPairwiseDistance2(patterns: ContinuousPatterns): number {
  const { count: m, dim: n, data } = patterns;
  let best = Infinity;
  for (let a = 0; a < m; a++) {
    for (let b = a + 1; b < m; b++) {
      let d2 = 0;
      for (let j = 0; j < n; j++) {
        const d = data[a * n + j]! - data[b * n + j]!;
        d2 += d * d;
      }
      if (d2 < best) best = d2;
    }
  }
  return best;
}

/**
 * Euclidean distance between two vectors of equal length.
 *
 * @example
 * ```ts
 * distance([0, 0], [3, 4]); // 5
 * ```
 */
export function distance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d2 = 0;
  for (let j = 0; j < a.length; j++) d2 += (a[j]! - b[j]!) ** 2;
  return Math.sqrt(d2);
}

/**
 * Least-squares line `y = intercept + slope x`.
 *
 * @example
 * ```ts
 * linearFit([0, 1, 2], [1, 3, 5]); // { slope: 2, intercept: 1 }
 * ```
 */
export function linearFit(x: readonly number[], y: readonly number[]): { slope: number; intercept: number } {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let k = 0; k < n; k++) {
    sxy += (x[k]! - mx) * (y[k]! - my);
    sxx += (x[k]! - mx) ** 2;
  }
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}
