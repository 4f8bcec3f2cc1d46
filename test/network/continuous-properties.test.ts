import { describe, expect, it } from 'vitest';
import { SingularMatrixError, continuousPatterns, createRng, expBeta, gaussianPatterns, interpolationNetwork, patternRow, type ContinuousPatterns } from '../../src/index.js';

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
  it('from a cue farther than r from every pattern it goes to the agnostic state 0 when no pattern lies within r of 0', () => {
    const rng = createRng(1);
    const X = gaussianPatterns({ count: 20, dim: 30 }, rng);
    const r = 0.45 * minDistance(X);
    for (let mu = 0; mu < X.count; mu++) expect(Math.hypot(...patternRow(X, mu))).toBeGreaterThan(1.1 * r);
    const net = interpolationNetwork({ patterns: X, kernel: expBeta({ r, beta: 200 }) });
    let tried = 0;
    for (let t = 0; t < 200 && tried < 10; t++) {
      // A random cue on a sphere of radius ||xi|| around a random pattern: keep those > 1.1 r from every pattern.
      const cue = Float64Array.from({ length: 30 }, () => 2 * rng.normal());
      let nearest = Infinity;
      for (let mu = 0; mu < X.count; mu++) {
        let d2 = 0;
        for (let j = 0; j < 30; j++) d2 += (X.data[mu * 30 + j]! - cue[j]!) ** 2;
        nearest = Math.min(nearest, Math.sqrt(d2));
      }
      if (nearest < 1.1 * r) continue;
      tried++;
      // Every kernel value is at most exp(-1.1^200) = exp(-1.9e8) = 0: K(X, s) = 0, so s' = 0, then 0 stays 0.
      const { state, converged } = net.run(cue, { maxSteps: 5 });
      expect(converged).toBe(true);
      expect(Math.max(...state.map(Math.abs))).toBe(0);
    }
    expect(tried).toBe(10);
  });

  it('a singular kernel matrix is a SingularMatrixError naming the kernel matrix and the fix', () => {
    // Two patterns 1e-9 apart at r = 1, beta = 2: K = [[1, 1 - 1e-18], [.., 1]] is 1 in double precision.
    const X = continuousPatterns(Float64Array.of(1, 0, 1 + 1e-9, 0), { count: 2, dim: 2 });
    expect(() => interpolationNetwork({ patterns: X, kernel: expBeta({ r: 1, beta: 2 }) })).toThrow(SingularMatrixError);
    expect(() => interpolationNetwork({ patterns: X, kernel: expBeta({ r: 1, beta: 2 }) })).toThrow(/kernel matrix.*smaller r/s);
  });
});
