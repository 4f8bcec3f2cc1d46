import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/rng/rng.js';
import { linear } from '../../src/kernels/inner-product.js';
import { bipolarPatterns, patternRow } from '../../src/patterns/pattern-set.js';
import { randomBipolar } from '../../src/patterns/generate.js';
import { recurrentNetwork } from '../../src/network/recurrent-network.js';
import { energyProfile, networkEnergyProfile, normalisedProfile, sortedProfile, stabilityRatio } from '../../src/states/energy-profile.js';
import { InvalidValueError, NotBipolarError, ShapeError } from '../../src/errors.js';

/** Classical Hopfield energy by a plain double loop: E = -1/2 sum_{i != j} W_ij s_i s_j, W = X^T X. */
function hopfieldEnergy(data: Int8Array, m: number, n: number, s: ArrayLike<number>): number {
  let e = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      let w = 0;
      for (let mu = 0; mu < m; mu++) w += data[mu * n + i]! * data[mu * n + j]!;
      e -= 0.5 * w * s[i]! * s[j]!;
    }
  }
  return e;
}

describe('energy profile', () => {
  it('sums to the classical Hopfield energy -1/2 s^T W s (plain loop), for stored, corrupted and random states', () => {
    const rng = createRng('profile-sum');
    const n = 40;
    const m = 5;
    const X = randomBipolar({ count: m, dim: n }, rng.child('patterns'));
    const net = recurrentNetwork({ patterns: X, kernel: linear() });
    const states: Int8Array[] = [patternRow(X, 0), patternRow(X, 3)];
    for (let t = 0; t < 6; t++) states.push(Int8Array.from({ length: n }, () => rng.bipolar()));
    for (const s of states) {
      const e = networkEnergyProfile(net, s);
      const sum = e.reduce((a, b) => a + b, 0);
      // Integer arithmetic throughout: the fields are integers, so the sums agree exactly.
      expect(sum).toBe(hopfieldEnergy(X.data, m, n, s));
    }
  });

  it('with thresholds theta != 0 sums to the energy -1/2 s^T W s + theta^T s (plain loop), for linear fields f = W s - theta', () => {
    const rng = createRng('profile-theta');
    const n = 30;
    const m = 4;
    const X = randomBipolar({ count: m, dim: n }, rng.child('patterns'));
    // Thresholds that are multiples of 1/4: every product and sum below is exact in doubles.
    const theta = Float64Array.from({ length: n }, () => (rng.int(17) - 8) / 4);
    const net = recurrentNetwork({ patterns: X, kernel: linear(), theta });
    for (let t = 0; t < 5; t++) {
      const s = Int8Array.from({ length: n }, () => rng.bipolar());
      let expected = hopfieldEnergy(X.data, m, n, s);
      for (let i = 0; i < n; i++) expected += theta[i]! * s[i]!;
      const viaNetwork = networkEnergyProfile(net, s).reduce((a, b) => a + b, 0);
      const viaFields = energyProfile(net.fields(s), s, { theta }).reduce((a, b) => a + b, 0);
      // Before the fix the sum was -1/2 s^T W s + 1/2 theta^T s: off by 1/2 theta^T s, nonzero here.
      expect(viaNetwork).toBe(expected);
      expect(viaFields).toBe(expected);
    }
  });

  it('matches a hand computation in a 5-neuron network with two stored patterns', () => {
    // xi1 = (1,1,1,1,1), xi2 = (1,1,1,-1,-1), W = xi1 xi1^T + xi2 xi2^T with zero diagonal.
    // At s = xi1: neurons 0-2 get h = 2 + 2 (from the other two of 0-2) + 0 + 0 = 4;
    // neurons 3-4 get h = 0 + 0 + 0 + 2 (from the other of 3-4) = 2.
    // e_i = -h_i / 2 = (-2, -2, -2, -1, -1); energy -8; stability ratio = (-1) / (-2) = 0.5.
    const X = bipolarPatterns(Int8Array.of(1, 1, 1, 1, 1, 1, 1, 1, -1, -1), { count: 2, dim: 5 });
    const net = recurrentNetwork({ patterns: X, kernel: linear() });
    const e = networkEnergyProfile(net, patternRow(X, 0));
    expect(Array.from(e)).toEqual([-2, -2, -2, -1, -1]);
    expect(stabilityRatio(e)).toBe(0.5);
    // At s = xi2: neurons 0-2 again get 2 + 2 = 4 (W = 0 between groups); neurons 3-4 get
    // h = W_34 s_4 = 2 * (-1) = -2 with s_i = -1, so e = -1/2 (-1)(-2) = -1: the same profile.
    expect(Array.from(networkEnergyProfile(net, patternRow(X, 1)))).toEqual([-2, -2, -2, -1, -1]);
  });

  it('stability ratio: in [0, 1] at a fixed point, negative when a neuron disagrees with its field', () => {
    const rng = createRng('ratio-sign');
    const X = randomBipolar({ count: 3, dim: 60 }, rng);
    const net = recurrentNetwork({ patterns: X, kernel: linear() });
    const s = Int8Array.from(patternRow(X, 1));
    expect(net.isFixedPoint(s)).toBe(true);
    const r = stabilityRatio(networkEnergyProfile(net, s));
    expect(r).toBeGreaterThanOrEqual(0);
    expect(r).toBeLessThanOrEqual(1);
    // Flip neuron 0 of a stored pattern at low load: its own term N - 1 now opposes it.
    s[0] = -s[0]! as 1 | -1;
    expect(stabilityRatio(networkEnergyProfile(net, s))).toBeLessThan(0);
    expect(Number.isNaN(stabilityRatio(Float64Array.of(0, 1)))).toBe(true);
  });

  it('sorted and normalised profiles', () => {
    expect(Array.from(sortedProfile(Float64Array.of(-1, -3, -2)))).toEqual([-3, -2, -1]);
    expect(Array.from(normalisedProfile(Float64Array.of(-1, -4, -2)))).toEqual([-1, -0.5, -0.25]);
    expect(Array.from(normalisedProfile(Float64Array.of(0, 0)))).toEqual([0, 0]);
  });

  it('refuses bad input before computing', () => {
    expect(() => energyProfile([1, 2], [1])).toThrow(ShapeError);
    expect(() => energyProfile([1, 2], [1, 0])).toThrow(NotBipolarError);
    expect(() => energyProfile([1, NaN], [1, 1])).toThrow(InvalidValueError);
    expect(() => stabilityRatio([])).toThrow(InvalidValueError);
    // Before, a NaN entry was skipped silently (NaN < min is false): the ratio of the other entries came back.
    expect(() => stabilityRatio([-2, NaN, -1])).toThrow(/^profile: entry 1 is NaN/);
    expect(() => energyProfile([1, 2], [1, 1], { theta: [0, NaN] })).toThrow(InvalidValueError);
    expect(() => energyProfile([1, 2], [1, 1], { theta: [0] })).toThrow(ShapeError);
    const net = recurrentNetwork({ patterns: randomBipolar({ count: 2, dim: 8 }, createRng(1)), kernel: linear() });
    expect(() => networkEnergyProfile(net, [1, 1])).toThrow(ShapeError);
  });
});
