import { describe, expect, it } from 'vitest';
import {
  NotBipolarError, ShapeError, createRng, expBeta, exponential, gaussian, linear, polynomial, randomBipolar, recurrentNetwork, rectifiedPolynomial, sdmHypercube,
  type BipolarPatterns, type Kernel,
} from '../../node.js';
import { denseEnergy, networkEnergy } from '../../src/network/energy.js';

// Item 5 of issue 10: the exact Lyapunov function of asynchronous dynamics without self-connections
// is E = -sum_mu a^mu G(xi^mu . s) + sum_i theta_i s_i with G(h) - G(h - 2) = 2 k(h - 1). Everything
// below is recomputed here by plain loops: the field of Eq. 12 subunit by subunit, and G as a sum.
const n = 24;
const m = 10;
const X = randomBipolar({ count: m, dim: n }, createRng(31));

/** k as a function of the overlap u of the other N - 1 inputs (distance kernels: ||x - y||^2 = 2 (N - 1) - 2 u). */
const kOf = (kernel: Kernel) => (u: number): number => (kernel.kind === 'inner-product' ? kernel.k(u) : kernel.g2(2 * (n - 1) - 2 * u));

/** G(h) = sum over u = -N + 1, -N + 3, ..., h - 1 of 2 k(u) (so G(-N) = 0). */
function potential(k: (u: number) => number, h: number): number {
  let g = 0;
  for (let u = -n + 1; u <= h - 1; u += 2) g += 2 * k(u);
  return g;
}

function energy(P: BipolarPatterns, k: (u: number) => number, a: Float64Array, theta: Float64Array, s: ArrayLike<number>): number {
  let e = 0;
  for (let mu = 0; mu < m; mu++) {
    let h = 0;
    for (let j = 0; j < n; j++) h += P.data[mu * n + j]! * s[j]!;
    e -= a[mu]! * potential(k, h);
  }
  for (let i = 0; i < n; i++) e += theta[i]! * s[i]!;
  return e;
}

/** Eq. 12 written out: sum_mu a^mu xi_i^mu k(sum_{j != i} xi_j^mu s_j) - theta_i. */
function field(k: (u: number) => number, a: Float64Array, theta: Float64Array, s: ArrayLike<number>, i: number): number {
  let h = -theta[i]!;
  for (let mu = 0; mu < m; mu++) {
    let u = 0;
    for (let j = 0; j < n; j++) if (j !== i) u += X.data[mu * n + j]! * s[j]!;
    h += a[mu]! * X.data[mu * n + i]! * k(u);
  }
  return h;
}

const cubicNamedLinear: Kernel = { kind: 'inner-product', name: 'linear', params: {}, k: (h) => h * h * h, positiveDefinite: false };
const kernels: Kernel[] = [
  linear(), polynomial({ degree: 3 }), polynomial({ degree: 2, c: 1 }), rectifiedPolynomial({ degree: 2 }), exponential({ temperature: 3 }),
  expBeta({ r: 4, beta: 1 }), gaussian({ sigma: 3 }), sdmHypercube({ dim: n - 1, radius: 8 }), cubicNamedLinear,
];

describe('the exact Lyapunov function G(h) - G(h - 2) = 2 k(h - 1)', () => {
  const coefRng = createRng(32);
  const aTrained = Float64Array.from({ length: m }, () => 0.2 + 1.5 * coefRng.uniform());
  const thetaTrained = Float64Array.from({ length: n }, () => coefRng.normal());
  for (const kernel of kernels) {
    it(`changes by exactly -2 |h_i| at every asynchronous flip, on every asynchronous schedule (${kernel.name} ${JSON.stringify(kernel.params)})`, () => {
      const k = kOf(kernel);
      // Field scale per kernel, so thresholds matter but do not dominate: the typical |field| at a random state.
      const probe = randomBipolar({ count: 1, dim: n }, createRng(33)).data;
      let scale = 0;
      for (let i = 0; i < n; i++) scale += Math.abs(field(k, new Float64Array(m).fill(1), new Float64Array(n), probe, i)) / n;
      for (const [a, theta] of [[new Float64Array(m).fill(1), new Float64Array(n)], [aTrained, thetaTrained.map((t) => 0.3 * scale * t)]] as const) {
        const alpha = Float64Array.from({ length: n * m }, (_, q) => a[q % m]!);
        const net = recurrentNetwork({ patterns: X, kernel, alpha, theta });
        const library = networkEnergy(net);
        let flips = 0;
        for (const schedule of ['fixed', 'random-permutation', 'random-sequential', 'poisson'] as const) {
          for (let trial = 0; trial < 3; trial++) {
            const cue = randomBipolar({ count: 1, dim: n }, createRng(40 + trial)).data;
            const s = Int8Array.from(cue);
            let last = energy(X, k, a, theta, s);
            const ratio = library(s) / last;
            net.run(cue, {
              schedule, rng: createRng(50 + trial), maxSweeps: 30,
              observer: {
                spikes(batch) {
                  for (let q = 0; q < batch.length; q++) {
                    const i = batch.neuron[q]!;
                    const h = field(k, a, theta, s, i);
                    expect(Math.sign(h) || 1).toBe(batch.state[q]);
                    s[i] = batch.state[q]!;
                    const e = energy(X, k, a, theta, s);
                    // Delta E = -2 v h_i with v = sgn(h_i): never positive; rounding of a sum of ~M N terms of size |E|.
                    const tol = 1e-12 * (Math.abs(e) + Math.abs(last));
                    expect(e - last).toBeLessThanOrEqual(tol);
                    expect(Math.abs(e - last + 2 * Math.abs(h))).toBeLessThanOrEqual(tol + 1e-12 * Math.abs(h));
                    // The library's energy is the same function up to the positive factor exp(-shift).
                    expect(Math.abs(library(s) - ratio * e)).toBeLessThanOrEqual(1e-9 * Math.abs(ratio * e) + 1e-12);
                    last = e;
                    flips++;
                  }
                },
              },
            });
          }
        }
        expect(flips).toBeGreaterThan(20);
      }
    });
  }

  it('the continuous energy -sum_mu F(xi^mu . s) with F\' = k is not a Lyapunov function: it rises on some flips (cubic k)', () => {
    // F(h) = h^4 / 4 for k(h) = h^3. The exact potential differs from F by O(k'') terms, enough to flip the sign of small steps.
    const net = recurrentNetwork({ patterns: X, kernel: polynomial({ degree: 3 }) });
    let rises = 0;
    let flips = 0;
    const F = (s: ArrayLike<number>): number => {
      let e = 0;
      for (let mu = 0; mu < m; mu++) {
        let h = 0;
        for (let j = 0; j < n; j++) h += X.data[mu * n + j]! * s[j]!;
        e -= h ** 4 / 4;
      }
      return e;
    };
    for (let trial = 0; trial < 40; trial++) {
      const cue = randomBipolar({ count: 1, dim: n }, createRng(100 + trial)).data;
      const s = Int8Array.from(cue);
      let last = F(s);
      net.run(cue, {
        schedule: 'random-sequential', rng: createRng(200 + trial), maxSweeps: 30,
        observer: { spikes(batch) { for (let q = 0; q < batch.length; q++) { s[batch.neuron[q]!] = batch.state[q]!; const e = F(s); if (e > last) rises++; last = e; flips++; } } },
      });
    }
    expect(flips).toBeGreaterThan(100);
    expect(rises).toBeGreaterThan(0);
  });

  it('denseEnergy of the linear kernel is the classical Hopfield energy -1/2 sum_{i != j} W_ij s_i s_j up to a constant', () => {
    const e = denseEnergy(X, linear());
    const hopfield = (s: ArrayLike<number>): number => {
      let v = 0;
      for (let mu = 0; mu < m; mu++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) v -= 0.5 * X.data[mu * n + i]! * X.data[mu * n + j]! * s[i]! * s[j]!;
      return v;
    };
    const s0 = randomBipolar({ count: 1, dim: n }, createRng(60)).data;
    const c = e(s0) - hopfield(s0);
    for (let t = 0; t < 5; t++) {
      const s = randomBipolar({ count: 1, dim: n }, createRng(61 + t)).data;
      expect(e(s) - hopfield(s)).toBeCloseTo(c, 9);
    }
  });

  it('denseEnergy(...)(state) refuses a state that is not bipolar (before: a 0 or 0.5 entry read G outside its table, giving NaN or a wrong value)', () => {
    const e = denseEnergy(X, polynomial({ degree: 3 }));
    const s = Array.from(randomBipolar({ count: 1, dim: n }, createRng(70)).data);
    s[3] = 0;
    expect(() => e(s)).toThrow(NotBipolarError);
    s[3] = 0.5;
    expect(() => e(s)).toThrow(/^state: entry 3 is 0.5/);
    expect(() => e(s.slice(1))).toThrow(ShapeError);
  });

  it('networkEnergy refuses networks without a Lyapunov function (neuron-dependent coefficients)', () => {
    const alpha = Float64Array.from({ length: n * m }, (_, q) => 1 + q);
    expect(() => networkEnergy(recurrentNetwork({ patterns: X, kernel: linear(), alpha }))).toThrow(/depend on the neuron/);
  });
});
