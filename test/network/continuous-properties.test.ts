import { describe, expect, it } from 'vitest';
import { SingularMatrixError, continuousPatterns, createRng, expBeta, gaussianPatterns, interpolationNetwork, patternRow, type ContinuousPatterns } from '../../node.js';

function minDistance(X: ContinuousPatterns): number {
  let best = Infinity;
  for (let a = 0; a < X.count; a++) for (let b = a + 1; b < X.count; b++) {
    let d2 = 0;
    for (let j = 0; j < X.dim; j++) d2 += (X.data[a * X.dim + j]! - X.data[b * X.dim + j]!) ** 2;
    best = Math.min(best, Math.sqrt(d2));
  }
  return best;
}

describe('Exp_beta interpolation network at large beta (Property 5.3: no spurious attractors)', () => {
  it('a cue just outside radius r of a pattern (kernel values well above 0) goes to the agnostic state 0, one just inside to the pattern', () => {
    // beta = 20 keeps K(xi, s) = exp(-(d / r)^20) in the double range near d = r: at d = 1.1 r it is
    // exp(-6.7) = 1.2e-3, so the step s' = X K^-1 K(X, s) is exercised with nonzero weights (a cue
    // that only sees underflowed kernel values would map to 0 trivially). Property 5.3: outside every
    // radius the state moves to near the origin, where every kernel value vanishes (||xi|| > 1.1 r),
    // so the next state is exactly 0; Property 5.2: at d = 0.5 r, K = 1 - 1e-6 and one step recalls xi.
    const rng = createRng(1);
    const n = 30;
    const X = gaussianPatterns({ count: 20, dim: n }, rng);
    const r = 0.45 * minDistance(X);
    for (let mu = 0; mu < X.count; mu++) expect(Math.hypot(...patternRow(X, mu))).toBeGreaterThan(1.1 * r);
    const kernel = expBeta({ r, beta: 20 });
    const net = interpolationNetwork({ patterns: X, kernel });
    for (let trial = 0; trial < 10; trial++) {
      const mu = trial % X.count;
      const xi = patternRow(X, mu);
      const u = Float64Array.from({ length: n }, () => rng.normal());
      const norm = Math.hypot(...u);
      const at = (f: number): Float64Array => Float64Array.from(xi, (v, j) => v + (f * r * u[j]!) / norm);
      const outside = at(1.1);
      const k = net.weights(outside);
      let largest = 0;
      for (let q = 0; q < X.count; q++) {
        let d2 = 0;
        for (let j = 0; j < n; j++) d2 += (X.data[q * n + j]! - outside[j]!) ** 2;
        largest = Math.max(largest, Math.exp(-((Math.sqrt(d2) / r) ** 20)));
      }
      expect(largest).toBeGreaterThan(1e-3);
      expect(Math.max(...k.map(Math.abs))).toBeGreaterThan(1e-4);
      const first = net.step(outside);
      expect(Math.hypot(...first)).toBeLessThan(0.01 * Math.hypot(...xi));
      const { state, converged } = net.run(outside, { maxSteps: 5 });
      expect(converged).toBe(true);
      expect(Math.max(...state.map(Math.abs))).toBe(0);
      const inside = net.run(at(0.5), { maxSteps: 5 });
      expect(inside.converged).toBe(true);
      for (let j = 0; j < n; j++) expect(Math.abs(inside.state[j]! - xi[j]!)).toBeLessThan(1e-9 * Math.hypot(...xi));
    }
  });

  it('a singular kernel matrix is a SingularMatrixError naming the kernel matrix and the fix', () => {
    // Two patterns 1e-9 apart at r = 1, beta = 2: K = [[1, 1 - 1e-18], [.., 1]] is 1 in double precision.
    const X = continuousPatterns(Float64Array.of(1, 0, 1 + 1e-9, 0), { count: 2, dim: 2 });
    expect(() => interpolationNetwork({ patterns: X, kernel: expBeta({ r: 1, beta: 2 }) })).toThrow(SingularMatrixError);
    expect(() => interpolationNetwork({ patterns: X, kernel: expBeta({ r: 1, beta: 2 }) })).toThrow(/kernel matrix.*smaller r/s);
  });
});
