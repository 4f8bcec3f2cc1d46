import { studentTQuantile } from '../../src/report/intervals.js';

/** A one-sided paired t test of `mean(d) > 0` (see {@link pairedTTest}). */
export interface PairedT {
  /** Number of pairs n. */
  readonly n: number;
  /** Mean difference. */
  readonly mean: number;
  /** Standard error `sd / sqrt(n)` (sample standard deviation, n - 1 in the denominator). */
  readonly se: number;
  /** `t = mean / se` (Infinity or NaN when every difference is equal). */
  readonly t: number;
  /** Degrees of freedom n - 1. */
  readonly df: number;
  /** The one-sided critical value `t_{1 - alpha, n - 1}` (NaN for n < 2). */
  readonly critical: number;
  /** `t > critical`: the mean difference is positive at level alpha (false for n < 2). */
  readonly significant: boolean;
}

/**
 * The one-sided paired t test of `H1: E[d] > 0` over independent pairs (Student 1908): with
 * `t = mean(d) / (sd(d) / sqrt(n))` and n - 1 degrees of freedom, significant when
 * `t > t_{1 - alpha, n - 1}`. The pairs must be independent units (e.g. one difference per test
 * network), not observations that share a unit.
 *
 * @example
 * ```ts
 * pairedTTest([0.1, 0.2, 0.3]); // mean 0.2, se 0.0577, t 3.46, df 2, critical 2.92: significant
 * ```
 */
export function pairedTTest(differences: readonly number[], alpha = 0.05): PairedT {
  const n = differences.length;
  const mean = n > 0 ? differences.reduce((a, b) => a + b, 0) / n : NaN;
  if (n < 2) return { n, mean, se: NaN, t: NaN, df: Math.max(n - 1, 0), critical: NaN, significant: false };
  let ss = 0;
  for (const d of differences) ss += (d - mean) * (d - mean);
  const se = Math.sqrt(ss / (n - 1) / n);
  const t = se > 0 ? mean / se : mean > 0 ? Infinity : NaN;
  const critical = studentTQuantile(1 - alpha, n - 1);
  return { n, mean, se, t, df: n - 1, critical, significant: t > critical };
}
