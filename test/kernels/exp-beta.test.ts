import { CholeskyDecomposition, EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { continuousPatterns, createRng, expBeta, gaussian, gaussianPatterns, kernelMatrix, kernelValue, kernelVector, laplacian, patternRow, randomBipolar, spherePatterns } from '../../node.js';
import type { Patterns } from '../../node.js';

// Translation-invariant kernels: Exp_beta (Eq. 21), Gaussian, Laplacian.

function toMatrix(k: Float64Array, m: number): Matrix {
  return new Matrix(Array.from({ length: m }, (_, i) => Array.from(k.subarray(i * m, (i + 1) * m))));
}

describe('Exp_beta kernel matrices are positive definite for 0 < beta <= 2 (Micchelli 1986)', () => {
  it('Cholesky succeeds and the smallest eigenvalue is > 0 on distinct Gaussian, sphere and bipolar patterns', () => {
    // Property: exp(-(d/r)^beta) is a positive definite radial function for 0 < beta <= 2, so the
    // kernel matrix of distinct points is PD (the paper relies on this for K^-1 in Eq. 20).
    // r is set to the scale of the pairwise distances so the matrices are not numerically singular.
    const rng = createRng(21);
    const sets: Array<[Patterns, number]> = [
      [gaussianPatterns({ count: 40, dim: 6 }, rng), Math.sqrt(2 * 6)],
      [spherePatterns({ count: 30, dim: 3 }, rng), 0.5],
      [randomBipolar({ count: 30, dim: 12 }, rng), 3],
    ];
    for (const [X, r] of sets) {
      for (const beta of [0.25, 0.5, 1, 1.5, 2]) {
        const K = toMatrix(kernelMatrix(X, expBeta({ r, beta })), X.count);
        expect(new CholeskyDecomposition(K).isPositiveDefinite()).toBe(true);
        const eig = new EigenvalueDecomposition(K, { assumeSymmetric: true }).realEigenvalues;
        expect(Math.min(...eig)).toBeGreaterThan(0);
      }
    }
  });

  it('is PD even with two nearly coincident patterns, but singular with an exact duplicate', () => {
    // Hand check on 2 points: K = [[1, e], [e, 1]] with e = exp(-(d/r)^beta) has eigenvalues 1 +- e,
    // so PD iff d > 0.
    const X = continuousPatterns(Float64Array.of(0, 0, 0.1, 0, 3, 1), { count: 3, dim: 2 });
    const K = kernelMatrix(X, expBeta({ r: 1, beta: 1 }));
    expect(K[1]).toBeCloseTo(Math.exp(-0.1), 15);
    const eig = new EigenvalueDecomposition(toMatrix(K, 3), { assumeSymmetric: true }).realEigenvalues;
    expect(Math.min(...eig)).toBeGreaterThan(0);
    const dup = continuousPatterns(Float64Array.of(1, 2, 1, 2), { count: 2, dim: 2 });
    expect(new CholeskyDecomposition(toMatrix(kernelMatrix(dup, expBeta({ r: 1, beta: 2 })), 2)).isPositiveDefinite()).toBe(false);
    expect(expBeta({ r: 1, beta: 2 }).positiveDefinite).toBe(true);
    expect(expBeta({ r: 1, beta: 3 }).positiveDefinite).toBe(false);
  });
});

describe('translation-invariant kernels', () => {
  it('Exp_beta hand values: exp(-(d/r)^beta)', () => {
    expect(expBeta({ r: 2, beta: 1 }).g2(4)).toBeCloseTo(Math.exp(-1), 15);
    expect(expBeta({ r: 2, beta: 3 }).g2(16)).toBeCloseTo(Math.exp(-8), 15); // d = 4, (4/2)^3 = 8
    expect(expBeta({ r: 1, beta: 0.5 }).g2(16)).toBeCloseTo(Math.exp(-2), 15); // d = 4, sqrt(4) = 2
    expect(expBeta({ r: 1, beta: 2 }).g2(0)).toBe(1);
    expect(() => expBeta({ r: 0, beta: 1 })).toThrow(/^r:/);
    expect(() => expBeta({ r: 1, beta: -1 })).toThrow(/^beta:/);
    expect(() => gaussian({ sigma: 0 })).toThrow(/^sigma:/);
  });

  it('Gaussian = Exp_beta(beta = 2, r = sqrt(2) sigma) and Laplacian = Exp_beta(beta = 1, r = sigma)', () => {
    // exp(-d^2 / (2 sigma^2)) = exp(-(d / (sqrt 2 sigma))^2); exp(-d / sigma) = exp(-(d / sigma)^1).
    for (const sigma of [0.3, 1, 2.5]) {
      const g = gaussian({ sigma });
      const e2 = expBeta({ r: Math.SQRT2 * sigma, beta: 2 });
      const l = laplacian({ sigma });
      const e1 = expBeta({ r: sigma, beta: 1 });
      for (let d = 0; d <= 10; d += 0.25) {
        const d2 = d * d;
        // Tolerance: the two forms round the exponent x differently by a few ulps of x, which
        // changes exp(-x) by the relative amount x * (few ulps): 8 eps (1 + x).
        const xg = d2 / (2 * sigma * sigma);
        const xl = d / sigma;
        expect(Math.abs(g.g2(d2) - e2.g2(d2))).toBeLessThanOrEqual(8 * Number.EPSILON * (1 + xg) * g.g2(d2));
        expect(Math.abs(l.g2(d2) - e1.g2(d2))).toBeLessThanOrEqual(8 * Number.EPSILON * (1 + xl) * l.g2(d2));
        expect(g.g2(d2)).toBeCloseTo(Math.exp(-d2 / (2 * sigma * sigma)), 14);
        expect(l.g2(d2)).toBeCloseTo(Math.exp(-d / sigma), 14);
      }
    }
  });

  it('kernelVector equals pairwise kernelValue, and kernelMatrix is symmetric with a unit diagonal', () => {
    const rng = createRng(8);
    const X = gaussianPatterns({ count: 12, dim: 5 }, rng);
    const s = Float64Array.from({ length: 5 }, () => rng.normal());
    for (const K of [expBeta({ r: 2, beta: 1.3 }), gaussian({ sigma: 1.5 }), laplacian({ sigma: 0.7 })]) {
      const v = kernelVector(X, s, K);
      for (let mu = 0; mu < X.count; mu++) {
        const xi = patternRow(X, mu);
        // Independent evaluation: explicit distance and the closed form of each kernel.
        let d2 = 0;
        for (let j = 0; j < 5; j++) d2 += (xi[j]! - s[j]!) ** 2;
        expect(v[mu]).toBe(kernelValue(K, xi, s));
        expect(v[mu]).toBeCloseTo(K.g2(d2), 15);
      }
      const m = X.count;
      const M = kernelMatrix(X, K);
      for (let a = 0; a < m; a++) {
        expect(M[a * m + a]).toBe(1);
        for (let b = 0; b < m; b++) {
          expect(M[a * m + b]).toBe(M[b * m + a]);
          expect(M[a * m + b]).toBe(kernelValue(K, patternRow(X, a), patternRow(X, b)));
        }
      }
    }
  });
});
