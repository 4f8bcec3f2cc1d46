import { describe, expect, it } from 'vitest';
import { createRng, exponential, linear, patternRow, polynomial, randomBipolar, recurrentNetwork, type Kernel, type Rng } from '../../node.js';
import { MinNormSolver } from './reference/min-norm-point.js';
import { maxMarginNetwork } from '../../plasticity/exact/max-margin-network.js';
import { NearestHullsSolver, NearestHullsWorkspace } from '../../plasticity/exact/nearest-hulls.js';
import { farkasCertificate } from '../../plasticity/exact/rational-certificate.js';
import { separableByExactLp } from './rational-lp.js';

const int = (rng: Rng, lo: number, hi: number): number => lo + rng.int(hi - lo + 1);
const dot = (a: readonly number[], b: readonly number[]): number => a.reduce((s, v, k) => s + v * b[k]!, 0);

/** Linear-kernel Gram matrix of the rows of x. */
function gramOf(x: readonly (readonly number[])[]): Float64Array {
  const m = x.length;
  const gram = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) gram[i * m + j] = dot(x[i]!, x[j]!);
  return gram;
}

/**
 * Strict separability with an intercept, decided by the test's own exact rational LP: `y (w.x + b) > 0`
 * for all points iff the signed augmented points `y (x, 1)` are strictly separable through the origin.
 */
const separableWithIntercept = (x: readonly (readonly number[])[], y: readonly number[]): boolean => separableByExactLp(x.map((row, mu) => [...row, 1].map((v) => v * y[mu]!)));

/**
 * Exact check of a separable verdict, independent of the solver's rounding bound: `lambda` and the
 * threshold, scaled by 2^40 and rounded to integers, give `w = sum c_k y_k x_k` and `b`; every point
 * must satisfy `y (w.x + b) > 0` in exact integer arithmetic.
 */
function separatesExactly(x: readonly (readonly number[])[], y: readonly number[], lambda: Float64Array, threshold: number): boolean {
  const d = x[0]!.length;
  const scale = 2 ** 40;
  const w = new Array<bigint>(d).fill(0n);
  lambda.forEach((l, mu) => {
    const c = BigInt(Math.round(l * scale)) * BigInt(y[mu]!);
    for (let k = 0; k < d; k++) w[k] = w[k]! + c * BigInt(x[mu]![k]!);
  });
  const b = BigInt(Math.round(-threshold * scale));
  return x.every((row, mu) => BigInt(y[mu]!) * (row.reduce((s, v, k) => s + BigInt(v) * w[k]!, 0n) + b) > 0n);
}

/** Exact check of an overlap certificate: weights >= 0, summing to the denominator within each class, with equal weighted class sums. */
function hullsMeet(x: readonly (readonly number[])[], y: readonly number[], cert: { indices: Int32Array; numerators: readonly bigint[]; denominator: bigint }): boolean {
  if (cert.numerators.some((v) => v < 0n)) return false;
  const d = x[0]!.length;
  const sums = [0n, 0n];
  const points = [new Array<bigint>(d).fill(0n), new Array<bigint>(d).fill(0n)];
  cert.indices.forEach((mu, i) => {
    const side = y[mu]! > 0 ? 0 : 1;
    sums[side] = sums[side]! + cert.numerators[i]!;
    for (let k = 0; k < d; k++) points[side]![k] = points[side]![k]! + cert.numerators[i]! * BigInt(x[mu]![k]!);
  });
  return sums[0] === cert.denominator && sums[1] === cert.denominator && points[0]!.every((v, k) => v === points[1]![k]);
}

/**
 * Brute-force reference for the squared distance between the class hulls (tiny problems): for
 * every subset S holding both classes, the minimiser of `v^T G v` on `{sum_+ v = 1, sum_- v = 1}`
 * over S from its KKT system (plain Gaussian elimination with partial pivoting); the optimum is the
 * smallest value over subsets whose minimiser is non-negative (an optimal point has an affinely
 * independent support, Caratheodory).
 */
function bruteForceDistance2(x: readonly (readonly number[])[], y: readonly number[]): number {
  const m = x.length;
  const G = (i: number, j: number): number => y[i]! * y[j]! * dot(x[i]!, x[j]!);
  let best = Infinity;
  for (let mask = 1; mask < 1 << m; mask++) {
    const S = Array.from({ length: m }, (_, i) => i).filter((i) => mask & (1 << i));
    if (!S.some((i) => y[i]! > 0) || !S.some((i) => y[i]! < 0)) continue;
    const s = S.length;
    const n = s + 2;
    const A = Array.from({ length: n }, (_, r) => Array.from({ length: n + 1 }, (_, c) => {
      if (c === n) return r >= s ? 1 : 0;
      if (r < s && c < s) return G(S[r]!, S[c]!);
      if (r < s) return (y[S[r]!]! > 0 ? 0 : 1) === c - s ? 1 : 0;
      if (c < s) return (y[S[c]!]! > 0 ? 0 : 1) === r - s ? 1 : 0;
      return 0;
    }));
    let singular = false;
    for (let k = 0; k < n && !singular; k++) {
      let p = k;
      for (let r = k + 1; r < n; r++) if (Math.abs(A[r]![k]!) > Math.abs(A[p]![k]!)) p = r;
      if (Math.abs(A[p]![k]!) < 1e-9) singular = true;
      else {
        [A[k], A[p]] = [A[p]!, A[k]!];
        for (let r = 0; r < n; r++) {
          if (r === k) continue;
          const f = A[r]![k]! / A[k]![k]!;
          for (let c = k; c <= n; c++) A[r]![c]! -= f * A[k]![c]!;
        }
      }
    }
    if (singular) continue;
    const v = S.map((_, r) => A[r]![n]! / A[r]![r]!);
    if (v.some((t) => t < -1e-12)) continue;
    let norm2 = 0;
    for (let a = 0; a < s; a++) for (let b = 0; b < s; b++) norm2 += v[a]! * v[b]! * G(S[a]!, S[b]!);
    best = Math.min(best, norm2);
  }
  return best;
}

/** Geometric margin `min y f / |w|` of the neuron `f = sum lambda y x . - theta` (intercept outside the norm), computed directly. */
function geometricMargin(x: readonly (readonly number[])[], y: readonly number[], lambda: Float64Array, threshold: number): number {
  const d = x[0]!.length;
  const w = new Array<number>(d).fill(0);
  lambda.forEach((l, mu) => x[mu]!.forEach((v, k) => (w[k] = w[k]! + l * y[mu]! * v)));
  return Math.min(...x.map((row, mu) => y[mu]! * (dot(w, row) - threshold))) / Math.sqrt(dot(w, w));
}

function randomProblem(rng: Rng, d: number, m: number, range: number): { x: number[][]; y: number[] } {
  const x = Array.from({ length: m }, () => Array.from({ length: d }, () => int(rng, -range, range)));
  const y = Array.from({ length: m }, () => (rng.int(2) === 0 ? 1 : -1));
  return { x, y };
}

function solve(x: number[][], y: number[], gapTol = 1e-12): { r: ReturnType<NearestHullsSolver['solve']>; solver: NearestHullsSolver } {
  const solver = new NearestHullsSolver(gramOf(x), y, x.length);
  return { r: solver.solve(x.length, { gapTol }), solver };
}

describe('NearestHullsSolver (exact hard-margin SVM with intercept)', () => {
  it('agrees with an exact rational LP on 300 random small integer problems, with exact certificates both ways', () => {
    const rng = createRng('hulls-vs-lp');
    let separable = 0;
    let inseparable = 0;
    for (let t = 0; t < 300; t++) {
      const d = int(rng, 1, 5);
      const { x, y } = randomProblem(rng, d, int(rng, 2, 3 * d + 3), 2);
      const lp = separableWithIntercept(x, y);
      const { r, solver } = solve(x, y);
      expect(r.separable, `problem ${t}: ${JSON.stringify({ x, y })}`).toBe(lp);
      expect(r.converged).toBe(true);
      if (lp) {
        separable++;
        expect(separatesExactly(x, y, r.lambda, r.threshold)).toBe(true);
      } else {
        inseparable++;
        const cert = farkasCertificate((k, l) => solver.signedGram(k, l), r.corral, Array.from(r.corral, (k) => y[k]!));
        expect(cert, `problem ${t}`).not.toBeNull();
        expect(hullsMeet(x, y, cert!)).toBe(true);
      }
    }
    // m spans 2..3d+3 around Cover's threshold 2(d + 1): both verdicts occur often.
    expect(separable).toBeGreaterThan(50);
    expect(inseparable).toBeGreaterThan(50);
  });

  it('reaches the brute-force optimum distance between the hulls, and its margin and threshold are those of the neuron it returns', () => {
    const rng = createRng('hulls-brute-force');
    let checked = 0;
    for (let t = 0; t < 150; t++) {
      const d = int(rng, 2, 4);
      const { x, y } = randomProblem(rng, d, int(rng, 3, 8), 3);
      if (!separableWithIntercept(x, y) || y.every((v) => v === y[0])) continue;
      checked++;
      const { r } = solve(x, y);
      const best = bruteForceDistance2(x, y);
      // Both are |z*|^2 in floats from integer data of size <= 3^2 d: agreement to 1e-9 relative.
      expect(Math.abs(r.norm2 - best)).toBeLessThanOrEqual(1e-9 * best);
      expect(r.margin).toBeCloseTo(Math.sqrt(best) / 2, 9);
      expect(geometricMargin(x, y, r.lambda, r.threshold)).toBeCloseTo(Math.sqrt(best) / 2, 9);
      // Barycentric weights: each class sums to 1.
      let sp = 0;
      let sn = 0;
      r.lambda.forEach((l, mu) => (y[mu]! > 0 ? (sp += l) : (sn += l)));
      expect(sp).toBeCloseTo(1, 12);
      expect(sn).toBeCloseTo(1, 12);
    }
    expect(checked).toBeGreaterThan(40);
  });

  /**
   * Planted near-touching hulls at a relative margin of 1e-6 (K = 10^6): the positive segment from
   * p1 = (K, 1, u1) to p2 = (-K, 1, u2) passes through (0, 1, (u1 + u2) / 2); the negative point
   * n1 = (0, 1 + t, (u1 + u2) / 2) lies at distance t from it. Other positives have second
   * coordinate <= 0, other negatives >= 2, so `x_2 = 1.5` separates when t = 1 (margin <= 1/2 in hulls
   * of diameter ~K); with t = 0 the hulls touch (inseparable), 1 unit (1e-6 relative) away.
   */
  function planted(rng: Rng, t: number): { x: number[][]; y: number[] } {
    const K = 1_000_000;
    const rest = 4;
    const u1 = Array.from({ length: rest }, () => 2 * int(rng, -1000, 1000));
    const u2 = Array.from({ length: rest }, () => 2 * int(rng, -1000, 1000));
    const x: number[][] = [[K, 1, ...u1], [-K, 1, ...u2], [0, 1 + t, ...u1.map((v, k) => (v + u2[k]!) / 2)]];
    const y = [1, 1, -1];
    for (let mu = 0; mu < 24; mu++) {
      const positive = mu % 2 === 0;
      x.push([int(rng, -K, K), positive ? int(rng, -K, 0) : int(rng, 2, K), ...Array.from({ length: rest }, () => int(rng, -K, K))]);
      y.push(positive ? 1 : -1);
    }
    for (let i = x.length - 1; i > 0; i--) {
      const j = int(rng, 0, i);
      [x[i], x[j]] = [x[j]!, x[i]!];
      [y[i], y[j]] = [y[j]!, y[i]!];
    }
    return { x, y };
  }

  it('decides planted separable problems with relative margin <= 1e-6 as separable, exactly checked, with a margin certified within 1e-3 of the optimum', () => {
    const rng = createRng('hulls-planted-separable');
    for (let t = 0; t < 20; t++) {
      const { x, y } = planted(rng, 1);
      expect(separableWithIntercept(x, y)).toBe(true);
      const { r } = solve(x, y, 1e-6);
      expect(r.separable).toBe(true);
      expect(separatesExactly(x, y, r.lambda, r.threshold)).toBe(true);
      // The margin is at most 1/2 (n1 is 1 from the positive segment). With kernel entries ~1e12 and
      // |z|^2 ~ 1, the gap cannot go below the rounding level of the stabilities (~1e-4 here); it
      // certifies the margin within 1e-3 of the optimum.
      expect(r.margin).toBeLessThanOrEqual(0.5 + 1e-9);
      expect(r.margin).toBeGreaterThan(0);
      expect(r.converged).toBe(true);
      expect(r.gap).toBeLessThanOrEqual(1e-3 * r.norm2);
    }
  });

  it('decides planted touching hulls 1e-6 from separable as inseparable, with an exact certificate that they meet', () => {
    const rng = createRng('hulls-planted-inseparable');
    for (let t = 0; t < 20; t++) {
      const { x, y } = planted(rng, 0);
      expect(separableWithIntercept(x, y)).toBe(false);
      const { r, solver } = solve(x, y);
      expect(r.separable).toBe(false);
      const cert = farkasCertificate((k, l) => solver.signedGram(k, l), r.corral, Array.from(r.corral, (k) => y[k]!));
      expect(cert).not.toBeNull();
      expect(hullsMeet(x, y, cert!)).toBe(true);
    }
  });

  it('ends on heavily overlapping classes (random labels, m >> d) without hanging, with an exact certificate', () => {
    const rng = createRng('hulls-overlap');
    for (let t = 0; t < 10; t++) {
      const { x, y } = randomProblem(rng, 3, 60, 5);
      const { r, solver } = solve(x, y);
      expect(r.separable).toBe(false);
      expect(r.iterations).toBeLessThan(60 * 50);
      const cert = farkasCertificate((k, l) => solver.signedGram(k, l), r.corral, Array.from(r.corral, (k) => y[k]!));
      expect(cert).not.toBeNull();
      expect(hullsMeet(x, y, cert!)).toBe(true);
    }
  });

  it('warm start along nested sets gives the cold verdicts and the cold distances; any batch size gives the same optimum', () => {
    const rng = createRng('hulls-warm');
    const { x, y } = randomProblem(rng, 6, 40, 4);
    const gram = gramOf(x);
    const warm = new NearestHullsSolver(gram, y, x.length);
    for (let m = 1; m <= x.length; m++) {
      const w = warm.solve(m, { gapTol: 1e-12 });
      const c = new NearestHullsSolver(gram, y, x.length).solve(m, { gapTol: 1e-12, batch: 1 });
      expect(w.separable).toBe(c.separable);
      expect(c.separable).toBe(separableWithIntercept(x.slice(0, m), y.slice(0, m)));
      if (c.separable && Number.isFinite(c.margin)) expect(w.norm2).toBeCloseTo(c.norm2, 9);
    }
  });

  it('a problem with one class is separable with infinite margin by the threshold alone', () => {
    const r = new NearestHullsSolver(Float64Array.of(1, 0, 0, 1), [-1, -1], 2).solve(2);
    expect(r).toMatchObject({ separable: true, margin: Infinity, threshold: 1 });
  });

  it('without an intercept equals Wolfe\'s min-norm point (MinNormSolver) and the exact LP through the origin', () => {
    const rng = createRng('hulls-origin');
    const ws = new NearestHullsWorkspace(20);
    for (let t = 0; t < 100; t++) {
      const d = int(rng, 2, 5);
      const { x, y } = randomProblem(rng, d, int(rng, 2, 20), 2);
      if (x.some((row) => row.every((v) => v === 0))) continue;
      const gram = gramOf(x);
      const r = new NearestHullsSolver(gram, y, x.length, { workspace: ws, intercept: false }).solve(x.length, { gapTol: 1e-12 });
      const wolfe = new MinNormSolver(gram, y, x.length).solve(x.length, true, 1e-12);
      const lp = separableByExactLp(x.map((row, mu) => row.map((v) => v * y[mu]!)));
      expect(r.separable).toBe(lp);
      expect(r.threshold).toBe(0);
      if (lp) {
        expect(separatesExactly(x, y, r.lambda, 0)).toBe(true);
        expect(r.norm2).toBeCloseTo(wolfe.norm2, 9);
        expect(r.margin).toBeCloseTo(Math.sqrt(wolfe.norm2), 9);
      }
    }
  });

  it('maxMarginNetwork: every neuron separates its problem, with the margin it reports, at least the brute-force optimum times 1 - gapTol', () => {
    const X = randomBipolar({ count: 9, dim: 10 }, createRng('hulls-network'));
    const r = maxMarginNetwork(X, linear(), { gapTol: 1e-6 });
    const { count: m, dim: n } = X;
    expect(r.converged).toBe(n);
    let separable = 0;
    for (let i = 0; i < n; i++) {
      const x = Array.from({ length: m }, (_, mu) => Array.from(X.data.subarray(mu * n, (mu + 1) * n)).filter((_, j) => j !== i));
      const y = Array.from({ length: m }, (_, mu) => X.data[mu * n + i]!);
      const lambda = r.alpha.subarray(i * m, (i + 1) * m);
      if (y.every((v) => v === y[0])) continue;
      if (separableWithIntercept(x, y)) {
        const direct = geometricMargin(x, y, Float64Array.from(lambda), r.theta[i]!);
        expect(direct).toBeCloseTo(r.margins[i]!, 9);
        expect(r.separable[i]).toBe(1);
        separable++;
        expect(direct).toBeGreaterThanOrEqual((1 - 1e-6) * (Math.sqrt(bruteForceDistance2(x, y)) / 2) - 1e-12);
      } else {
        expect(r.separable[i]).toBe(0);
        expect(r.margins[i]).toBe(0);
      }
    }
    expect(separable).toBeGreaterThan(5);
    // Without intercept: thresholds 0, margins those of Wolfe's min-norm point per neuron.
    const origin = maxMarginNetwork(X, linear(), { gapTol: 1e-9, intercept: false });
    expect(Array.from(origin.theta).every((t) => t === 0)).toBe(true);
    for (let i = 0; i < n; i++) {
      const x = Array.from({ length: m }, (_, mu) => Array.from(X.data.subarray(mu * n, (mu + 1) * n)).filter((_, j) => j !== i));
      const y = Array.from({ length: m }, (_, mu) => X.data[mu * n + i]!);
      const a = x.map((row, mu) => row.map((v) => v * y[mu]!));
      const wolfe = new MinNormSolver(gramOf(a), a.map(() => 1), m).solve(m, true, 1e-12);
      expect(origin.margins[i]).toBeCloseTo(wolfe.separable ? Math.sqrt(wolfe.norm2) : 0, 6);
    }
  });

  it('maxMarginNetwork: installed in the engine, every stored pattern is a fixed point (thresholds and nonlinear kernels included)', () => {
    const cases: [string, Kernel, number, number][] = [
      ['linear, M = 1.5 N', linear(), 30, 45],
      ['polynomial degree 2, M = 3 N', polynomial({ degree: 2, c: 1 }), 20, 60],
      ['exponential (scaled through logK), M = 3 N', exponential({ temperature: 4 }), 20, 60],
    ];
    for (const [label, kernel, n, m] of cases) {
      const X = randomBipolar({ count: m, dim: n }, createRng(`hulls-fixed-${label}`));
      const r = maxMarginNetwork(X, kernel, { gapTol: 1e-6 });
      expect(r.separable.every((v) => v === 1), label).toBe(true);
      const net = recurrentNetwork({ patterns: X, kernel });
      net.setCoefficients(r);
      for (let mu = 0; mu < m; mu++) {
        const run = net.run(patternRow(X, mu), { schedule: 'random-permutation', rng: createRng(mu), maxSweeps: 3 });
        expect(run.flips, `${label}, pattern ${mu}`).toBe(0);
      }
    }
  });

  it('the scalar fallback (simd: false) reaches the same optima as the WebAssembly SIMD kernels', () => {
    const X = randomBipolar({ count: 60, dim: 30 }, createRng('hulls-scalar'));
    const simd = maxMarginNetwork(X, linear(), { gapTol: 1e-9 });
    const scalar = maxMarginNetwork(X, linear(), { gapTol: 1e-9, simd: false });
    expect(Array.from(scalar.separable)).toEqual(Array.from(simd.separable));
    // Both certify their margins within 1e-9 of the same optimum.
    for (let i = 0; i < X.dim; i++) expect(Math.abs(scalar.margins[i]! - simd.margins[i]!)).toBeLessThanOrEqual(2e-9 * simd.margins[i]!);
  });

  it('refuses bad input before any work', () => {
    expect(() => new NearestHullsSolver(new Float64Array(3), [1, -1], 2)).toThrow(/gram/);
    expect(() => new NearestHullsSolver(new Float64Array(4).fill(1), [1, 0], 2)).toThrow(/labels/);
    expect(() => new NearestHullsSolver(Float64Array.of(1, NaN, NaN, 1), [1, -1], 2)).toThrow(/gram/);
    expect(() => new NearestHullsSolver(Float64Array.of(1, 0, 0, 1), [1, -1], 2, { workspace: new NearestHullsWorkspace(1) })).toThrow(/workspace/);
    const s = new NearestHullsSolver(Float64Array.of(1, 0, 0, 1), [1, -1], 2);
    expect(() => s.solve(3)).toThrow(/m/);
    expect(() => s.solve(2, { gapTol: 0 })).toThrow(/gapTol/);
    expect(() => s.solve(2, { batch: 0 })).toThrow(/batch/);
    expect(() => new NearestHullsWorkspace(0)).toThrow(/capacity/);
    expect(() => maxMarginNetwork(randomBipolar({ count: 4, dim: 3 }, createRng(1)), linear(), { gapTol: 2 })).toThrow(/gapTol/);
    // A later solver on the same workspace takes it over; the earlier one refuses to solve.
    const ws = new NearestHullsWorkspace(2);
    const first = new NearestHullsSolver(Float64Array.of(1, 0, 0, 1), [1, -1], 2, { workspace: ws });
    new NearestHullsSolver(Float64Array.of(1, 0, 0, 1), [1, -1], 2, { workspace: ws });
    expect(() => first.solve(2)).toThrow(/workspace/);
  });
});
