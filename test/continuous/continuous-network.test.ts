import { describe, expect, it } from 'vitest';
import {
  DuplicatePatternError, InvalidValueError, ShapeError, SingularMatrixError, continuousPatterns, createRng, expBeta, factorize, gaussianPatterns,
  interpolationNetwork, patternRow, softmaxNetwork, spherePatterns, zeroTemperatureNetwork, type ContinuousPatterns, type Rng,
} from '../../node.js';

function minDistance(X: ContinuousPatterns): number {
  let best = Infinity;
  for (let a = 0; a < X.count; a++) for (let b = a + 1; b < X.count; b++) {
    let d2 = 0;
    for (let j = 0; j < X.dim; j++) d2 += (X.data[a * X.dim + j]! - X.data[b * X.dim + j]!) ** 2;
    best = Math.min(best, Math.sqrt(d2));
  }
  return best;
}

/** xi + a random vector of exact length `length`. */
function offset(xi: Float64Array, length: number, rng: Rng): Float64Array {
  const d = Float64Array.from(xi, () => rng.normal());
  const norm = Math.hypot(...d);
  return Float64Array.from(xi, (v, j) => v + (length * d[j]!) / norm);
}

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let m = 0;
  for (let j = 0; j < a.length; j++) m = Math.max(m, Math.abs(a[j]! - b[j]!));
  return m;
};

describe('factorize (solve with factors computed once)', () => {
  it('solves symmetric positive-definite and general systems to rounding (residual check)', () => {
    const rng = createRng(1);
    const n = 12;
    const b = Float64Array.from({ length: n }, () => rng.normal());
    const g = Float64Array.from({ length: n * n }, () => rng.normal());
    const spd = new Float64Array(n * n); // G G^T + I
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let s = i === j ? 1 : 0;
      for (let k = 0; k < n; k++) s += g[i * n + k]! * g[j * n + k]!;
      spd[i * n + j] = s;
    }
    for (const [a, method] of [[spd, 'cholesky'], [g, 'lu']] as const) {
      const f = factorize(a, n, 'A');
      expect(f.method).toBe(method);
      const x = f.solve(b, new Float64Array(n));
      for (let i = 0; i < n; i++) {
        let r = -b[i]!;
        for (let j = 0; j < n; j++) r += a[i * n + j]! * x[j]!;
        expect(Math.abs(r)).toBeLessThan(1e-10);
      }
    }
  });

  it('throws SingularMatrixError naming the matrix for a rank-deficient matrix', () => {
    expect(() => factorize(Float64Array.of(1, 2, 2, 4), 2, 'kernel matrix')).toThrow(SingularMatrixError);
    expect(() => factorize(Float64Array.of(1, 2, 2, 4), 2, 'kernel matrix')).toThrow(/^kernel matrix: is singular/);
  });
});

describe('interpolation network with Exp_beta (Property 4, Eq. 20-21)', () => {
  it('every stored pattern is a fixed point to 1e-9', () => {
    const X = gaussianPatterns({ count: 40, dim: 20 }, createRng(2));
    for (const beta of [1, 2]) {
      const net = interpolationNetwork({ patterns: X, kernel: expBeta({ r: 4, beta }) });
      for (let mu = 0; mu < X.count; mu++) {
        const xi = patternRow(X, mu);
        expect(maxAbsDiff(net.step(xi), xi)).toBeLessThan(1e-9);
      }
    }
  });

  it('at large beta, a cue within r of a pattern is recalled in one step (Property 5.2)', () => {
    const rng = createRng(3);
    const X = gaussianPatterns({ count: 20, dim: 50 }, rng);
    const r = 0.45 * minDistance(X); // patterns more than 2r apart
    const net = interpolationNetwork({ patterns: X, kernel: expBeta({ r, beta: 200 }) });
    for (let mu = 0; mu < X.count; mu++) {
      const xi = patternRow(X, mu);
      // (0.9)^200 = 7e-10: the residual weight on the cue's own pattern differs from 1 by that much.
      expect(maxAbsDiff(net.step(offset(xi, 0.9 * r, rng)), xi)).toBeLessThan(1e-6 * Math.hypot(...xi));
    }
  });

  it('rejects duplicates, near-duplicates (singular K), bad states', () => {
    const X = continuousPatterns(Float64Array.of(1, 0, 0, 1, 1, 0), { count: 3, dim: 2 });
    expect(() => interpolationNetwork({ patterns: X, kernel: expBeta({ r: 1, beta: 1 }) })).toThrow(DuplicatePatternError);
    const near = continuousPatterns(Float64Array.of(1, 0, 1 + 1e-15, 0), { count: 2, dim: 2 });
    expect(() => interpolationNetwork({ patterns: near, kernel: expBeta({ r: 1, beta: 2 }) })).toThrow(SingularMatrixError);
    const ok = interpolationNetwork({ patterns: gaussianPatterns({ count: 3, dim: 4 }, createRng(4)), kernel: expBeta({ r: 1, beta: 1 }) });
    expect(() => ok.step([0, 0, 0])).toThrow(ShapeError);
    expect(() => ok.step([0, NaN, 0, 0])).toThrow(InvalidValueError);
  });
});

describe('zero-temperature Exp_beta network (Eq. 22, Properties 5.1-5.3)', () => {
  const rng = createRng(5);
  const X = gaussianPatterns({ count: 25, dim: 40 }, rng);
  const r = 0.45 * minDistance(X);
  const net = zeroTemperatureNetwork({ patterns: X, r });

  it('recalls in one step from inside the radius, exactly', () => {
    for (let mu = 0; mu < X.count; mu++) {
      const xi = patternRow(X, mu);
      expect(maxAbsDiff(net.step(offset(xi, 0.99 * r, rng)), xi)).toBe(0);
    }
  });

  it('goes to the agnostic state (the origin) from outside every basin (no pattern within r of 0)', () => {
    for (let mu = 0; mu < X.count; mu++) expect(Math.hypot(...patternRow(X, mu))).toBeGreaterThan(r);
    for (let mu = 0; mu < 5; mu++) {
      const cue = offset(patternRow(X, mu), 1.01 * r, rng); // outside its basin, and > r from the others
      const { state, converged } = net.run(cue, { maxSteps: 5 });
      expect(converged).toBe(true);
      expect(maxAbsDiff(state, new Float64Array(X.dim))).toBe(0);
    }
  });

  it('a cue exactly on the boundary gets weight e^-1 (Theta(0) = e^-1)', () => {
    const one = continuousPatterns(Float64Array.of(3, 4), { count: 1, dim: 2 });
    const w = zeroTemperatureNetwork({ patterns: one, r: 5 }).weights([0, 0]);
    expect(w[0]).toBe(Math.exp(-1));
  });
});

describe('softmax network (Ramsauer et al. 2021)', () => {
  it('at large beta converges to the stored pattern with the largest overlap with the cue', () => {
    const rng = createRng(6);
    const X = spherePatterns({ count: 12, dim: 8 }, rng);
    const net = softmaxNetwork({ patterns: X, beta: 200 });
    for (let t = 0; t < 30; t++) {
      const cue = patternRow(spherePatterns({ count: 1, dim: 8 }, rng), 0);
      let best = 0;
      let bestH = -Infinity;
      for (let mu = 0; mu < X.count; mu++) {
        let h = 0;
        for (let j = 0; j < 8; j++) h += X.data[mu * 8 + j]! * cue[j]!;
        if (h > bestH) { bestH = h; best = mu; }
      }
      const { state } = net.run(cue, { maxSteps: 50, tol: 1e-12 });
      expect(maxAbsDiff(state, patternRow(X, best))).toBeLessThan(1e-6);
    }
  });

  it('does not overflow at huge beta x overlap', () => {
    const X = continuousPatterns(Float64Array.of(1000, 0, 0, 1000), { count: 2, dim: 2 });
    const w = softmaxNetwork({ patterns: X, beta: 1e3 }).weights([1000, 999]);
    expect(w[0]).toBe(1);
    expect(Number.isFinite(w[1]!)).toBe(true);
  });
});
