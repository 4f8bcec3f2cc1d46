import { describe, expect, it } from 'vitest';
import { InvalidValueError } from '../../src/errors.js';
import { createRng } from '../../src/rng/rng.js';
import { maxCodeSize, minPairwiseDistance } from '../../src/patterns/structured-bounds.js';
import { popcount32 } from '../../src/network/hot-loops.js';
import { correlatedFeatures, measuredFeatureCorrelation, prototypeNoise, separatedBipolar } from '../../src/patterns/structured.js';

/** Minimum pairwise distance by a plain loop over entries (independent of the packed popcount). */
function bruteMinDistance(data: Int8Array, count: number, dim: number): number {
  let min = dim + 1;
  for (let a = 0; a < count; a++) for (let b = a + 1; b < count; b++) {
    let d = 0;
    for (let j = 0; j < dim; j++) if (data[a * dim + j] !== data[b * dim + j]) d++;
    min = Math.min(min, d);
  }
  return min;
}

describe('code-size bounds', () => {
  it('match known values of A(n, d) where the bound is tight (MacWilliams-Sloane tables)', () => {
    expect(maxCodeSize(7, 3)).toBe(16); // Hamming code [7,4,3] is perfect
    expect(maxCodeSize(8, 5)).toBe(4); // Plotkin, met: A(8,5) = 4
    expect(maxCodeSize(23, 7)).toBe(4096); // Golay code [23,12,7] is perfect
    expect(maxCodeSize(10, 11)).toBe(1);
    expect(maxCodeSize(6, 1)).toBe(64);
    expect(maxCodeSize(16, 8)).toBe(32); // Plotkin n = 2d: 4d, met by the first-order Reed-Muller code RM(1, 4)
  });

  it('is never below a brute-force largest code on tiny n (exhaustive greedy lower bound)', () => {
    for (let n = 2; n <= 6; n++) for (let d = 1; d <= n; d++) {
      // lexicode: greedy over all 2^n words in order gives a valid code; its size is a lower bound on A(n, d)
      const words: number[] = [];
      for (let w = 0; w < 1 << n; w++) if (words.every((v) => popcount32(v ^ w) >= d)) words.push(w);
      expect(maxCodeSize(n, d)).toBeGreaterThanOrEqual(words.length);
    }
  });

  it('popcount32 equals a bit loop', () => {
    const rng = createRng('pop');
    for (let k = 0; k < 1000; k++) {
      const x = (rng.uniform() * 2 ** 32) >>> 0;
      let c = 0;
      for (let b = 0; b < 32; b++) c += (x >>> b) & 1;
      expect(popcount32(x)).toBe(c);
    }
  });
});

describe('separatedBipolar', () => {
  it('meets its minimum distance (checked by a plain loop), reports the achieved one, and is nested', () => {
    for (const [dim, d, count] of [[32, 8, 60], [40, 12, 20], [70, 20, 30], [16, 4, 40]] as const) {
      const r = separatedBipolar({ count, dim, minDistance: d }, createRng(`sep:${dim}:${d}`));
      expect(r.patterns.count).toBe(count);
      const brute = bruteMinDistance(r.patterns.data, count, dim);
      expect(brute).toBeGreaterThanOrEqual(d);
      expect(r.minDistance).toBe(brute);
      expect(minPairwiseDistance(r.patterns)).toBe(brute);
      const half = separatedBipolar({ count: count / 2, dim, minDistance: d }, createRng(`sep:${dim}:${d}`));
      expect(half.patterns.data).toEqual(r.patterns.data.subarray(0, (count / 2) * dim));
    }
  });

  it('with maxDistance, keeps every pair within [minDistance, maxDistance] (no near-opposite pairs)', () => {
    const dim = 10;
    const r = separatedBipolar({ count: 60, dim, minDistance: 2, maxDistance: dim - 2 }, createRng('window'));
    for (let a = 0; a < 60; a++) for (let b = a + 1; b < 60; b++) {
      let d = 0;
      for (let j = 0; j < dim; j++) if (r.patterns.data[a * dim + j] !== r.patterns.data[b * dim + j]) d++;
      expect(d).toBeGreaterThanOrEqual(2);
      expect(d).toBeLessThanOrEqual(dim - 2);
    }
    expect(() => separatedBipolar({ count: 2, dim, minDistance: 4, maxDistance: 3 }, createRng(1))).toThrow(InvalidValueError);
  });

  it('combined with correlated features, still meets the distance', () => {
    const r = separatedBipolar({ count: 40, dim: 48, minDistance: 12, features: { blockSize: 6, correlation: 0.4 } }, createRng('combo'));
    expect(bruteMinDistance(r.patterns.data, 40, 48)).toBeGreaterThanOrEqual(12);
  });

  it('refuses impossible requests at once by the Plotkin bound, and exhausted attempts with a typed error', () => {
    const start = Date.now();
    // A(16, 9) <= 2 floor(10 / 3) = 6 (Plotkin, odd d): 7 patterns cannot exist
    expect(() => separatedBipolar({ count: 7, dim: 16, minDistance: 9 }, createRng(1))).toThrow(InvalidValueError);
    expect(() => separatedBipolar({ count: 7, dim: 16, minDistance: 9 }, createRng(1))).toThrow(/at most 6/);
    expect(Date.now() - start).toBeLessThan(100);
    expect(() => separatedBipolar({ count: 5, dim: 16, minDistance: 17 }, createRng(1))).toThrow(InvalidValueError);
    expect(() => separatedBipolar({ count: 200, dim: 20, minDistance: 7, maxAttempts: 2000 }, createRng(1))).toThrow(/rejection sampling found/);
    const partial = separatedBipolar({ count: 200, dim: 20, minDistance: 7, maxAttempts: 2000, allowFewer: true }, createRng(1));
    expect(partial.patterns.count).toBeLessThan(200);
    expect(bruteMinDistance(partial.patterns.data, partial.patterns.count, 20)).toBeGreaterThanOrEqual(7);
  });
});

describe('correlatedFeatures', () => {
  it('measured within-block correlation is within 4 binomial standard errors of the target', () => {
    // Each product xi_j xi_k (first two features of a block, one pattern) is +1 with probability
    // (1 + rho) / 2, independently over patterns and blocks: the mean of S products has SE
    // sqrt((1 - rho^2) / S). 4 SE: a false failure has probability ~6e-5 per case.
    for (const rho of [0, 0.2, 0.5, 0.9]) {
      const X = correlatedFeatures({ count: 500, dim: 64, blockSize: 8, correlation: rho }, createRng(`corr:${rho}`));
      const m = measuredFeatureCorrelation(X, 8);
      expect(m.samples).toBe(500 * 8);
      const se = Math.sqrt((1 - rho * rho) / m.samples);
      expect(Math.abs(m.mean - rho)).toBeLessThanOrEqual(4 * Math.max(se, 1 / m.samples));
    }
  });

  it('features of different blocks are uncorrelated (pairs straddling blocks, same binomial SE)', () => {
    const rho = 0.6;
    const X = correlatedFeatures({ count: 2000, dim: 16, blockSize: 4, correlation: rho }, createRng('across'));
    let sum = 0;
    for (let mu = 0; mu < 2000; mu++) sum += X.data[mu * 16 + 3]! * X.data[mu * 16 + 4]!;
    expect(Math.abs(sum / 2000)).toBeLessThanOrEqual(4 * Math.sqrt(1 / 2000));
  });

  it('rejects a correlation outside [0, 1]', () => {
    expect(() => correlatedFeatures({ count: 2, dim: 4, blockSize: 2, correlation: 1.5 }, createRng(1))).toThrow(InvalidValueError);
  });
});

describe('prototypeNoise', () => {
  it('copies sit at binomial distance noise * dim from their prototype (4 SE over all copies)', () => {
    const noise = 0.1;
    const dim = 100;
    const s = prototypeNoise({ prototypes: 4, perPrototype: 50, dim, noise, minDistance: 30 }, createRng('proto'));
    expect(bruteMinDistance(s.prototypes.data, 4, dim)).toBeGreaterThanOrEqual(30);
    let flips = 0;
    for (let k = 0; k < 200; k++) {
      const c = s.labels[k]!;
      for (let j = 0; j < dim; j++) if (s.patterns.data[k * dim + j] !== s.prototypes.data[c * dim + j]) flips++;
    }
    const n = 200 * dim;
    expect(Math.abs(flips / n - noise)).toBeLessThanOrEqual(4 * Math.sqrt((noise * (1 - noise)) / n));
  });
});
