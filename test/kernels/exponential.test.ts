import { describe, expect, it } from 'vitest';
import { InvalidValueError, bipolarPatterns, createRng, exponential, flipBits, kernelMatrix, overlaps, patternRow, randomBipolar, scaledKernelVector } from '../../node.js';

// The exponential kernel exp(h / T) at overlaps h ~ N = 10^4 (T = 1) overflows a double
// (exp(709.8) is the largest finite value); scaledKernelVector must evaluate it shifted.

describe('exponential kernel at large overlaps (N = 10^4, T = 1)', () => {
  const n = 10_000;
  const m = 40;
  const rng = createRng(4242);
  // Patterns close to one parent, so every overlap with the cue is near 10^4: pattern mu is the
  // parent with mu + 1 random bits flipped, the cue is the parent with 3 bits flipped.
  const parent = patternRow(randomBipolar({ count: 1, dim: n }, rng), 0);
  const data = new Int8Array(m * n);
  for (let mu = 0; mu < m; mu++) data.set(flipBits(parent, (mu + 1) / n, rng), mu * n);
  const X = bipolarPatterns(data, { count: m, dim: n });
  const s = flipBits(parent, 3 / n, rng);

  it('stays finite via scaledKernelVector and returns the largest overlap as the shift', () => {
    const K = exponential({ temperature: 1 });
    const h = overlaps(X, s);
    const hMax = Math.max(...h);
    expect(hMax).toBeGreaterThan(9_900);
    expect(K.k(hMax)).toBe(Infinity); // the naive kernel value overflows
    const w = new Float64Array(m);
    const shift = scaledKernelVector(X, s, K, w);
    expect(shift).toBe(hMax);
    for (const v of w) {
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    expect(Math.max(...w)).toBe(1);
    // The naive kernel matrix overflows and says so.
    expect(() => kernelMatrix(X, K)).toThrow(InvalidValueError);
  });

  it('normalised weights equal the high-precision softmax 1 / sum_nu exp(h_nu - h_mu) to 1e-12', () => {
    // Reference: the overlaps are integers, computed here independently by counting agreements
    // (h = N - 2 * Hamming distance). The softmax weight of mu is 1 / sum_nu exp(h_nu - h_mu);
    // every difference h_nu - h_mu is a small exact integer, so each term is exp of an exact
    // number and the sum has no cancellation: accurate to a few ulps.
    const w = new Float64Array(m);
    scaledKernelVector(X, s, exponential({ temperature: 1 }), w);
    const total = w.reduce((a, b) => a + b, 0);
    const h: number[] = [];
    for (let mu = 0; mu < m; mu++) {
      let hamming = 0;
      for (let j = 0; j < n; j++) if (X.data[mu * n + j] !== s[j]) hamming++;
      h.push(n - 2 * hamming);
    }
    for (let mu = 0; mu < m; mu++) {
      let denom = 0;
      for (let nu = 0; nu < m; nu++) denom += Math.exp(h[nu]! - h[mu]!);
      expect(Math.abs(w[mu]! / total - 1 / denom)).toBeLessThan(1e-12);
    }
  });

  it('matches the softmax at temperature T: weights depend on (h_nu - h_mu) / T only', () => {
    // exp(h / T) normalised = softmax(h / T): compare T = 2.5 with the same reference formula.
    const T = 2.5;
    const w = new Float64Array(m);
    const shift = scaledKernelVector(X, s, exponential({ temperature: T }), w);
    const h = overlaps(X, s);
    expect(shift).toBeCloseTo(Math.max(...h) / T, 10);
    const total = w.reduce((a, b) => a + b, 0);
    for (let mu = 0; mu < m; mu++) {
      let denom = 0;
      for (let nu = 0; nu < m; nu++) denom += Math.exp((h[nu]! - h[mu]!) / T);
      expect(Math.abs(w[mu]! / total - 1 / denom)).toBeLessThan(1e-12);
    }
  });
});
