import { describe, expect, it } from 'vitest';
import {
  InvalidValueError, ShapeError, createRng, gaussianPatterns, softmaxNetwork,
  type ContinuousPatterns, type Rng,
} from '../../index.js';
import {
  exponentialLagrangian, hiddenNeuronNetwork, identityLagrangian, layerNormLagrangian, logSumExpLagrangian, rectifiedPolynomialLagrangian, tanhLagrangian,
  type Lagrangian,
} from '../../src/lagrangian/index.js';
import { lagrangianSimulation } from '../../src/sim/lagrangian-simulation.js';
import { lagrangianEnergyMonitor, lagrangianStateMonitor } from '../../src/sim/monitors/lagrangian-monitors.js';

/** M Gaussian memories of dimension N with entries of variance scale^2 / N (rows of norm ~scale). */
function memories(m: number, n: number, scale: number, rng: Rng): ContinuousPatterns {
  const X = gaussianPatterns({ count: m, dim: n }, rng);
  for (let k = 0; k < X.data.length; k++) X.data[k]! *= scale / Math.sqrt(n);
  return X;
}

function randomState(n: number, scale: number, rng: Rng): Float64Array {
  return Float64Array.from({ length: n }, () => scale * rng.normal());
}

const all: (() => Lagrangian)[] = [
  () => identityLagrangian(),
  () => rectifiedPolynomialLagrangian({ degree: 2 }),
  () => rectifiedPolynomialLagrangian({ degree: 3 }),
  () => exponentialLagrangian({ beta: 0.5 }),
  () => logSumExpLagrangian({ beta: 2 }),
  () => tanhLagrangian({ beta: 1.5 }),
  () => layerNormLagrangian({ gamma: 1, delta: 0.1, eps: 1e-3 }),
];

describe('hidden-neuron network: the energy is a Lyapunov function (Krotov and Hopfield 2021, Sec. 2)', () => {
  // Every Lagrangian in both roles, with a slow and a fast hidden layer. dt = 0.01 tau: the
  // descent term of one Euler step is O(dt), the discretisation error O(dt^2), so the energy must
  // not rise by more than rounding (1e-12 relative) at any step.
  for (const makeV of all) {
    for (const makeH of all) {
      for (const tauHidden of [0.5, 0]) {
        const v = makeV();
        const h = makeH();
        it(`visible ${v.name}, hidden ${h.name}, tau_h = ${tauHidden}`, () => {
          const rng = createRng(3).child(`${v.name}|${h.name}|${tauHidden}`);
          const n = 12;
          const m = 6;
          // With a bounded activation on either side (tanh, softmax, layer norm) the states stay
          // bounded; with unbounded ones on both sides the energy is unbounded below once the
          // memories are large (runaway excitation), so those pairs get memories of norm ~0.5,
          // which keeps the trajectory in the basin of a finite minimum.
          const bounded = [v, h].some((L) => ['tanh', 'log-sum-exp', 'layer-norm'].includes(L.name));
          const X = memories(m, n, bounded ? 1.5 : 0.5, rng.child('X'));
          const input = randomState(n, 0.2, rng.child('I'));
          const net = hiddenNeuronNetwork({ patterns: X, visible: v, hidden: h, tauVisible: 1, tauHidden, input });
          const energies: number[] = [];
          const hidden0 = tauHidden > 0 ? randomState(m, 1, rng.child('h0')) : undefined;
          const end = net.run(randomState(n, bounded ? 1 : 0.3, rng.child('v0')), {
            dt: 0.01 * (tauHidden > 0 ? tauHidden : 1), maxSteps: 600, tol: 0,
            ...(hidden0 ? { hidden: hidden0 } : {}),
            observer: { step: (_s, _t, _v, _h, e) => energies.push(e) },
          });
          expect(energies.length).toBe(601);
          let rises = 0;
          for (let t = 1; t < energies.length; t++) {
            expect(Number.isFinite(energies[t]!)).toBe(true);
            if (energies[t]! > energies[t - 1]! + 1e-12 * (1 + Math.abs(energies[t - 1]!))) rises++;
          }
          expect(rises).toBe(0);
          // The trajectory moves: the energy went down by a visible amount.
          expect(energies[600]!).toBeLessThan(energies[0]! - 1e-6);
          expect(end.energy).toBe(energies[600]);
        });
      }
    }
  }
});

describe('hidden-neuron network: integrating out a fast hidden layer (Sec. 3)', () => {
  it('at h = xi g(v) the two-layer energy equals the visible-only energy', () => {
    const rng = createRng(11);
    for (const makeV of all) {
      for (const makeH of all) {
        const X = memories(7, 10, 1.5, rng);
        const net = hiddenNeuronNetwork({ patterns: X, visible: makeV(), hidden: makeH(), input: randomState(10, 0.3, rng) });
        const v = randomState(10, 1, rng);
        const E2 = net.energy(v, net.hiddenInput(v));
        expect(Math.abs(E2 - net.visibleEnergy(v))).toBeLessThan(1e-12 * (1 + Math.abs(E2)));
      }
    }
  });

  it('as tau_h -> 0 the two-layer trajectory approaches the fast-hidden one, with an error O(tau_h)', () => {
    const rng = createRng(12);
    const X = memories(5, 16, 2, rng.child('X'));
    const v0 = randomState(16, 0.5, rng.child('v0'));
    const visible = tanhLagrangian({ beta: 1 });
    const hidden = logSumExpLagrangian({ beta: 3 });
    // Both integrated to time T = 1 with dt = tau_h / 20, so the Euler error O(dt) is a small
    // fraction of the adiabatic error being measured.
    const at = (tauHidden: number, dt: number): Float64Array => {
      const net = hiddenNeuronNetwork({ patterns: X, visible, hidden, tauHidden });
      return net.run(v0, { dt, maxSteps: Math.round(1 / dt), tol: 0 }).visible;
    };
    const reference = at(0, 1e-4);
    const gap = (a: Float64Array): number => Math.max(...a.map((x, i) => Math.abs(x - reference[i]!)));
    const e1 = gap(at(0.04, 0.002));
    const e2 = gap(at(0.01, 0.0005));
    expect(e1).toBeGreaterThan(1e-4);
    // First order in tau_h: a 4x smaller tau_h gives a ~4x smaller gap (3 to 5 allows the
    // O(tau_h^2) and O(dt) remainders).
    expect(e1 / e2).toBeGreaterThan(3);
    expect(e1 / e2).toBeLessThan(5);
  });

  it('log-sum-exp hidden layer, fast, identity visible, dt = tau_v: one update is X^T softmax(beta X s) (plain loop, and kmn softmaxNetwork)', () => {
    const rng = createRng(13);
    const beta = 2.5;
    const m = 9;
    const n = 20;
    const X = memories(m, n, 3, rng.child('X'));
    const net = hiddenNeuronNetwork({ patterns: X, visible: identityLagrangian(), hidden: logSumExpLagrangian({ beta }), tauVisible: 0.7, tauHidden: 0 });
    for (let trial = 0; trial < 5; trial++) {
      const s = randomState(n, 1, rng.child(trial));
      const v = Float64Array.from(s);
      net.step(v, new Float64Array(m), 0.7);
      // Independent: softmax over the overlaps with the max subtracted, then X^T p.
      const overlaps = Array.from({ length: m }, (_, mu) => { let o = 0; for (let i = 0; i < n; i++) o += X.data[mu * n + i]! * s[i]!; return o; });
      const top = Math.max(...overlaps);
      const w = overlaps.map((o) => Math.exp(beta * (o - top)));
      const z = w.reduce((a, b) => a + b, 0);
      for (let i = 0; i < n; i++) {
        let expected = 0;
        for (let mu = 0; mu < m; mu++) expected += X.data[mu * n + i]! * (w[mu]! / z);
        expect(Math.abs(v[i]! - expected)).toBeLessThan(1e-10);
      }
      const kmn = softmaxNetwork({ patterns: X, beta }).step(s);
      for (let i = 0; i < n; i++) expect(Math.abs(v[i]! - kmn[i]!)).toBeLessThan(1e-10);
    }
  });

  it('rectified-polynomial hidden layer, fast, identity visible: one update is the dense-memory update -grad E_dense, E_dense = -(1/n) sum F(xi . v)', () => {
    const rng = createRng(14);
    const m = 8;
    const n = 15;
    const X = memories(m, n, 2, rng.child('X'));
    for (const degree of [2, 3, 5]) {
      const net = hiddenNeuronNetwork({ patterns: X, visible: identityLagrangian(), hidden: rectifiedPolynomialLagrangian({ degree }), tauHidden: 0 });
      const F = (h: number): number => (h > 0 ? h ** degree / degree : 0);
      // The dense-memory energy E_dense(v) = -sum_mu F(xi_mu . v) as a plain loop.
      const dense = (v: Float64Array): number => {
        let e = 0;
        for (let mu = 0; mu < m; mu++) {
          let o = 0;
          for (let j = 0; j < n; j++) o += X.data[mu * n + j]! * v[j]!;
          e -= F(o);
        }
        return e;
      };
      for (let trial = 0; trial < 4; trial++) {
        const s = randomState(n, 1, rng.child(`${degree}:${trial}`));
        const v = Float64Array.from(s);
        net.step(v, new Float64Array(m), 1);
        // Plain loop: v'_i = sum_mu xi_mu,i max(xi_mu . s, 0)^(n-1).
        for (let i = 0; i < n; i++) {
          let expected = 0;
          for (let mu = 0; mu < m; mu++) {
            let o = 0;
            for (let j = 0; j < n; j++) o += X.data[mu * n + j]! * s[j]!;
            expected += X.data[mu * n + i]! * (o > 0 ? o ** (degree - 1) : 0);
          }
          expect(Math.abs(v[i]! - expected)).toBeLessThan(1e-10 * (1 + Math.abs(expected)));
          // Central difference of the dense energy.
          const sp = Float64Array.from(s);
          sp[i] = s[i]! + 1e-6;
          const up = dense(sp);
          sp[i] = s[i]! - 1e-6;
          const fd = -(up - dense(sp)) / 2e-6;
          expect(Math.abs(v[i]! - fd)).toBeLessThan(1e-6 * (1 + Math.abs(fd)));
        }
        // The reduced energy is |v|^2 / 2 + E_dense(v) (Sec. 3, Model A).
        const half = s.reduce((a, x) => a + x * x, 0) / 2;
        expect(net.visibleEnergy(s)).toBeCloseTo(half + dense(s), 10);
      }
    }
  });
});

describe('hidden-neuron network: simulation streams and monitors', () => {
  it('steps$ carries every step; the energy monitor sees no rise, the state monitor keeps copies', () => {
    const rng = createRng(21);
    const X = memories(6, 10, 2, rng.child('X'));
    const net = hiddenNeuronNetwork({ patterns: X, visible: tanhLagrangian(), hidden: logSumExpLagrangian({ beta: 2 }), tauHidden: 0.2 });
    const sim = lagrangianSimulation(net);
    const energy = lagrangianEnergyMonitor(sim, { capacity: 1000 });
    const states = lagrangianStateMonitor(sim, { every: 10, capacity: 100 });
    let ended = 0;
    sim.end$.subscribe(() => ended++);
    const cue = randomState(10, 1, rng.child('cue'));
    const result = sim.run(cue, { dt: 0.01, maxSteps: 200, tol: 0 });
    expect(ended).toBe(1);
    const records = energy.records();
    expect(records.length).toBe(201);
    expect(records[0]!.step).toBe(0);
    expect(records[200]!.time).toBeCloseTo(2, 12);
    expect(records[200]!.energy).toBe(result.energy);
    expect(energy.increases()).toBe(0);
    const snaps = states.snapshots();
    expect(snaps.length).toBe(21);
    expect(Array.from(snaps[0]!.visible)).toEqual(Array.from(cue));
    expect(Array.from(snaps[20]!.visible)).toEqual(Array.from(result.visible));
    expect(Array.from(snaps[20]!.hidden)).toEqual(Array.from(result.hidden));
    sim.stop();
  });

  it('a run without subscribers gives the same trajectory as one with them', () => {
    const rng = createRng(22);
    const X = memories(4, 8, 2, rng.child('X'));
    const net = hiddenNeuronNetwork({ patterns: X, visible: identityLagrangian(), hidden: rectifiedPolynomialLagrangian({ degree: 3 }), tauHidden: 0.3 });
    const cue = randomState(8, 1, rng.child('cue'));
    const quiet = net.run(cue, { dt: 0.03, maxSteps: 50 });
    const sim = lagrangianSimulation(net);
    lagrangianEnergyMonitor(sim, { capacity: 10 });
    const loud = sim.run(cue, { dt: 0.03, maxSteps: 50 });
    expect(Array.from(loud.visible)).toEqual(Array.from(quiet.visible));
  });
});

describe('hidden-neuron network: bad input', () => {
  const X = memories(3, 4, 1, createRng(30));
  const base = { patterns: X, visible: identityLagrangian(), hidden: logSumExpLagrangian() };
  it('rejects bad options with typed errors naming the parameter', () => {
    expect(() => hiddenNeuronNetwork({ ...base, tauVisible: 0 })).toThrow(/tauVisible/);
    expect(() => hiddenNeuronNetwork({ ...base, tauHidden: -1 })).toThrow(InvalidValueError);
    expect(() => hiddenNeuronNetwork({ ...base, input: [1, 2] })).toThrow(ShapeError);
    expect(() => hiddenNeuronNetwork({ ...base, patterns: { ...X, data: Float64Array.of(NaN, ...X.data.subarray(1)) } })).toThrow(/patterns/);
  });
  it('rejects a bad step or state before changing anything', () => {
    const net = hiddenNeuronNetwork({ ...base, tauVisible: 1, tauHidden: 0.5 });
    const v = Float64Array.of(1, 2, 3, 4);
    const h = new Float64Array(3);
    expect(() => net.step(v, h, 0.6)).toThrow(/dt/);
    expect(() => net.step(v, new Float64Array(2), 0.1)).toThrow(ShapeError);
    expect(Array.from(v)).toEqual([1, 2, 3, 4]);
    expect(() => net.run([1, 2, 3])).toThrow(ShapeError);
    expect(() => net.run([1, 2, 3, NaN])).toThrow(/visible/);
    expect(() => net.run(v, { maxSteps: 0 })).toThrow(/maxSteps/);
    expect(() => net.run(v, { tol: -1 })).toThrow(/tol/);
  });
});
