import { describe, expect, it } from 'vitest';
import {
  InvalidValueError, NotBipolarError, ParameterError, ShapeError, createRng, expBeta, exponential, flipBits, linear, patternRow, polynomial,
  randomBipolar, recurrentNetwork, sdmHypercube, type BipolarPatterns, type Kernel,
} from '../../node.js';
import { kernelFormNeuron } from '../../src/network/kernel-form-neuron.js';

/** Classical Hopfield weights W = X^T X with zero diagonal, computed independently. */
function hebbWeights(X: BipolarPatterns): Float64Array {
  const { count: m, dim: n, data } = X;
  const w = new Float64Array(n * n);
  for (let mu = 0; mu < m; mu++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) w[i * n + j]! += data[mu * n + i]! * data[mu * n + j]!;
  return w;
}

describe('recurrent network with point neurons (linear kernel, A = 1)', () => {
  const X = randomBipolar({ count: 12, dim: 60 }, createRng(1));
  const W = hebbWeights(X);
  const net = recurrentNetwork({ patterns: X, kernel: linear() });

  it('has the fields of the classical Hopfield network W s (zero diagonal), fast and direct', () => {
    const s = patternRow(randomBipolar({ count: 1, dim: 60 }, createRng(2)), 0);
    const fast = net.fields(s);
    for (let i = 0; i < 60; i++) {
      let h = 0;
      for (let j = 0; j < 60; j++) h += W[i * 60 + j]! * s[j]!;
      expect(fast[i]).toBe(h);
      expect(net.field(i, s)).toBe(h);
    }
  });

  it('follows the same trajectory as a hand-written classical Hopfield loop with the same random order', () => {
    const cue = flipBits(patternRow(X, 3), 0.3, createRng(3));
    const result = net.run(cue, { schedule: 'random-permutation', rng: createRng(9), maxSweeps: 50 });
    // Reference: same permutation stream, W s fields, sgn(0) = +1.
    const rng = createRng(9);
    const s = Int8Array.from(cue);
    const perm = new Int32Array(60);
    let sweeps = 0;
    for (let sweep = 1; sweep <= 50; sweep++) {
      sweeps = sweep;
      rng.permutation(60, perm);
      let changed = 0;
      for (const i of perm) {
        let h = 0;
        for (let j = 0; j < 60; j++) h += W[i * 60 + j]! * s[j]!;
        const v = h >= 0 ? 1 : -1;
        if (v !== s[i]) { s[i] = v; changed++; }
      }
      if (changed === 0) break;
    }
    expect(Array.from(result.state)).toEqual(Array.from(s));
    expect(result.sweeps).toBe(sweeps);
    expect(result.converged).toBe(true);
  });

  it('never increases the energy E = -1/2 sum_{i != j} W_ij s_i s_j under asynchronous updates', () => {
    const cue = patternRow(randomBipolar({ count: 1, dim: 60 }, createRng(4)), 0);
    const energy = (s: ArrayLike<number>): number => {
      let e = 0;
      for (let i = 0; i < 60; i++) for (let j = 0; j < 60; j++) e -= 0.5 * W[i * 60 + j]! * s[i]! * s[j]!;
      return e;
    };
    const s = Int8Array.from(cue);
    let last = energy(s);
    let steps = 0;
    net.run(cue, {
      schedule: 'random-sequential', rng: createRng(5), maxSweeps: 30,
      observer: {
        spikes(batch) {
          for (let k = 0; k < batch.length; k++) {
            s[batch.neuron[k]!] = batch.state[k]!;
            const e = energy(s);
            expect(e).toBeLessThanOrEqual(last);
            last = e;
            steps++;
          }
        },
      },
    });
    expect(steps).toBeGreaterThan(5);
  });
});

describe('overlap engine and neuron-model engine (kernel form, Eq. 12)', () => {
  const X = randomBipolar({ count: 30, dim: 40 }, createRng(6));
  const kernels: Kernel[] = [linear(), polynomial({ degree: 3 }), polynomial({ degree: 2, c: 1 }), exponential({ temperature: 2 }), expBeta({ r: 6, beta: 1.5 }), sdmHypercube({ dim: 40, radius: 15 })];
  for (const kernel of kernels) {
    it(`give identical trajectories for the same seed (${kernel.name} ${JSON.stringify(kernel.params)})`, () => {
      const net = recurrentNetwork({ patterns: X, kernel });
      const modelNet = recurrentNetwork({ patterns: X, kernel, neuron: kernelFormNeuron({ kernel }), rng: createRng(0) });
      for (const schedule of ['random-permutation', 'random-sequential', 'synchronous', 'poisson'] as const) {
        const cue = flipBits(patternRow(X, 0), 0.35, createRng(7));
        const trace = (path: 'overlap' | 'model') => {
          const engineNet = path === 'overlap' ? net : modelNet;
          const events: number[] = [];
          const r = engineNet.run(cue, { schedule, rng: createRng(8), maxSweeps: 20, observer: { spikes: (b) => { for (let k = 0; k < b.length; k++) events.push(b.neuron[k]!, b.state[k]!); } } });
          return { events, state: Array.from(r.state), sweeps: r.sweeps };
        };
        expect(trace('overlap')).toEqual(trace('model'));
      }
    });
  }
});

describe('a state equal to a stored pattern (d2 = 0)', () => {
  it('has finite fields for every translation-invariant kernel, equal to the kernel form on both engines', () => {
    // The overlap engine tabulates K at d2 - 4 for a differing own entry, impossible at d2 = 0:
    // g2(-4) is NaN for Exp_beta (beta < 2) and the SDM table, and NaN does not cancel.
    const X = randomBipolar({ count: 6, dim: 20 }, createRng(21));
    for (const kernel of [expBeta({ r: 4, beta: 1 }), sdmHypercube({ dim: 20, radius: 6 })]) {
      const net = recurrentNetwork({ patterns: X, kernel });
      const s = patternRow(X, 2);
      const h = net.fields(s);
      for (let i = 0; i < 20; i++) {
        expect(Number.isFinite(h[i]!)).toBe(true);
        expect(h[i]!).toBeCloseTo(net.field(i, s), 12);
      }
    }
  });
});

describe('schedules, noise and ties', () => {
  const X = randomBipolar({ count: 5, dim: 50 }, createRng(10));
  const net = recurrentNetwork({ patterns: X, kernel: linear() });

  it('every schedule recalls a lightly corrupted pattern at low load', () => {
    for (const schedule of ['synchronous', 'fixed', 'random-permutation', 'random-sequential', 'poisson'] as const) {
      const r = net.run(flipBits(patternRow(X, 1), 0.1, createRng(11)), { schedule, rng: createRng(12) });
      expect(r.converged).toBe(true);
      expect(Array.from(r.state)).toEqual(Array.from(patternRow(X, 1)));
    }
  });

  it('Poisson clocks: the time after U updates is a sum of U Exp(N) waits (mean U/N, sd sqrt(U)/N)', () => {
    const r = net.run(patternRow(X, 2), { schedule: 'poisson', rng: createRng(13), maxSweeps: 40, temperature: 1e9 });
    expect(r.updates).toBe(40 * 50);
    expect(Math.abs(r.time - r.updates / 50)).toBeLessThan(4 * Math.sqrt(r.updates) / 50);
  });

  it('Glauber noise at very high temperature flips about half the updated neurons (binomial, 4 sigma)', () => {
    const r = net.run(patternRow(X, 0), { schedule: 'fixed', rng: createRng(14), maxSweeps: 40, temperature: 1e12 });
    expect(r.converged).toBe(false);
    // At T -> infinity each update sets s_i = +-1 with probability 1/2, so it changes with probability 1/2.
    expect(Math.abs(r.flips / r.updates - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / r.updates));
  });

  it("tie rule: sgn(0) = +1 by default, or keep the current state", () => {
    // One pattern (1, 1, 1): neuron 0's field is s_1 + s_2 = 0 in the state below.
    const P = { kind: 'bipolar', count: 1, dim: 3, data: Int8Array.of(1, 1, 1) } as const;
    const s = Int8Array.of(-1, 1, -1);
    expect(recurrentNetwork({ patterns: P, kernel: linear() }).field(0, s)).toBe(0);
    expect(recurrentNetwork({ patterns: P, kernel: linear() }).run(s, { schedule: 'fixed', maxSweeps: 1, order: Int32Array.of(0, 1, 2) }).state[0]).toBe(1);
    expect(recurrentNetwork({ patterns: P, kernel: linear(), tie: 'keep' }).run(s, { schedule: 'fixed', maxSweeps: 1 }).state[0]).toBe(-1);
  });
});

describe('bad input is a typed error naming the problem', () => {
  const X = randomBipolar({ count: 4, dim: 10 }, createRng(15));
  const net = recurrentNetwork({ patterns: X, kernel: linear() });
  it('rejects mismatched sizes, NaN and non-bipolar states, bad coefficients, self-connections, missing rng', () => {
    expect(() => net.run(new Int8Array(9))).toThrow(ShapeError);
    expect(() => net.run(new Int8Array(9))).toThrow(/^cue: has length 9, expected 10/);
    expect(() => net.field(0, new Float64Array(10).fill(NaN))).toThrow(InvalidValueError);
    expect(() => net.run(new Int8Array(10))).toThrow(NotBipolarError);
    expect(() => net.setCoefficients({ alpha: new Float64Array(3), theta: new Float64Array(10) })).toThrow(/^alpha: /);
    expect(() => recurrentNetwork({ patterns: X, kernel: linear(), selfConnections: true })).toThrow(ParameterError);
    expect(() => recurrentNetwork({ patterns: X, kernel: linear(), selfConnections: true })).toThrow(/^selfConnections: /);
    expect(() => net.run(patternRow(X, 0), { schedule: 'random-permutation' })).toThrow(/^rng: /);
    expect(() => net.run(patternRow(X, 0), { schedule: 'fixed', temperature: -1 })).toThrow(/^temperature: /);
  });
});

describe('the network owns its coefficients and engine', () => {
  const X = randomBipolar({ count: 5, dim: 16 }, createRng(21));
  const s = patternRow(randomBipolar({ count: 1, dim: 16 }, createRng(22)), 0);

  it('returns theta as a copy: writing to it changes neither fields() nor field(i)', () => {
    const net = recurrentNetwork({ patterns: X, kernel: polynomial({ degree: 3 }), theta: new Float64Array(16).fill(0.5) });
    const before = Array.from(net.fields(s));
    net.theta[0] = 1e6; // before the fix this wrote into the engine's thresholds, and fields()[0] moved by -1e6
    expect(net.theta[0]).toBe(0.5);
    expect(Array.from(net.fields(s))).toEqual(before);
    for (let i = 0; i < 16; i++) expect(net.fields(s)[i]).toBe(net.field(i, s));
  });

  it('reuses one engine across calls and still matches the reference fields, also after setCoefficients and inside an observer', () => {
    const net = recurrentNetwork({ patterns: X, kernel: exponential({ temperature: 3 }) });
    const cue = flipBits(patternRow(X, 1), 0.25, createRng(23));
    const check = (state: ArrayLike<number>): void => {
      const fast = net.fields(state);
      for (let i = 0; i < 16; i++) expect(fast[i]).toBeCloseTo(net.field(i, state), 9);
    };
    // An observer that uses the network mid-run must not disturb the run's tables: compare with a run without it.
    const plain = net.run(cue, { schedule: 'random-permutation', rng: createRng(5) });
    const observed = net.run(cue, { schedule: 'random-permutation', rng: createRng(5), observer: { step: (_, state) => check(state) } });
    expect(Array.from(observed.state)).toEqual(Array.from(plain.state));
    expect(observed.updates).toBe(plain.updates);
    const theta = Float64Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? 0.3 : -0.2));
    net.setCoefficients({ theta });
    check(s);
    expect(net.isFixedPoint(plain.state)).toBe(Array.from(net.fields(plain.state)).every((h, i) => (h >= 0 ? 1 : -1) === plain.state[i]));
  });
});
