import { describe, expect, it } from 'vitest';
import { InvalidValueError } from '../../src/errors.js';
import { normalQuantile, studentTQuantile, tInterval, wilsonInterval } from '../../src/report/intervals.js';
import { createRng } from '../../src/rng/rng.js';

describe('confidence intervals', () => {
  it('normal and Student t quantiles match printed tables (Abramowitz and Stegun, Tables 26.1 and 26.10)', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 8);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.7062047, 5);
    expect(studentTQuantile(0.975, 3)).toBeCloseTo(3.18244631, 6);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.22813885, 6);
    expect(studentTQuantile(0.95, 5)).toBeCloseTo(2.01504837, 6);
    expect(studentTQuantile(0.025, 3)).toBeCloseTo(-3.18244631, 6);
    // nu -> infinity: the normal quantile.
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(1.959964, 5);
  });

  it('the Wilson interval is the set of p with |k/n - p| <= z sqrt(p (1 - p) / n), found by scanning p', () => {
    const z = 1.959963984540054;
    for (const [k, n] of [[0, 20], [3, 20], [10, 20], [20, 20], [1, 400], [137, 400]] as const) {
      const w = wilsonInterval(k, n);
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i <= 200000; i++) {
        const p = i / 200000;
        if (Math.abs(k / n - p) <= z * Math.sqrt((p * (1 - p)) / n)) { lo = Math.min(lo, p); hi = Math.max(hi, p); }
      }
      // The scan's grid step is 5e-6.
      expect(Math.abs(w.lo - lo)).toBeLessThan(1e-5);
      expect(Math.abs(w.hi - hi)).toBeLessThan(1e-5);
      expect(w.estimate).toBe(k / n);
    }
  });

  it('95% t intervals cover the true mean of normal samples in 95% of repetitions (Monte Carlo)', () => {
    const rng = createRng(11);
    const reps = 4000;
    let covered = 0;
    for (let r = 0; r < reps; r++) {
      const values = Array.from({ length: 4 }, () => 3 + 2 * rng.normal());
      const t = tInterval(values);
      if (t.lo <= 3 && 3 <= t.hi) covered++;
    }
    // Binomial sd of the coverage at 0.95 over 4000 repetitions: sqrt(0.95 * 0.05 / 4000) = 0.0034; allow 4 sd.
    expect(Math.abs(covered / reps - 0.95)).toBeLessThan(4 * 0.0034);
  });

  it('one value has no interval; bad input is a typed error', () => {
    const one = tInterval([2]);
    expect(one.estimate).toBe(2);
    expect(Number.isNaN(one.lo) && Number.isNaN(one.hi)).toBe(true);
    expect(() => tInterval([])).toThrow(InvalidValueError);
    expect(() => wilsonInterval(5, 4)).toThrow(/successes/);
    expect(() => wilsonInterval(0, 0)).toThrow(/trials/);
    expect(() => studentTQuantile(0.975, 0)).toThrow(/nu/);
    expect(() => normalQuantile(1)).toThrow(/level/);
  });
});
