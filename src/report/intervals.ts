import betainc from '@stdlib/math-base-special-betainc';
import { InvalidValueError } from '../errors.js';
import { normalCdf } from '../linalg/special.js';

/** A confidence interval around an estimate. */
export interface Interval {
  readonly estimate: number;
  readonly lo: number;
  readonly hi: number;
}

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new InvalidValueError('level', `must be in (0, 1), got ${level}`, 'pass e.g. 0.95 for a 95% interval');
}

/** Solves `f(x) = target` for increasing `f` on `[lo, hi]` by bisection to full precision. */
function bisect(f: (x: number) => number, target: number, lo: number, hi: number): number {
  for (let k = 0; k < 200 && hi - lo > 1e-13 * Math.max(1, Math.abs(hi)); k++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The standard normal quantile `z` with `Phi(z) = p` (bisection on the exact CDF).
 *
 * @example
 * ```ts
 * normalQuantile(0.975); // 1.959963984540054
 * ```
 */
export function normalQuantile(p: number): number {
  checkLevel(p);
  return bisect(normalCdf, p, -40, 40);
}

/**
 * The Student t quantile `t` with `P(T_nu <= t) = p`, from the two-sided tail
 * `P(|T| > t) = I_{nu / (nu + t^2)}(nu / 2, 1 / 2)` (regularised incomplete beta).
 *
 * @example
 * ```ts
 * studentTQuantile(0.975, 3); // 3.182446305284263
 * ```
 */
export function studentTQuantile(p: number, nu: number): number {
  checkLevel(p);
  if (!(nu > 0)) throw new InvalidValueError('nu', `must be > 0, got ${nu}`, 'pass the degrees of freedom, n - 1 for n values');
  const cdf = (t: number): number => {
    const tail = betainc(nu / (nu + t * t), nu / 2, 0.5, true, false) / 2;
    return t >= 0 ? 1 - tail : tail;
  };
  return bisect(cdf, p, -1e7, 1e7);
}

/**
 * The Wilson score interval for a binomial proportion (Wilson 1927): the set of `p` with
 * `|k/n - p| <= z sqrt(p (1 - p) / n)`, `z` the normal quantile of `(1 + level) / 2`. Unlike the
 * Wald interval it stays inside [0, 1] and is not empty at 0 or n successes.
 *
 * @example
 * ```ts
 * wilsonInterval(0, 100); // { estimate: 0, lo: 0, hi: 0.037 }
 * ```
 */
export function wilsonInterval(successes: number, trials: number, level = 0.95): Interval {
  if (!(Number.isInteger(trials) && trials >= 1)) throw new InvalidValueError('trials', `must be a positive integer, got ${trials}`, 'pass the number of Bernoulli trials');
  if (!(successes >= 0 && successes <= trials)) throw new InvalidValueError('successes', `must be in [0, ${trials}], got ${successes}`, 'pass a count between 0 and trials');
  const z = normalQuantile((1 + level) / 2);
  const p = successes / trials;
  const z2 = (z * z) / trials;
  const centre = (p + z2 / 2) / (1 + z2);
  const half = (z / (1 + z2)) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials));
  return { estimate: p, lo: Math.max(0, centre - half), hi: Math.min(1, centre + half) };
}

/**
 * The Student t interval for the mean of independent values: `mean ± t_{(1+level)/2, n-1} s / sqrt(n)`.
 * With one value the bounds are NaN (no spread to estimate).
 *
 * @example
 * ```ts
 * tInterval([1, 2, 3]); // { estimate: 2, lo: -0.484, hi: 4.484 } (t = 4.303, s = 1)
 * ```
 */
export function tInterval(values: readonly number[], level = 0.95): Interval {
  const n = values.length;
  if (n === 0) throw new InvalidValueError('values', 'is empty', 'pass at least one value');
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { estimate: mean, lo: NaN, hi: NaN };
  const s = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const half = (studentTQuantile((1 + level) / 2, n - 1) * s) / Math.sqrt(n);
  return { estimate: mean, lo: mean - half, hi: mean + half };
}
