import { describe, expect, it } from 'vitest';
import { InvalidValueError, createKernel, createRng, kernelValue, sdmHypersphere, sdmHypersphereApprox, sdmHypersphereValue, spherePatterns } from '../../node.js';

// The SDM kernel with addresses on the unit sphere (Property 3.2): Eq. 17 (exact) and Eq. 18
// (sparse closed form).

/** Composite Simpson rule with `m` (even) intervals: an integrator independent of src/linalg. */
function simpson(f: (x: number) => number, a: number, b: number, m = 4000): number {
  const h = (b - a) / m;
  let s = f(a) + f(b);
  for (let i = 1; i < m; i++) s += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

/**
 * Fraction of S^(N-1) inside one cap {z : z . x >= b}: the polar angle phi of a uniform point has
 * density proportional to sin(phi)^(N-2) on [0, pi], and the cap is phi <= arccos b.
 */
function capFraction(n: number, b: number): number {
  const f = (phi: number) => Math.sin(phi) ** (n - 2);
  return simpson(f, 0, Math.acos(b)) / simpson(f, 0, Math.PI);
}

describe('sdmHypersphere (Eq. 17)', () => {
  it('matches the Monte Carlo fraction of uniform sphere points lying in both caps', () => {
    // Reference: draw M uniform points z on S^(N-1) (spherePatterns), x = e1 and
    // y = h e1 + sqrt(1 - h^2) e2 (so x . y = h), and count z with z . x >= b and z . y >= b.
    // The count is Binomial(M, K): tolerance 4 standard errors sqrt(K (1 - K) / M).
    const cases: Array<[number, number, number]> = [
      [3, 0.5, 0.8],
      [5, 0.3, 0.5],
      [8, 0.4, 0.7],
      [10, 0.2, -0.3], // negative overlap: caps wider than 90 degrees apart still intersect
      [6, 0.6, 0.95],
      [20, 0.3, 0.8],
    ];
    const m = 100_000;
    const rng = createRng(17);
    for (const [n, b, h] of cases) {
      const Z = spherePatterns({ count: m, dim: n }, rng);
      const s = Math.sqrt(1 - h * h);
      let both = 0;
      for (let k = 0; k < m; k++) {
        const z1 = Z.data[k * n]!;
        const z2 = Z.data[k * n + 1]!;
        if (z1 >= b && h * z1 + s * z2 >= b) both++;
      }
      const expected = sdmHypersphereValue({ dim: n, b }, h);
      const se = Math.sqrt((expected * (1 - expected)) / m);
      expect(expected).toBeGreaterThan(0.01); // the cases are chosen so that MC resolves K
      expect(Math.abs(both / m - expected)).toBeLessThan(4 * se);
    }
  });

  it('at x = y equals the fraction of the sphere in one cap (closed form by quadrature)', () => {
    // Reference: one cap's area fraction int_0^arccos b sin^(N-2) / int_0^pi sin^(N-2) (Simpson);
    // for N = 3 Archimedes gives exactly (1 - b) / 2.
    expect(sdmHypersphereValue({ dim: 3, b: 0.5 }, 1)).toBeCloseTo(0.25, 12);
    expect(sdmHypersphereValue({ dim: 3, b: 0.9 }, 1)).toBeCloseTo(0.05, 12);
    for (const n of [3, 4, 7, 16, 50]) {
      for (const b of [0.1, 0.5, 0.9]) {
        const expected = capFraction(n, b);
        expect(Math.abs(sdmHypersphereValue({ dim: n, b }, 1) / expected - 1)).toBeLessThan(1e-8);
      }
    }
  });

  it('vanishes once the caps are disjoint (angle between x and y >= 2 arccos b) and decreases with distance', () => {
    // Geometry: caps of angular radius arccos b around x and y are disjoint when
    // arccos(x . y) >= 2 arccos b, i.e. x . y <= 2 b^2 - 1.
    const b = 0.8;
    const edge = 2 * b * b - 1;
    expect(sdmHypersphereValue({ dim: 10, b }, edge - 1e-9)).toBe(0);
    expect(sdmHypersphereValue({ dim: 10, b }, -1)).toBe(0);
    expect(sdmHypersphereValue({ dim: 10, b }, edge + 0.05)).toBeGreaterThan(0);
    let prev = Infinity;
    for (let h = 1; h >= edge; h -= 0.01) {
      const v = sdmHypersphereValue({ dim: 10, b }, h);
      expect(v).toBeLessThanOrEqual(prev);
      prev = v;
    }
  });

  it('as a kernel of unit vectors, K.k(x . y) equals kernelValue and the registry builds it', () => {
    const rng = createRng(3);
    const X = spherePatterns({ count: 2, dim: 12 }, rng);
    const x = X.data.subarray(0, 12);
    const y = X.data.subarray(12, 24);
    let h = 0;
    for (let j = 0; j < 12; j++) h += x[j]! * y[j]!;
    const K = sdmHypersphere({ dim: 12, b: 0.2 });
    expect(kernelValue(K, x, y)).toBe(sdmHypersphereValue({ dim: 12, b: 0.2 }, h));
    expect(createKernel('sdm-hypersphere', { dim: 12, b: 0.2 }).kind).toBe('inner-product');
    expect(() => sdmHypersphere({ dim: 2, b: 0.5 })).toThrow(/dim/);
    expect(() => sdmHypersphere({ dim: 8, b: 1 })).toThrow(InvalidValueError);
    expect(() => sdmHypersphereApprox({ dim: 8, b: 0 })).toThrow(/^b:/);
    expect(() => sdmHypersphereValue({ dim: 2, b: 0.5 }, 0.5)).toThrow(/^dim:/);
  });

  it('does not underflow to NaN at large N (log-space evaluation)', () => {
    // K(x, x) for N = 400, b = 0.5 is about 1e-26: finite, positive, and equal to the cap fraction.
    const v = sdmHypersphereValue({ dim: 400, b: 0.5 }, 1);
    expect(v).toBeGreaterThan(0);
    expect(Math.abs(v / capFraction(400, 0.5) - 1)).toBeLessThan(1e-6);
  });
});

describe('sdmHypersphereApprox (Eq. 18) against Eq. 17 in the sparse regime b >= 0.9', () => {
  // Measured (scratch script over N = 4..256, b = 0.9, 0.95, 0.99): Eq. 18 always UNDERestimates
  // Eq. 17. At x = y the relative error is -(1 - b) for large N (N = 256: -0.099, -0.050, -0.010)
  // and smaller for small N; at the distance where Eq. 17 has fallen to half its peak it is about
  // -1.8 (1 - b) (N = 256, b = 0.9: -0.18); where it has fallen to 10% of its peak about
  // -4 (1 - b) (N = 256, b = 0.9: -0.39), and beyond that it tends to -100% as N grows. The error
  // shrinks linearly as b -> 1. The implementation is the paper's formula with B the
  // non-regularised incomplete beta; the error is the formula's own, from two first-order
  // approximations of the flat-cap picture:
  //  (i)  the cap is treated as a flat disc of radius b_hat: this drops the Jacobian 1/cos(phi)
  //       in [1, 1/b], so at x = y the ratio Eq. 18 / Eq. 17 lies in [b, 1] (rigorous, since
  //       int sin^(N-2) cos <= int sin^(N-2) <= (1/b) int sin^(N-2) cos on [0, arccos b]);
  //  (ii) the centres are placed at Delta = sin(alpha_x) from the midpoint, while the rim of the
  //       true lens is cut at b tan(alpha_x) ~ b Delta; with K ~ exp(-N Delta^2 / (2 b_hat^2))
  //       this lowers K by the factor q^(1/b^2 - 1), where q = K(h) / K(1).
  // So the asserted band is  b q^(1/b^2 - 1) - 1 <= Eq.18 / Eq.17 - 1 <= 0.

  /** The overlap h at which Eq. 17 equals q times its peak (bisection; Eq. 17 is monotone in h). */
  function overlapAtFraction(n: number, b: number, q: number): number {
    const peak = sdmHypersphereValue({ dim: n, b }, 1);
    let lo = 2 * b * b - 1;
    let hi = 1;
    for (let it = 0; it < 60; it++) {
      const mid = 0.5 * (lo + hi);
      if (sdmHypersphereValue({ dim: n, b }, mid) > q * peak) hi = mid;
      else lo = mid;
    }
    return 0.5 * (lo + hi);
  }

  it('stays within the derived band b q^(1/b^2 - 1) - 1 <= rel. error <= 0, and the error shrinks as b -> 1', () => {
    for (const n of [8, 16, 64, 256]) {
      for (const q of [1, 0.9, 0.5, 0.1]) {
        const errors: number[] = [];
        for (const b of [0.9, 0.95, 0.99]) {
          const h = q === 1 ? 1 : overlapAtFraction(n, b, q);
          const exact = sdmHypersphereValue({ dim: n, b }, h);
          const rel = sdmHypersphereApprox({ dim: n, b }).k(h) / exact - 1;
          const bound = b * q ** (1 / (b * b) - 1) - 1;
          expect(rel).toBeLessThanOrEqual(1e-9);
          expect(rel).toBeGreaterThanOrEqual(bound);
          errors.push(Math.abs(rel));
        }
        expect(errors[1]!).toBeLessThan(errors[0]!);
        expect(errors[2]!).toBeLessThan(errors[1]!);
      }
    }
  });

  it('uses the non-regularised incomplete beta: at x = y, N = 3 it is b_hat^2 / (2 pi) * B(3/2, 1/2) = b_hat^2 / 4', () => {
    // Hand computation: B(3/2, 1/2) = Gamma(3/2) Gamma(1/2) / Gamma(2) = pi / 2, so Eq. 18 at
    // Delta = 0 is b_hat^2 / 4 = (1 - b^2) / 4 (the flat-disc area pi b_hat^2 over 4 pi).
    for (const b of [0.9, 0.95]) expect(sdmHypersphereApprox({ dim: 3, b }).k(1)).toBeCloseTo((1 - b * b) / 4, 14);
    // Disjoint in Eq. 18's picture once Delta = ||x - y|| / 2 >= b_hat.
    const b = 0.9;
    const bHat = Math.sqrt(1 - b * b);
    expect(sdmHypersphereApprox({ dim: 10, b }).k(1 - 2 * bHat * bHat - 1e-12)).toBe(0);
  });
});
