import { describe, expect, it } from 'vitest';
import { gaussLegendre, integrate } from '../../node.js';

describe('Gauss-Legendre quadrature', () => {
  it('n points integrate x^d exactly over [-1, 1] for every d <= 2n - 1', () => {
    for (const n of [1, 2, 5, 12, 24]) {
      const { nodes, weights } = gaussLegendre(n);
      for (let d = 0; d <= 2 * n - 1; d++) {
        let q = 0;
        for (let k = 0; k < n; k++) q += weights[k]! * nodes[k]! ** d;
        const exact = d % 2 === 1 ? 0 : 2 / (d + 1); // closed form of int_{-1}^{1} x^d dx
        expect(Math.abs(q - exact)).toBeLessThan(1e-13);
      }
    }
  });

  it('the 2-point rule has nodes +-1/sqrt(3) and unit weights (textbook)', () => {
    const { nodes, weights } = gaussLegendre(2);
    expect(nodes[1]).toBeCloseTo(1 / Math.sqrt(3), 15);
    expect(weights[0]).toBeCloseTo(1, 15);
  });

  it('composite integration of smooth functions matches closed forms', () => {
    expect(integrate(Math.sin, 0, Math.PI)).toBeCloseTo(2, 13);
    expect(integrate((x) => Math.exp(-x * x), -6, 6, { panels: 12 })).toBeCloseTo(Math.sqrt(Math.PI), 12);
  });
});
