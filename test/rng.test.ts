import { describe, expect, it } from 'vitest';
import { createRng, restoreRng } from '../node.js';

describe('Rng (seedrandom Alea)', () => {
  it('gives the same bits for the same seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    const xa = Array.from({ length: 1000 }, () => a.uniform());
    const xb = Array.from({ length: 1000 }, () => b.uniform());
    expect(xa).toEqual(xb);
    expect(createRng(43).uniform()).not.toBe(xa[0]);
  });

  it('restored state continues the same sequence, including a cached normal', () => {
    const rng = createRng('s');
    for (let i = 0; i < 17; i++) rng.uniform();
    rng.normal(); // leaves the polar method's spare value cached
    const saved = JSON.parse(JSON.stringify(rng.state()));
    const expected = [rng.normal(), rng.uniform(), rng.int(1000), rng.normal()];
    const again = restoreRng(saved);
    expect([again.normal(), again.uniform(), again.int(1000), again.normal()]).toEqual(expected);
  });

  it('child streams depend on seed and key only, not on how much the parent drew', () => {
    const p1 = createRng(7);
    const p2 = createRng(7);
    for (let i = 0; i < 100; i++) p2.uniform();
    expect(p1.child('trial:3').uniform()).toBe(p2.child('trial:3').uniform());
    expect(p1.child('trial:3').uniform()).not.toBe(p1.child('trial:4').uniform());
  });

  it('normal() has mean 0 and variance 1 within 4 standard errors', () => {
    const rng = createRng(1);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.normal();
      s += x;
      s2 += x * x;
    }
    const mean = s / n;
    const variance = s2 / n - mean * mean;
    expect(Math.abs(mean)).toBeLessThan(4 / Math.sqrt(n)); // sd of the mean is 1/sqrt(n)
    expect(Math.abs(variance - 1)).toBeLessThan(4 * Math.sqrt(2 / n)); // sd of the variance is sqrt(2/n)
  });

  it('bipolar(f) is +1 with probability f (binomial, 4 sigma)', () => {
    const rng = createRng(2);
    const n = 100_000;
    const f = 0.2;
    let plus = 0;
    for (let i = 0; i < n; i++) if (rng.bipolar(f) === 1) plus++;
    expect(Math.abs(plus / n - f)).toBeLessThan(4 * Math.sqrt((f * (1 - f)) / n));
  });

  it('permutation() is a permutation and uniform over positions (chi-square bound)', () => {
    const rng = createRng(3);
    const n = 5;
    const trials = 50_000;
    const counts = new Float64Array(n * n);
    for (let t = 0; t < trials; t++) {
      const p = rng.permutation(n);
      expect([...p].sort()).toEqual([0, 1, 2, 3, 4]);
      for (let i = 0; i < n; i++) counts[i * n + p[i]!]! += 1;
    }
    const e = trials / n;
    let chi2 = 0;
    for (const c of counts) chi2 += (c - e) ** 2 / e;
    // 25 cells with 16 degrees of freedom (doubly stochastic); P(chi2 > 45) < 2e-4.
    expect(chi2).toBeLessThan(45);
  });

  it('sample() returns k distinct indices; choice() picks from the list', () => {
    const rng = createRng(4);
    const s = rng.sample(100, 30);
    expect(new Set(s).size).toBe(30);
    expect([...s].every((v) => v >= 0 && v < 100)).toBe(true);
    expect(['a', 'b']).toContain(rng.choice(['a', 'b']));
  });

  it('exponential(rate) has mean 1/rate within 4 standard errors', () => {
    const rng = createRng(5);
    const n = 100_000;
    let s = 0;
    for (let i = 0; i < n; i++) s += rng.exponential(2);
    expect(Math.abs(s / n - 0.5)).toBeLessThan(4 * (0.5 / Math.sqrt(n)));
  });
});
