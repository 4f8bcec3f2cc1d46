/**
 * Mean and sample standard deviation (n - 1 denominator; 0 for a single value).
 *
 * @example
 * ```ts
 * meanStd([1, 2, 3]); // { mean: 2, std: 1 }
 * ```
 */
export function meanStd(values: readonly number[]): { mean: number; std: number } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const v = n > 1 ? values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1) : 0;
  return { mean, std: Math.sqrt(v) };
}

/**
 * Standard error of a binomial proportion `p` from `n` trials, floored at the value for one
 * success or failure so that a run with no errors still gets a finite tolerance.
 *
 * @example
 * ```ts
 * binomialSe(0.5, 100); // 0.05
 * ```
 */
export function binomialSe(p: number, n: number): number {
  const q = Math.min(Math.max(p, 1 / n), 1 - 1 / n);
  return Math.sqrt((q * (1 - q)) / n);
}

/**
 * Groups items by a key, keeping first-seen order of keys and of items.
 *
 * @example
 * ```ts
 * groupBy([{ r: 'a' }, { r: 'b' }, { r: 'a' }], (x) => x.r); // Map { a => [..2], b => [..1] }
 * ```
 */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const g = groups.get(k);
    if (g) g.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
