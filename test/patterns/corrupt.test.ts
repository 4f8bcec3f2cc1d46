import { describe, expect, it } from 'vitest';
import { addGaussianNoise, createRng, flipBits, maskEntries, patternRow, randomBipolar } from '../../node.js';

// Cue corruption: exact flip / mask counts and the noise variance.

describe('flipBits', () => {
  it('flips exactly round(f N) bits and leaves the input untouched', () => {
    const rng = createRng(31);
    // [N, f, expected count]: round half up, written out by hand.
    const cases: Array<[number, number, number]> = [[100, 0.1, 10], [7, 0.5, 4], [30, 0.1, 3], [10, 0, 0], [10, 1, 10], [1000, 0.123, 123], [9, 0.05, 0]];
    for (const [n, f, expected] of cases) {
      const x = patternRow(randomBipolar({ count: 1, dim: n }, rng), 0);
      const copy = x.slice();
      const y = flipBits(x, f, rng);
      let diff = 0;
      for (let j = 0; j < n; j++) {
        if (y[j] !== x[j]) {
          diff++;
          expect(y[j]).toBe(-x[j]!);
        }
      }
      expect(diff).toBe(expected);
      expect(x).toEqual(copy);
    }
    expect(() => flipBits(Int8Array.of(1, -1), 1.5, rng)).toThrow(/^fraction:/);
  });

  it('chooses the flipped positions uniformly (each with probability k / N, 4 binomial s.e.)', () => {
    const rng = createRng(32);
    const n = 20;
    const trials = 5000;
    const x = new Int8Array(n).fill(1);
    const hits = new Array<number>(n).fill(0);
    for (let t = 0; t < trials; t++) {
      const y = flipBits(x, 0.25, rng); // k = 5
      for (let j = 0; j < n; j++) if (y[j] === -1) hits[j]!++;
    }
    const p = 5 / n;
    for (const h of hits) expect(Math.abs(h / trials - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / trials));
  });

  it('writes into out when given', () => {
    const rng = createRng(33);
    const x = Int8Array.of(1, 1, 1, 1);
    const out = new Int8Array(4);
    expect(flipBits(x, 0.5, rng, out)).toBe(out);
    expect(out.filter((v) => v === -1).length).toBe(2);
  });
});

describe('addGaussianNoise', () => {
  it('adds noise with mean 0 and variance sigma2 (4 s.e.)', () => {
    const rng = createRng(34);
    const n = 100_000;
    const x = Float64Array.from({ length: n }, (_, j) => Math.sin(j));
    for (const sigma2 of [0.01, 1, 4]) {
      const y = addGaussianNoise(x, sigma2, rng);
      let s1 = 0;
      let s2 = 0;
      for (let j = 0; j < n; j++) {
        const e = y[j]! - x[j]!;
        s1 += e;
        s2 += e * e;
      }
      // s.e. of the mean sqrt(sigma2 / n); of the mean square sigma2 sqrt(2 / n).
      expect(Math.abs(s1 / n)).toBeLessThan(4 * Math.sqrt(sigma2 / n));
      expect(Math.abs(s2 / n - sigma2)).toBeLessThan(4 * sigma2 * Math.sqrt(2 / n));
    }
    expect(Array.from(addGaussianNoise(Float64Array.of(1, 2), 0, rng))).toEqual([1, 2]);
    expect(() => addGaussianNoise(x, -1, rng)).toThrow(/^sigma2:/);
  });
});

describe('maskEntries', () => {
  it('masks exactly round(f N) entries, to 0 or to random signs', () => {
    const rng = createRng(35);
    const x = patternRow(randomBipolar({ count: 1, dim: 100 }, rng), 0);
    const zero = maskEntries(x, 0.25, rng);
    expect(zero.filter((v) => v === 0).length).toBe(25);
    for (let j = 0; j < 100; j++) if (zero[j] !== 0) expect(zero[j]).toBe(x[j]);
    expect(x.every((v) => v !== 0)).toBe(true); // input untouched
    const rnd = maskEntries(x, 0.5, rng, { fill: 'random' });
    expect(rnd.every((v) => v === 1 || v === -1)).toBe(true);
    const xf = Float64Array.from({ length: 9 }, (_, j) => j + 1);
    expect(maskEntries(xf, 1 / 3, rng).filter((v) => v === 0).length).toBe(3);
    expect(() => maskEntries(x, -0.1, rng)).toThrow(/^fraction:/);
  });

  it('random fill changes about half of the masked entries (binomial, 4 s.e.)', () => {
    const rng = createRng(36);
    const n = 20_000;
    const x = new Int8Array(n).fill(1);
    const y = maskEntries(x, 0.5, rng, { fill: 'random' });
    const changed = y.filter((v) => v === -1).length; // ~ Binomial(10000, 1/2)
    expect(Math.abs(changed / 10_000 - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / 10_000));
  });
});
