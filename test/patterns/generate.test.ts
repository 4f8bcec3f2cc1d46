import { describe, expect, it } from 'vitest';
import { InvalidValueError, ShapeError, correlatedBipolar, createRng, gaussianPatterns, patternsFromData, randomBipolar, spherePatterns } from '../../node.js';

// Pattern generators: each statistic is compared with its exact expectation within 4 standard
// errors (fixed seeds, so the tests are deterministic; 4 s.e. is a ~6e-5 two-sided tail each).

describe('randomBipolar', () => {
  it('P(xi = +1) = sparseness f within 4 binomial standard errors', () => {
    const rng = createRng(1);
    for (const f of [0.5, 0.2, 0.05]) {
      const X = randomBipolar({ count: 100, dim: 1000, sparseness: f }, rng);
      const n = X.data.length;
      let plus = 0;
      let other = 0;
      for (const v of X.data) {
        if (v === 1) plus++;
        else if (v !== -1) other++;
      }
      expect(other).toBe(0);
      // s.e. of a binomial proportion: sqrt(f (1 - f) / n).
      expect(Math.abs(plus / n - f)).toBeLessThan(4 * Math.sqrt((f * (1 - f)) / n));
    }
    expect(randomBipolar({ count: 3, dim: 5, sparseness: 1 }, rng).data.every((v) => v === 1)).toBe(true);
    expect(randomBipolar({ count: 3, dim: 5, sparseness: 0 }, rng).data.every((v) => v === -1)).toBe(true);
  });

  it('is reproducible from the seed and validates its parameters, naming them', () => {
    expect(randomBipolar({ count: 4, dim: 9 }, createRng(7)).data).toEqual(randomBipolar({ count: 4, dim: 9 }, createRng(7)).data);
    expect(() => randomBipolar({ count: 0, dim: 5 }, createRng(1))).toThrow(/^count:/);
    expect(() => randomBipolar({ count: 2, dim: 2.5 }, createRng(1))).toThrow(/^dim:/);
    expect(() => randomBipolar({ count: 2, dim: 5, sparseness: 1.5 }, createRng(1))).toThrow(InvalidValueError);
    expect(() => randomBipolar({ count: 2, dim: 5, sparseness: 1.5 }, createRng(1))).toThrow(/^sparseness:/);
  });
});

describe('gaussianPatterns', () => {
  it('entries have mean 0 and the requested variance (4 s.e.)', () => {
    const rng = createRng(2);
    for (const variance of [1, 2.5]) {
      const X = gaussianPatterns({ count: 200, dim: 500, variance }, rng);
      const n = X.data.length;
      let sum = 0;
      let sum2 = 0;
      let sum4 = 0;
      for (const v of X.data) {
        sum += v;
        sum2 += v * v;
        sum4 += v ** 4;
      }
      // s.e. of the mean: sqrt(var / n); of the mean of squares: sqrt(Var(x^2) / n) = var sqrt(2 / n).
      expect(Math.abs(sum / n)).toBeLessThan(4 * Math.sqrt(variance / n));
      expect(Math.abs(sum2 / n - variance)).toBeLessThan(4 * variance * Math.sqrt(2 / n));
      // Fourth moment 3 var^2 (Gaussian, not e.g. uniform): s.e. sqrt((105 - 9) var^4 / n).
      expect(Math.abs(sum4 / n - 3 * variance ** 2)).toBeLessThan(4 * variance ** 2 * Math.sqrt(96 / n));
    }
    expect(() => gaussianPatterns({ count: 2, dim: 2, variance: 0 }, rng)).toThrow(/^variance:/);
  });
});

describe('spherePatterns', () => {
  it('have the requested norm', () => {
    const rng = createRng(3);
    for (const radius of [1, 3]) {
      const X = spherePatterns({ count: 50, dim: 7, radius }, rng);
      for (let mu = 0; mu < 50; mu++) {
        let norm2 = 0;
        for (let j = 0; j < 7; j++) norm2 += X.data[mu * 7 + j]! ** 2;
        expect(Math.abs(Math.sqrt(norm2) - radius)).toBeLessThan(1e-12 * radius);
      }
    }
  });

  it('are uniform: coordinate means 0, E[z_j^2] = 1/N, and Archimedes on S^2', () => {
    // Uniform on S^(N-1): E z_j = 0, Var z_j = 1/N, E z_j^4 = 3 / (N (N + 2)).
    const rng = createRng(4);
    const n = 6;
    const m = 40_000;
    const X = spherePatterns({ count: m, dim: n }, rng);
    for (let j = 0; j < n; j++) {
      let s1 = 0;
      let s2 = 0;
      for (let mu = 0; mu < m; mu++) {
        const v = X.data[mu * n + j]!;
        s1 += v;
        s2 += v * v;
      }
      expect(Math.abs(s1 / m)).toBeLessThan(4 * Math.sqrt(1 / (n * m)));
      const varSq = 3 / (n * (n + 2)) - 1 / (n * n);
      expect(Math.abs(s2 / m - 1 / n)).toBeLessThan(4 * Math.sqrt(varSq / m));
    }
    // Archimedes: on S^2 each coordinate is uniform on [-1, 1], so P(z_1 > 0.5) = 1/4 (binomial s.e.).
    const Y = spherePatterns({ count: m, dim: 3 }, rng);
    let cap = 0;
    for (let mu = 0; mu < m; mu++) if (Y.data[mu * 3]! > 0.5) cap++;
    expect(Math.abs(cap / m - 0.25)).toBeLessThan(4 * Math.sqrt((0.25 * 0.75) / m));
  });
});

describe('correlatedBipolar', () => {
  it('the Pearson correlation between the same entry of two patterns is rho (4 s.e.)', () => {
    // For each entry j, c_j = mean over pattern pairs of (xi_j^mu - m)(xi_j^nu - m) / v with
    // m = 2f - 1, v = 4 f (1 - f). Entries are independent (own parent bit), so the c_j are i.i.d.
    // and the standard error of their mean is their sample s.d. / sqrt(N).
    const rng = createRng(5);
    for (const [rho, f] of [[0, 0.5], [0.3, 0.5], [0.8, 0.5], [0.4, 0.25]] as const) {
      const count = 20;
      const dim = 3000;
      const X = correlatedBipolar({ count, dim, correlation: rho, sparseness: f }, rng);
      const mean = 2 * f - 1;
      const v = 4 * f * (1 - f);
      const c: number[] = [];
      for (let j = 0; j < dim; j++) {
        let acc = 0;
        let pairs = 0;
        for (let a = 0; a < count; a++) {
          for (let b = a + 1; b < count; b++) {
            acc += (X.data[a * dim + j]! - mean) * (X.data[b * dim + j]! - mean);
            pairs++;
          }
        }
        c.push(acc / pairs / v);
      }
      const avg = c.reduce((s, x) => s + x, 0) / dim;
      const sd = Math.sqrt(c.reduce((s, x) => s + (x - avg) ** 2, 0) / (dim - 1));
      expect(Math.abs(avg - rho)).toBeLessThan(4 * Math.max(sd, 1e-3) / Math.sqrt(dim));
      // The marginal is still P(+1) = f. Entries of one column share a parent, so use the
      // conservative s.e. of `dim` independent columns, as if each column were a single draw.
      let plus = 0;
      for (const x of X.data) if (x === 1) plus++;
      expect(Math.abs(plus / X.data.length - f)).toBeLessThan(4 * Math.sqrt((f * (1 - f)) / dim));
    }
    expect(() => correlatedBipolar({ count: 2, dim: 2, correlation: 1.2 }, rng)).toThrow(/^correlation:/);
  });
});

describe('patternsFromData', () => {
  it('thresholds entries (>= threshold -> +1) and validates rows', () => {
    const X = patternsFromData([[0.2, 0.9, 0.5], [0.7, 0.1, -3]], { threshold: 0.5 });
    expect(X.count).toBe(2);
    expect(X.dim).toBe(3);
    expect(Array.from(X.data)).toEqual([-1, 1, 1, 1, -1, -1]);
    expect(Array.from(patternsFromData([[-0.1, 0, 2]]).data)).toEqual([-1, 1, 1]); // default threshold 0
    expect(() => patternsFromData([[1, 2], [3]])).toThrow(ShapeError);
    expect(() => patternsFromData([[1, 2], [3]])).toThrow(/^data\[1\]:/);
    expect(() => patternsFromData([[1, Number.NaN]])).toThrow(InvalidValueError);
    expect(() => patternsFromData([[1, Number.NaN]])).toThrow(/^data\[0\]\[1\]:/);
    expect(() => patternsFromData([])).toThrow(ShapeError);
    expect(() => patternsFromData([[1]], { threshold: Number.NaN })).toThrow(/^threshold:/);
  });
});
