import { describe, expect, it } from 'vitest';
import { InvalidValueError, createRng, flipBits, patternRow, randomBipolar, sdmFeatureMap, sdmHypercube, sdmHypersphereValue, sdmKernelEstimate, spherePatterns } from '../../node.js';
import type { Patterns, Rng } from '../../node.js';

// A finite SDM (Eq. 13) with N_phi random addresses: phi(x) . phi(y) / N_phi -> K_SDM (Eq. 15).
// For i.i.d. addresses the number of addresses active for both x and y is exactly
// Binomial(N_phi, K), so the estimate has mean K and variance K (1 - K) / N_phi.

/**
 * Runs `reps` independent finite SDMs at each size and returns, per size, the mean squared error
 * normalised by the binomial variance: (1/reps) sum (est - K)^2 / (K (1 - K) / N_phi).
 * Its expectation is 1 at every size iff the error shrinks like 1/sqrt(N_phi); with reps = 20 it
 * is chi^2_20 / 20 distributed (mean 1, sd 0.32).
 */
function normalisedMse(sizes: number[], reps: number, k: number, makeAddresses: (count: number, rng: Rng) => Patterns, bias: number, x: ArrayLike<number>, y: ArrayLike<number>, rng: Rng): { ratios: number[]; last: number } {
  const ratios: number[] = [];
  let last = NaN;
  for (const size of sizes) {
    let sse = 0;
    for (let rep = 0; rep < reps; rep++) {
      const phi = sdmFeatureMap({ addresses: makeAddresses(size, rng), bias });
      last = sdmKernelEstimate(phi, x, y);
      sse += (last - k) ** 2;
    }
    ratios.push(sse / reps / ((k * (1 - k)) / size));
  }
  return { ratios, last };
}

// chi^2_20 / 20 lies in [0.27, 2.27] with probability 0.999 (quantiles 5.4 and 45.3 of chi^2_20).
const CHI_LO = 0.27;
const CHI_HI = 2.27;

describe('sdmFeatureMap on the hypercube (b = N - 2r)', () => {
  it('phi(x) is the indicator of addresses within Hamming distance r of x (hand check)', () => {
    // N = 4, r = 1, b = 2: z . x = N - 2 d(z, x) >= 2 iff d(z, x) <= 1.
    const rng = createRng(5);
    const Z = randomBipolar({ count: 200, dim: 4 }, rng);
    const x = Int8Array.of(1, -1, 1, 1);
    const f = sdmFeatureMap({ addresses: Z, bias: 2 }).features(x);
    for (let k = 0; k < 200; k++) {
      let d = 0;
      for (let j = 0; j < 4; j++) if (Z.data[k * 4 + j] !== x[j]) d++;
      expect(f[k]).toBe(d <= 1 ? 1 : 0);
    }
    expect(() => sdmFeatureMap({ addresses: Z, bias: NaN })).toThrow(InvalidValueError);
  });

  it('the estimate converges to sdmHypercube like 1/sqrt(N_phi) and is within 4 binomial s.e. at the largest N_phi', () => {
    // N = 16, r = 5, Delta = 3: K from Eq. 16 (itself checked against brute force).
    const n = 16;
    const r = 5;
    const rng = createRng(99);
    const x = patternRow(randomBipolar({ count: 1, dim: n }, rng), 0);
    const y = flipBits(x, 3 / n, rng);
    const k = sdmHypercube({ dim: n, radius: r }).g2(4 * 3);
    expect(k).toBeGreaterThan(0.02);
    const sizes = [250, 1000, 4000, 16_000];
    const { ratios, last } = normalisedMse(sizes, 20, k, (count, g) => randomBipolar({ count, dim: n }, g), n - 2 * r, x, y, rng);
    // The normalised MSE is ~1 at every size: RMS error = sqrt(K(1-K)/N_phi), i.e. ~ 1/sqrt(N_phi).
    for (const ratio of ratios) {
      expect(ratio).toBeGreaterThan(CHI_LO);
      expect(ratio).toBeLessThan(CHI_HI);
    }
    // Last single estimate at N_phi = 16000 within 4 binomial standard errors.
    expect(Math.abs(last - k)).toBeLessThan(4 * Math.sqrt((k * (1 - k)) / 16_000));
  });
});

describe('sdmFeatureMap on the hypersphere', () => {
  it('the estimate converges to Eq. 17 like 1/sqrt(N_phi) and is within 4 binomial s.e. at the largest N_phi', () => {
    // N = 8, b = 0.4, x . y = 0.7: K from Eq. 17 (itself checked against Monte Carlo and cap areas).
    const n = 8;
    const b = 0.4;
    const h = 0.7;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    x[0] = 1;
    y[0] = h;
    y[1] = Math.sqrt(1 - h * h);
    const k = sdmHypersphereValue({ dim: n, b }, h);
    expect(k).toBeGreaterThan(0.05);
    const rng = createRng(123);
    const sizes = [250, 1000, 4000, 16_000];
    const { ratios, last } = normalisedMse(sizes, 20, k, (count, g) => spherePatterns({ count, dim: n }, g), b, x, y, rng);
    for (const ratio of ratios) {
      expect(ratio).toBeGreaterThan(CHI_LO);
      expect(ratio).toBeLessThan(CHI_HI);
    }
    expect(Math.abs(last - k)).toBeLessThan(4 * Math.sqrt((k * (1 - k)) / 16_000));
  });
});
