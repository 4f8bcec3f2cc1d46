import { studentTQuantile } from '../../src/report/intervals.js';

/** A least-squares line with the slope's standard error and confidence interval. */
export interface SlopeFit {
  readonly slope: number;
  readonly intercept: number;
  /** Standard error of the slope (OLS, residual variance with n - 2 degrees of freedom). */
  readonly se: number;
  /** The slope's two-sided interval at `level` (Student t with n - 2 degrees of freedom). */
  readonly lo: number;
  readonly hi: number;
  /** Points fitted. */
  readonly n: number;
}

/**
 * Ordinary least squares `y = intercept + slope x` with the slope's t interval:
 * `se = sqrt(sum r^2 / (n - 2) / sum (x - mean x)^2)`, interval `slope +/- t_{(1+level)/2, n-2} se`
 * (NaN bounds for fewer than three points or no spread in x).
 *
 * @example
 * ```ts
 * slopeFit([0, 1, 2, 3], [1, 3.1, 4.9, 7]); // slope about 2, with a 95% interval
 * ```
 */
export function slopeFit(x: readonly number[], y: readonly number[], level = 0.95): SlopeFit {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let k = 0; k < n; k++) {
    sxx += (x[k]! - mx) ** 2;
    sxy += (x[k]! - mx) * (y[k]! - my);
  }
  const slope = sxx > 0 ? sxy / sxx : NaN;
  const intercept = my - slope * mx;
  let rss = 0;
  for (let k = 0; k < n; k++) rss += (y[k]! - intercept - slope * x[k]!) ** 2;
  const se = n > 2 && sxx > 0 ? Math.sqrt(rss / (n - 2) / sxx) : NaN;
  const t = n > 2 ? studentTQuantile((1 + level) / 2, n - 2) : NaN;
  return { slope, intercept, se, lo: slope - t * se, hi: slope + t * se, n };
}
