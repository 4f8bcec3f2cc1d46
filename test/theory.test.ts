import { describe, expect, it } from 'vitest';
import { chiSquareCdf, coverNetworkCapacity, coverSeparableProbability, createRng, expBetaRecallProbability, hebbianBitError, hebbianBitErrorFinite, normalCdf } from '../src/index.js';

describe('Cover (1965) separability probability', () => {
  it('is 1 up to M = n and exactly 1/2 at M = 2n (symmetry of the binomial sum)', () => {
    for (const n of [1, 5, 10, 40]) {
      expect(coverSeparableProbability(n, n)).toBe(1);
      expect(coverSeparableProbability(2 * n, n)).toBeCloseTo(0.5, 12);
    }
  });

  it('matches the direct binomial sum C(M, n) / 2^M for small M', () => {
    const binom = (a: number, b: number): number => { let r = 1; for (let i = 0; i < b; i++) r = (r * (a - i)) / (i + 1); return r; };
    for (const [m, n] of [[7, 3], [12, 5], [30, 11]] as const) {
      let c = 0;
      for (let k = 0; k < n; k++) c += 2 * binom(m - 1, k);
      expect(coverSeparableProbability(m, n)).toBeCloseTo(c / 2 ** m, 12);
    }
  });

  it('network capacity per neuron rises towards 2 (Gardner) from below', () => {
    const a = [16, 64, 256, 1024].map((n) => coverNetworkCapacity(n) / n);
    for (let i = 1; i < a.length; i++) expect(a[i]!).toBeGreaterThan(a[i - 1]!);
    expect(a[a.length - 1]!).toBeLessThan(2);
    expect(a[a.length - 1]!).toBeGreaterThan(1.8);
  });
});

describe('Hebbian crosstalk theory', () => {
  it('Phi(-1/sqrt(alpha)) agrees with a Monte Carlo of the Gaussian signal-to-noise model', () => {
    // h = 1 + sqrt(alpha) z with z ~ N(0,1); error when h < 0. 4 binomial standard errors.
    const rng = createRng(11);
    const alpha = 0.25;
    const n = 200_000;
    let errors = 0;
    for (let t = 0; t < n; t++) if (1 + Math.sqrt(alpha) * rng.normal() < 0) errors++;
    const p = hebbianBitError(alpha);
    expect(Math.abs(errors / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
    expect(hebbianBitErrorFinite(10_001, 2_501)).toBeCloseTo(p, 12); // (N-1)/(M-1) = 1/alpha
  });

  it('normalCdf has the textbook values Phi(-1) = 0.158655..., Phi(1.96) = 0.975002...', () => {
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145705, 14); // Abramowitz & Stegun table 26.1
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 14);
  });
});

describe('chi-square recall curve (Property 6)', () => {
  it('chiSquareCdf equals the closed forms for k = 1 and k = 2', () => {
    for (const x of [0.1, 1, 3.5, 10]) {
      expect(chiSquareCdf(x, 2)).toBeCloseTo(1 - Math.exp(-x / 2), 13);
      expect(chiSquareCdf(x, 1)).toBeCloseTo(2 * normalCdf(Math.sqrt(x)) - 1, 13);
    }
  });

  it('chiSquareCdf at large even k equals the Poisson-sum identity P(chi2_k < x) = P(Poisson(x/2) >= k/2)', () => {
    // Independent computation: 1 - sum_{j < k/2} e^{-x/2} (x/2)^j / j!, summed term by term via the recurrence.
    const poissonForm = (x: number, k: number): number => {
      const lam = x / 2;
      let logTerm = -lam;
      let sum = 0;
      for (let j = 0; j < k / 2; j++) {
        sum += Math.exp(logTerm);
        logTerm += Math.log(lam) - Math.log(j + 1);
      }
      return 1 - sum;
    };
    for (const k of [2002, 10000]) {
      for (const f of [0.95, 1, 1.02]) expect(Math.abs(chiSquareCdf(f * k, k) - poissonForm(f * k, k))).toBeLessThan(1e-9);
    }
  });

  it('at sigma^2 = r^2/N the recall probability is about one half, tending to 1/2 as N grows', () => {
    const p = [10, 100, 1000, 10000].map((n) => expBetaRecallProbability({ n, r: 3, sigma2: 9 / n }));
    for (const v of p) expect(v).toBeGreaterThan(0.5);
    for (let i = 1; i < p.length; i++) expect(p[i]!).toBeLessThan(p[i - 1]!);
    expect(p[3]! - 0.5).toBeLessThan(0.01); // median of chi2_N is N (1 - 2/(9N))^3 < N
  });
});
