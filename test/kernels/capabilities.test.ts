import { describe, expect, it } from 'vitest';
import {
  affineForm, agreeOnHypercube, expBeta, exponential, exponentialRate, gaussian, isLinearKernel, linear, polynomial, sdmHypercube, type Kernel,
} from '../../node.js';

describe('kernel capabilities are declarations, never names', () => {
  const cubicNamedLinear: Kernel = { kind: 'inner-product', name: 'linear', params: {}, k: (h) => h ** 3, positiveDefinite: false };

  it('linear and degree-1 homogeneous polynomials declare k(h) = h; a cubic kernel named "linear" does not', () => {
    expect(isLinearKernel(linear())).toBe(true);
    expect(isLinearKernel(polynomial({ degree: 1 }))).toBe(true);
    expect(isLinearKernel(cubicNamedLinear)).toBe(false);
    expect(isLinearKernel(polynomial({ degree: 3 }))).toBe(false);
    expect(isLinearKernel(gaussian({ sigma: 1 }))).toBe(false);
  });

  it('every declared capability holds for k itself (checked on integer overlaps)', () => {
    for (const kernel of [linear(), polynomial({ degree: 1, c: 2.5 }), polynomial({ degree: 3 }), exponential({ temperature: 4 })]) {
      const affine = affineForm(kernel);
      const rate = exponentialRate(kernel);
      if (kernel.kind !== 'inner-product') continue;
      for (let h = -12; h <= 12; h++) {
        if (affine) expect(kernel.k(h)).toBeCloseTo(affine.slope * h + affine.offset, 12);
        // k(h + d) = k(h) exp(rate d) for d = 2 (a flip moves an overlap by 2).
        if (rate > 0) expect(kernel.k(h + 2) / kernel.k(h)).toBeCloseTo(Math.exp(2 * rate), 12);
      }
    }
    expect(affineForm(polynomial({ degree: 1, c: 2.5 }))).toEqual({ slope: 1, offset: 2.5 });
    expect(affineForm(polynomial({ degree: 2 }))).toBeUndefined();
    expect(exponentialRate(exponential({ temperature: 4 }))).toBe(0.25);
    expect(exponentialRate(polynomial({ degree: 3 }))).toBe(0);
  });

  it('agreeOnHypercube compares values on every Hamming distance, across kinds, and never by name', () => {
    // On {-1, 1}^d: ||x - y||^2 = 2d - 2 x.y, so exp(-||x - y||^2 / (2 sigma^2)) = exp(-d/sigma^2) exp(x.y / sigma^2).
    const d = 9;
    const sigma = 2;
    const asInner: Kernel = { kind: 'inner-product', name: 'g', params: {}, k: (h) => Math.exp(-d / sigma ** 2) * Math.exp(h / sigma ** 2), positiveDefinite: true };
    expect(agreeOnHypercube(gaussian({ sigma }), asInner, d)).toBe(true);
    expect(agreeOnHypercube(polynomial({ degree: 1 }), linear(), d)).toBe(true);
    expect(agreeOnHypercube(cubicNamedLinear, linear(), d)).toBe(false);
    expect(agreeOnHypercube(sdmHypercube({ dim: d, radius: 3 }), linear(), d)).toBe(false);
    expect(agreeOnHypercube(sdmHypercube({ dim: d, radius: 3 }), sdmHypercube({ dim: d, radius: 3 }), d)).toBe(true);
    expect(agreeOnHypercube(expBeta({ r: 3, beta: 1 }), expBeta({ r: 3, beta: 1.001 }), d)).toBe(false);
    // Exponential kernels beyond the double range compare through logK.
    expect(agreeOnHypercube(exponential({ temperature: 1 }), exponential({ temperature: 1 }), 3000)).toBe(true);
    expect(agreeOnHypercube(exponential({ temperature: 1 }), exponential({ temperature: 1.01 }), 3000)).toBe(false);
  });
});
