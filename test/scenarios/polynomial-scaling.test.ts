import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenario/run-scenario.js';
import { krotovHopfieldCapacity, denseErrorFreeCapacity, oddDoubleFactorial, polynomialFeatureDimension, rademacherSumMoment } from '../../src/theory/dense-capacity.js';
import { hebbianErrorFreeCapacity } from '../../src/theory/hebbian.js';
import { binomial } from '../../src/linalg/special.js';
import scenario from '../../scenarios/polynomial-scaling.js';

describe('dense-memory capacity theory', () => {
  it('the 2p-th moment of a sum of n signs equals brute force over all 2^n sign vectors', () => {
    for (const n of [1, 4, 7]) for (const p of [0, 1, 2, 3]) {
      let s = 0;
      for (let v = 0; v < 1 << n; v++) {
        let h = 0;
        for (let j = 0; j < n; j++) h += (v >> j) & 1 ? 1 : -1;
        s += h ** (2 * p);
      }
      expect(rademacherSumMoment(n, p)).toBeCloseTo(s / 2 ** n, 8);
    }
  });

  it('degree 1 is the classical Hopfield network: the Gaussian theory equals hebbianErrorFreeCapacity, KH is N / (2 ln N)', () => {
    for (const n of [16, 64, 256]) {
      expect(denseErrorFreeCapacity(n, 1)).toBeCloseTo(hebbianErrorFreeCapacity(n), 8);
      expect(krotovHopfieldCapacity(n, 1)).toBeCloseTo(n / (2 * Math.log(n)), 10);
    }
    expect(oddDoubleFactorial(4)).toBe(105);
  });

  it('the feature dimension of h^p on bipolar inputs counts multilinear monomials of parity p', () => {
    // brute force: the rank-free count of distinct monomials produced by expanding (x . y)^p with x_j^2 = 1
    for (const n of [5, 8]) for (const p of [1, 2, 3, 4]) {
      const seen = new Set<number>();
      const expand = (mask: number, left: number): void => {
        if (left === 0) { seen.add(mask); return; }
        for (let j = 0; j < n; j++) expand(mask ^ (1 << j), left - 1);
      };
      expand(0, p);
      expect(polynomialFeatureDimension(n, p)).toBe(seen.size);
    }
    expect(polynomialFeatureDimension(10, 2, { c: 1 })).toBe(binomial(10, 0) + binomial(10, 1) + binomial(10, 2));
  });
});

describe('polynomial-scaling scenario (small sizes)', () => {
  it('fitted exponents contain the finite-N theory slope; A = 1 scales faster than N^(p-1); max margin reaches Cover', async () => {
    const { result, output } = await runScenario(scenario, {
      seed: 5,
      trials: 3,
      params: { rules: 'hebbian,adatron', hebbianDegrees: '2', hebbianN2: '16,32,64', hebbianSets: '2', adatronDegrees: '1', adatronN1: '12,16,20' },
    });
    const fits = output.tables!.fits!;
    const heb = fits.find((f) => f.rule === 'hebbian' && f.degree === 2)!;
    const ada = fits.find((f) => f.rule === 'adatron' && f.degree === 1)!;
    // The measured exponents sit in their 95% t intervals around the finite-N theory's own slope
    // over the same N (not at the asymptotic p: the ln N factor and (N-1)^p bend the curve).
    for (const f of [heb, ada]) {
      expect(f.finiteTheoryExponent as number).toBeGreaterThanOrEqual(f.exponentLo as number);
      expect(f.finiteTheoryExponent as number).toBeLessThanOrEqual(f.exponentHi as number);
    }
    // A = 1 with h^2: far above N^1 (the N^(p-1) reading), below the asymptotic 2 at these N.
    expect(heb.exponentLo as number).toBeGreaterThan(1);
    // Finite-N slope of N^p / (2 (2p-1)!! ln N) is p - 1/ln N on average: below p.
    expect(heb.asymptoticCurveExponent as number).toBeLessThan(2);
    // Every row's measurement within a factor 2 of its finite-N theory (Gaussian crosstalk, Cover).
    for (const r of result.rows) {
      expect(r.ratioFinite as number).toBeGreaterThan(0.5);
      expect(r.ratioFinite as number).toBeLessThan(2);
    }
    expect(output.checks.every((c) => c.pass)).toBe(true);
    expect(output.plots.map((p) => p.name)).toEqual(['capacity-vs-n-hebbian', 'capacity-vs-n-adatron']);
    expect(JSON.stringify(output.plots[0]!.spec)).toContain('Gaussian crosstalk');
  }, 20000);

  it('rejects sizes outside their bounds before running', async () => {
    await expect(runScenario(scenario, { params: { hebbianN3: '2' } })).rejects.toThrow(/hebbianN3/);
  });
});
