import { describe, expect, it } from 'vitest';
import {
  createRng, exponential, feedForwardNetwork, flipBits, patternRow, pyramidalNeuron, randomBipolar, recurrentNetwork, type BipolarPatterns,
} from '../../node.js';
import { unshiftField } from '../../src/network/scaled-field.js';

/** Eq. 12 by brute force: sum_mu alpha_i^mu xi_i^mu exp(sum_{j != i} xi_j^mu s_j / T) - theta_i. */
function bruteField(X: BipolarPatterns, T: number, alpha: Float64Array, theta: Float64Array, i: number, s: ArrayLike<number>): number {
  const { count: m, dim: n, data } = X;
  let h = -theta[i]!;
  for (let mu = 0; mu < m; mu++) {
    let u = 0;
    for (let j = 0; j < n; j++) if (j !== i) u += data[mu * n + j]! * s[j]!;
    h += alpha[i * m + mu]! * data[mu * n + i]! * Math.exp(u / T);
  }
  return h;
}

describe('exponential kernel fields on their true scale', () => {
  it('fast fields, direct field and pyramidal neurons all equal the brute-force Eq. 12 where it is representable', () => {
    const rng = createRng(1);
    const X = randomBipolar({ count: 9, dim: 40 }, rng);
    const kernel = exponential({ temperature: 3 });
    const alpha = Float64Array.from({ length: 40 * 9 }, () => rng.uniform());
    const theta = Float64Array.from({ length: 40 }, () => rng.normal());
    const fast = recurrentNetwork({ patterns: X, kernel, alpha, theta });
    const pyramid = recurrentNetwork({ patterns: X, kernel, alpha, theta, neuron: pyramidalNeuron({ kernel }), rng });
    for (let t = 0; t < 4; t++) {
      const s = flipBits(patternRow(X, t), 0.2, rng);
      const f = fast.fields(s);
      const p = pyramid.fields(s);
      for (let i = 0; i < 40; i++) {
        const ref = bruteField(X, 3, alpha, theta, i, s);
        const tol = 1e-12 * (Math.abs(ref) + Math.abs(theta[i]!) + 1) * 1e3; // a sum of e^(u/T) terms of size up to e^13
        expect(Math.abs(f[i]! - ref)).toBeLessThan(tol);
        expect(Math.abs(fast.field(i, s) - ref)).toBeLessThan(tol);
        expect(Math.abs(p[i]! - ref)).toBeLessThan(tol);
      }
    }
  });

  it('at N = 10^4 and T = 1 (k up to e^9999) nothing is NaN, signs agree between paths, and recall works', () => {
    const rng = createRng(2);
    const n = 10_000;
    const X = randomBipolar({ count: 12, dim: n }, rng);
    const kernel = exponential({ temperature: 1 });
    const net = recurrentNetwork({ patterns: X, kernel });
    const cue = flipBits(patternRow(X, 5), 0.3, rng);
    const h = net.fields(cue);
    // The dominant subunit is pattern 5 (overlap ~ 0.4 N): every field has the sign of xi_i^5 and overflows.
    for (let i = 0; i < n; i += 97) {
      expect(h[i]).toBe(X.data[5 * n + i]! * Infinity);
      expect(Math.sign(net.field(i, cue))).toBe(X.data[5 * n + i]!);
    }
    const pyramid = recurrentNetwork({ patterns: X, kernel, neuron: pyramidalNeuron({ kernel }), rng: createRng(3) });
    for (const i of [0, 1, 4999, 9999]) expect(pyramid.field(i, cue)).toBe(h[i]);
    const r = net.run(cue, { schedule: 'random-permutation', rng: createRng(4), maxSweeps: 5 });
    expect(r.converged).toBe(true);
    expect(Array.from(r.state)).toEqual(Array.from(patternRow(X, 5)));
  });

  it('a state anti-aligned with every pattern (all kernel values underflow) keeps the sign of its field', () => {
    // One pattern of all +1, state all -1: neuron i's field is e^(-(N-1)/T) > 0, which underflows.
    const n = 2000;
    const X = { kind: 'bipolar', count: 1, dim: n, data: new Int8Array(n).fill(1) } as const;
    const net = recurrentNetwork({ patterns: X, kernel: exponential({ temperature: 1 }) });
    const s = new Int8Array(n).fill(-1);
    expect(net.field(3, s)).toBeGreaterThan(0);
    expect(net.fields(s)[3]).toBeGreaterThan(0);
    // The dynamics see the sign too: every neuron turns on (sgn(e^-1999) = +1, not a tie).
    const keep = recurrentNetwork({ patterns: X, kernel: exponential({ temperature: 1 }), tie: 'keep' });
    expect(keep.run(s, { schedule: 'fixed', maxSweeps: 3 }).state.every((v) => v === 1)).toBe(true);
  });

  it('the feed-forward network gives the true Eq. 6 fields for the exponential kernel', () => {
    const rng = createRng(5);
    const Xin = randomBipolar({ count: 6, dim: 20 }, rng);
    const Xout = randomBipolar({ count: 6, dim: 4 }, rng);
    const theta = Float64Array.of(0.5, -2, 0, 3);
    const net = feedForwardNetwork({ inputs: Xin, outputs: Xout, kernel: exponential({ temperature: 4 }), theta });
    const s = flipBits(patternRow(Xin, 1), 0.1, rng);
    const h = net.fields(s);
    for (let i = 0; i < 4; i++) {
      let ref = -theta[i]!;
      for (let mu = 0; mu < 6; mu++) {
        let u = 0;
        for (let j = 0; j < 20; j++) u += Xin.data[mu * 20 + j]! * s[j]!;
        ref += Xout.data[mu * 4 + i]! * Math.exp(u / 4);
      }
      expect(Math.abs(h[i]! - ref)).toBeLessThan(1e-12 * (Math.abs(ref) + 1) * 1e2);
    }
  });

  it('unshiftField saturates with the sign kept', () => {
    expect(unshiftField(0.5, Math.log(4), 1)).toBeCloseTo(1, 14);
    expect(unshiftField(-0.5, 1000, 7)).toBe(-Infinity);
    expect(unshiftField(0.5, -1000, 0)).toBe(Number.MIN_VALUE);
    expect(unshiftField(-0.5, -1000, 0)).toBe(-Number.MIN_VALUE);
    expect(unshiftField(0.5, -1000, 2)).toBe(-2);
    expect(unshiftField(0, 1000, 2)).toBe(-2);
    expect(unshiftField(3, 0, 1)).toBe(2);
  });
});
