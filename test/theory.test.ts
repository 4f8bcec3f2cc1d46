import { describe, expect, it } from 'vitest';
import { chiSquareCdf, coverNetworkCapacity, coverSeparableProbability, expBetaRecallProbability, hebbianBitError, hebbianBitErrorExact, hebbianBitErrorFinite, normalCdf } from '../node.js';

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

/**
 * One-step error of the classical Hopfield network by brute force: every bipolar pattern set of
 * M patterns in N dimensions (2^(N M) sets), Hebbian weights W = X^T X with zero diagonal, each
 * bit's field h_i^nu = sum_{j != i} W_ij xi_j^nu by a plain loop, sgn(0) = +1. The exact average
 * error over all sets (no sampling).
 */
function bruteForceHebbianError(n: number, m: number): number {
  const bits = n * m;
  let errors = 0;
  const x = new Int8Array(bits);
  for (let code = 0; code < 2 ** bits; code++) {
    for (let b = 0; b < bits; b++) x[b] = (code >> b) & 1 ? 1 : -1;
    for (let nu = 0; nu < m; nu++) {
      for (let i = 0; i < n; i++) {
        let h = 0;
        for (let j = 0; j < n; j++) {
          if (j === i) continue;
          let w = 0;
          for (let mu = 0; mu < m; mu++) w += x[mu * n + i]! * x[mu * n + j]!;
          h += w * x[nu * n + j]!;
        }
        if ((h >= 0 ? 1 : -1) !== x[nu * n + i]) errors++;
      }
    }
  }
  return errors / (2 ** bits * bits);
}

/** Shevtsova (2011): the Berry-Esseen constant for iid sums is at most 0.4748 (here E|X|^3 / sigma^3 = 1). */
const BERRY_ESSEEN = 0.4748;

describe('Hebbian crosstalk theory', () => {
  it('the exact finite-N error (binomial crosstalk) equals a brute-force count over every pattern set', () => {
    // 2^12 to 2^15 pattern sets: the full expectation, so the agreement is to rounding.
    for (const [n, m] of [[4, 3], [3, 4], [5, 3], [6, 2], [2, 5]] as const) {
      expect(hebbianBitErrorExact(n, m)).toBeCloseTo(bruteForceHebbianError(n, m), 12);
    }
    expect(hebbianBitErrorExact(10, 1)).toBe(0); // one pattern is always stable
  });

  it('the Gaussian finite-N formula Phi(-sqrt((N-1)/(M-1))) is within the Berry-Esseen bound 0.4748 / sqrt(K) of the exact error', () => {
    // The crosstalk is a sum of K = (M-1)(N-1) iid +/-1 terms; Berry-Esseen bounds the distance of its
    // distribution function from the normal one by C rho / (sigma^3 sqrt(K)) = 0.4748 / sqrt(K), at every point
    // and so also for the tie-averaged value P(C < x) + P(C = x) / 2.
    for (const [n, m] of [[20, 5], [100, 11], [100, 30], [500, 100], [2000, 300]] as const) {
      const k = (m - 1) * (n - 1);
      expect(Math.abs(hebbianBitErrorExact(n, m) - hebbianBitErrorFinite(n, m))).toBeLessThanOrEqual(BERRY_ESSEEN / Math.sqrt(k));
    }
  });

  it('the exact error tends to Phi(-1/sqrt(alpha)) as N grows at load alpha = M/N, within Berry-Esseen plus the Lipschitz bound of Phi', () => {
    // |exact - Phi(-1/sqrt(alpha))| <= 0.4748 / sqrt(K) + |(N-1)/sqrt(K) - 1/sqrt(alpha)| / sqrt(2 pi),
    // the second term because Phi' <= 1 / sqrt(2 pi). Both vanish as N grows, so the bound is a real limit.
    for (const alpha of [0.25, 0.5]) {
      let last = Infinity;
      for (const n of [100, 1000, 10_000]) {
        const m = Math.round(alpha * n);
        const k = (m - 1) * (n - 1);
        const bound = BERRY_ESSEEN / Math.sqrt(k) + Math.abs((n - 1) / Math.sqrt(k) - 1 / Math.sqrt(m / n)) / Math.sqrt(2 * Math.PI);
        const gap = Math.abs(hebbianBitErrorExact(n, m) - hebbianBitError(m / n));
        expect(gap).toBeLessThanOrEqual(bound);
        expect(bound).toBeLessThan(last);
        last = bound;
      }
      expect(last).toBeLessThan(hebbianBitError(alpha) / 10); // the bound is far below the value it bounds
    }
    expect(hebbianBitErrorFinite(10_001, 2_501)).toBeCloseTo(hebbianBitError(0.25), 12); // (N-1)/(M-1) = 1/alpha
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
