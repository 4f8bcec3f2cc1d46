import { describe, expect, it } from 'vitest';
import { InvalidValueError, createRng, exponential, kernelValue, linear, polynomial, rectifiedPolynomial } from '../../node.js';

// (x . y + c)^p = phi(x) . phi(y) with the explicit sigma-pi feature map (DESIGN.md section 3).

/** All multi-indices alpha in N^n with |alpha| <= p. */
function multiIndices(n: number, p: number): number[][] {
  const out: number[][] = [];
  const rec = (prefix: number[], left: number): void => {
    if (prefix.length === n) {
      out.push(prefix.slice());
      return;
    }
    for (let a = 0; a <= left; a++) {
      prefix.push(a);
      rec(prefix, left - a);
      prefix.pop();
    }
  };
  rec([], p);
  return out;
}

function factorial(k: number): number {
  let f = 1;
  for (let t = 2; t <= k; t++) f *= t;
  return f;
}

/**
 * Multinomial theorem: (sum_j x_j y_j + c)^p = sum_{|alpha| <= p} p! / (alpha! (p - |alpha|)!)
 * c^(p - |alpha|) prod_j (x_j y_j)^alpha_j, so phi_alpha(x) = sqrt(weight_alpha) x^alpha.
 */
function monomialFeatures(x: ArrayLike<number>, p: number, c: number): number[] {
  const n = x.length;
  return multiIndices(n, p).map((alpha) => {
    const total = alpha.reduce((s, a) => s + a, 0);
    let weight = factorial(p) / factorial(p - total) * c ** (p - total);
    let mono = 1;
    alpha.forEach((a, j) => {
      weight /= factorial(a);
      mono *= x[j]! ** a;
    });
    return Math.sqrt(weight) * mono;
  });
}

/**
 * The sigma-pi map for bipolar inputs: x_j^2 = 1 collapses x^alpha to the multilinear monomial
 * over S = {j : alpha_j odd}, so phi_S(x) = sqrt(sum_{alpha with odd set S} weight_alpha) prod_{j in S} x_j.
 * One feature per subset S of at most p inputs (the multiplicative synaptic clusters).
 */
function sigmaPiFeatures(x: ArrayLike<number>, p: number, c: number): number[] {
  const n = x.length;
  const weights = new Map<number, number>(); // bitmask of S -> summed weight
  for (const alpha of multiIndices(n, p)) {
    const total = alpha.reduce((s, a) => s + a, 0);
    let weight = factorial(p) / factorial(p - total) * c ** (p - total);
    let mask = 0;
    alpha.forEach((a, j) => {
      weight /= factorial(a);
      if (a % 2 === 1) mask |= 1 << j;
    });
    weights.set(mask, (weights.get(mask) ?? 0) + weight);
  }
  const features: number[] = [];
  for (const [mask, weight] of weights) {
    let mono = 1;
    for (let j = 0; j < n; j++) if (mask & (1 << j)) mono *= x[j]!;
    features.push(Math.sqrt(weight) * mono);
  }
  return features;
}

const dot = (a: number[], b: number[]): number => a.reduce((s, v, i) => s + v * b[i]!, 0);

describe('polynomial kernel (x . y + c)^p', () => {
  it('equals the inner product of explicit monomial features for real inputs', () => {
    const rng = createRng(11);
    for (const n of [1, 3, 4]) {
      for (const p of [1, 2, 3, 4]) {
        for (const c of [0, 1, 0.5]) {
          const K = polynomial({ degree: p, c });
          for (let t = 0; t < 5; t++) {
            const x = Float64Array.from({ length: n }, () => rng.normal());
            const y = Float64Array.from({ length: n }, () => rng.normal());
            const expected = dot(monomialFeatures(x, p, c), monomialFeatures(y, p, c));
            expect(Math.abs(kernelValue(K, x, y) - expected)).toBeLessThan(1e-12 * Math.max(1, Math.abs(expected)));
          }
        }
      }
    }
  });

  it('equals the sigma-pi (multilinear) feature inner product for bipolar inputs', () => {
    const rng = createRng(12);
    for (const n of [3, 5, 6]) {
      for (const p of [2, 3, 4]) {
        for (const c of [1, 2]) {
          const K = polynomial({ degree: p, c });
          for (let t = 0; t < 5; t++) {
            const x = Int8Array.from({ length: n }, () => rng.bipolar());
            const y = Int8Array.from({ length: n }, () => rng.bipolar());
            const fx = sigmaPiFeatures(x, p, c);
            const fy = sigmaPiFeatures(y, p, c);
            // At most sum_{k <= p} C(n, k) features: only multilinear monomials survive.
            expect(fx.length).toBeLessThanOrEqual(2 ** n);
            const expected = dot(fx, fy);
            expect(Math.abs(kernelValue(K, x, y) - expected)).toBeLessThan(1e-12 * Math.max(1, Math.abs(expected)));
          }
        }
      }
    }
  });

  it('hand values of the inner-product kernels and parameter validation', () => {
    expect(polynomial({ degree: 3 }).k(2)).toBe(8);
    expect(polynomial({ degree: 2, c: 1 }).k(2)).toBe(9);
    expect(polynomial({ degree: 5, c: 1 }).k(1)).toBe(32);
    expect(linear().k(-3)).toBe(-3);
    expect(rectifiedPolynomial({ degree: 2 }).k(-3)).toBe(0);
    expect(rectifiedPolynomial({ degree: 3 }).k(2)).toBe(8);
    expect(exponential({ temperature: 2 }).k(2)).toBeCloseTo(Math.E, 14);
    expect(() => polynomial({ degree: 0 })).toThrow(/^degree:/);
    expect(() => polynomial({ degree: 2, c: -1 })).toThrow(InvalidValueError);
    expect(() => polynomial({ degree: 2, c: -1 })).toThrow(/^c:/);
    expect(() => exponential({ temperature: 0 })).toThrow(/^temperature:/);
  });
});
