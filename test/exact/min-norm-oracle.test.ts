import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../node.js';
import { NearestHullsSolver } from '../../plasticity/exact/nearest-hulls.js';
import { farkasCertificate } from '../../plasticity/exact/rational-certificate.js';
import { separableByExactLp } from './rational-lp.js';

/** Gram matrix `X X^T` and labels of label-signed points `a_mu = y_mu x_mu` given as rows. */
function problem(a: readonly (readonly number[])[], labels: readonly number[]): { gram: Float64Array; x: number[][] } {
  const x = a.map((row, mu) => row.map((v) => v * labels[mu]!));
  const m = a.length;
  const gram = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) gram[i * m + j] = x[i]!.reduce((s, v, k) => s + v * x[j]![k]!, 0);
  return { gram, x };
}

const int = (rng: Rng, lo: number, hi: number): number => lo + rng.int(hi - lo + 1);

/**
 * Exact check of a separable verdict, independent of the solver's own bound: the coefficients
 * `lambda`, scaled by 2^50 and rounded to integers, must give every point a positive stability in
 * exact integer arithmetic (then the integer vector itself separates; nothing is assumed about
 * rounding).
 */
function separatesExactly(a: readonly (readonly number[])[], lambda: Float64Array): boolean {
  const d = a[0]!.length;
  const w = new Array<bigint>(d).fill(0n);
  lambda.forEach((l, mu) => {
    const c = BigInt(Math.round(l * 2 ** 50));
    for (let k = 0; k < d; k++) w[k] = w[k]! + c * BigInt(a[mu]![k]!);
  });
  return a.every((row) => row.reduce((s, v, k) => s + BigInt(v) * w[k]!, 0n) > 0n);
}

/** Exact check of an inseparable verdict: the certificate's weights are >= 0, not all 0, and combine the points to 0. */
function farkasHolds(a: readonly (readonly number[])[], cert: { indices: Int32Array; numerators: readonly bigint[] }): boolean {
  const d = a[0]!.length;
  if (cert.numerators.some((v) => v < 0n) || cert.numerators.every((v) => v === 0n)) return false;
  for (let k = 0; k < d; k++) {
    let s = 0n;
    cert.indices.forEach((mu, i) => (s += cert.numerators[i]! * BigInt(a[mu]![k]!)));
    if (s !== 0n) return false;
  }
  return true;
}

/** The oracle's solver (as `exactCapacity` runs it): Wolfe's min-norm point through the origin. */
const oracle = (gram: Float64Array, m: number): NearestHullsSolver => new NearestHullsSolver(gram, new Array<number>(m).fill(1), m, { intercept: false });

/** Decides the label-signed points `a` with the oracle (all labels +1: the Gram of `a` itself). */
function decide(a: number[][]): { separable: boolean; lambda: Float64Array; cert: ReturnType<typeof farkasCertificate> } {
  const { gram } = problem(a, a.map(() => 1));
  const s = oracle(gram, a.length);
  const r = s.solve(a.length, { maxMargin: false });
  return { separable: r.separable, lambda: r.lambda, cert: r.separable ? null : farkasCertificate((k, l) => s.signedGram(k, l), r.corral) };
}

describe('exact storability oracle (Wolfe min-norm point through the origin, NearestHullsSolver with intercept: false, + rational Farkas certificate)', () => {
  it('agrees with an exact rational LP on 300 random small integer problems, with an exact certificate every time', () => {
    const rng = createRng('exact-vs-lp');
    let separable = 0;
    for (let t = 0; t < 300; t++) {
      const d = int(rng, 2, 6);
      const m = int(rng, 2, 3 * d);
      const a = Array.from({ length: m }, () => Array.from({ length: d }, () => int(rng, -2, 2)));
      if (a.some((row) => row.every((v) => v === 0))) continue;
      const lp = separableByExactLp(a);
      const r = decide(a);
      expect(r.separable, `problem ${t}: ${JSON.stringify(a)}`).toBe(lp);
      if (lp) {
        separable++;
        expect(separatesExactly(a, r.lambda)).toBe(true);
      } else {
        expect(r.cert).not.toBeNull();
        expect(farkasHolds(a, r.cert!)).toBe(true);
      }
    }
    // Both verdicts occur often (m spans 2..3d around the Cover threshold 2d): the test covers both.
    expect(separable).toBeGreaterThan(40);
    expect(separable).toBeLessThan(260);
  });

  /**
   * Planted problems at a relative margin of 1e-6 (K = 10^6): a1 = (K, 1, c1), a2 = (-K, 1, c2)
   * confine every separating w to a cone of half-angle ~1/K around e_2, so the max margin is at most
   * ~1/K; the rest (r0, r1 >= 1, r...) are separated by w = e_2. Adding a3 = (0, -1, c3) with
   * c1 + c2 + 2 c3 = 0 makes a1 + a2 + 2 a3 = 0 (inseparable), yet the origin lies only ~1 deep in a
   * hull of size ~K: moving a3 by 2 units (2e-6 relative) to (0, 1, c3) makes it separable again.
   */
  function planted(rng: Rng, inseparable: boolean): number[][] {
    const K = 1_000_000;
    const d = 6;
    const c1 = Array.from({ length: d - 2 }, () => 2 * int(rng, -1000, 1000));
    const c2 = Array.from({ length: d - 2 }, () => 2 * int(rng, -1000, 1000));
    const c3 = c1.map((v, k) => -(v + c2[k]!) / 2);
    const a: number[][] = [[K, 1, ...c1], [-K, 1, ...c2], [0, inseparable ? -1 : 1, ...c3]];
    for (let mu = 0; mu < 25; mu++) a.push([int(rng, -K, K), int(rng, 1, K), ...Array.from({ length: d - 2 }, () => int(rng, -K, K))]);
    // Shuffle so the planted points are not first.
    for (let i = a.length - 1; i > 0; i--) {
      const j = int(rng, 0, i);
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  }

  it('decides planted separable problems with max margin <= 1e-6 as separable, with an exact separating certificate', () => {
    const rng = createRng('planted-separable');
    for (let t = 0; t < 20; t++) {
      const a = planted(rng, false);
      const r = decide(a);
      expect(r.separable).toBe(true);
      expect(separatesExactly(a, r.lambda)).toBe(true);
    }
  });

  it('decides planted inseparable problems 1e-6 from separable as inseparable, with an exact Farkas certificate', () => {
    const rng = createRng('planted-inseparable');
    for (let t = 0; t < 20; t++) {
      const a = planted(rng, true);
      const r = decide(a);
      expect(r.separable).toBe(false);
      expect(r.cert).not.toBeNull();
      expect(farkasHolds(a, r.cert!)).toBe(true);
    }
  });

  it('warm start along nested sets gives the same verdicts as cold solves', () => {
    const rng = createRng('warm');
    const d = 5;
    const a = Array.from({ length: 16 }, () => Array.from({ length: d }, () => int(rng, -3, 3)));
    const { gram } = problem(a, a.map(() => 1));
    const warm = oracle(gram, a.length);
    for (let m = 1; m <= a.length; m++) {
      const cold = oracle(gram, a.length).solve(m, { maxMargin: false }).separable;
      expect(warm.solve(m, { maxMargin: false }).separable).toBe(cold);
      expect(cold).toBe(separableByExactLp(a.slice(0, m)));
    }
  });

  it('refuses bad input before any work', () => {
    expect(() => new NearestHullsSolver(new Float64Array(3), [1, 1], 2, { intercept: false })).toThrow(/gram/);
    expect(() => new NearestHullsSolver(new Float64Array(4).fill(1), [1, 0], 2, { intercept: false })).toThrow(/labels/);
    expect(() => new NearestHullsSolver(new Float64Array(4).fill(1), [1, 1], 2, { intercept: false }).solve(3)).toThrow(/m/);
  });
});
