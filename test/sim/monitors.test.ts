import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import {
  InvalidValueError, ParameterError, createRng, energyMonitor, firingRate, polynomial, flipBits, linear, patternRow, randomBipolar, recurrentNetwork, ringBuffer, simulation, snapshotMonitor,
  type SpikeBatch,
} from '../../node.js';

const batch = (length: number): SpikeBatch => ({ step: 0, length, time: new Float64Array(1), neuron: new Int32Array(1), state: new Int8Array(1) });

describe('firingRate is a pure operator', () => {
  it('keeps its sliding window per subscription: a late subscriber does not see the first one\'s counts', () => {
    const source = new Subject<SpikeBatch>();
    const rates = source.pipe(firingRate({ window: 2, neurons: 4 }));
    const first: number[] = [];
    const second: number[] = [];
    rates.subscribe((r) => first.push(r));
    source.next(batch(4)); // first: 4 / (1 x 4) = 1
    rates.subscribe((r) => second.push(r));
    source.next(batch(0)); // first: (4 + 0) / (2 x 4) = 0.5; second: 0 / (1 x 4) = 0
    source.next(batch(2)); // first: (0 + 2) / 8 = 0.25; second: (0 + 2) / 8 = 0.25
    expect(first).toEqual([1, 0.5, 0.25]);
    expect(second).toEqual([0, 0.25]);
  });

  it('rejects a window that is not a positive integer with a typed error naming it', () => {
    expect(() => firingRate({ window: 0, neurons: 4 })).toThrow(InvalidValueError);
    expect(() => firingRate({ window: 1.5, neurons: 4 })).toThrow(/^window: /);
  });
});

describe('snapshot monitor', () => {
  it('keeps the last `capacity` snapshots taken every `every` steps, equal to a replay of the spike stream', () => {
    const X = randomBipolar({ count: 12, dim: 60 }, createRng(1));
    const net = recurrentNetwork({ patterns: X, kernel: linear() });
    const sim = simulation(net);
    const snaps = snapshotMonitor(sim, { every: 2, capacity: 3 });
    // Independent record: replay every spike batch onto the cue and copy the state at even steps.
    const cue = flipBits(patternRow(X, 0), 0.45, createRng(2));
    const replay = Int8Array.from(cue);
    const expected: { step: number; state: number[] }[] = [];
    sim.spikes$.subscribe((b) => {
      for (let k = 0; k < b.length; k++) replay[b.neuron[k]!] = b.state[k]!;
      if (b.step % 2 === 0) expected.push({ step: b.step, state: Array.from(replay) });
    });
    const result = sim.run(cue, { schedule: 'fixed', temperature: 1.5, rng: createRng(3), maxSweeps: 11 });
    expect(result.sweeps).toBe(11); // noisy: never converges, so steps 2, 4, ..., 10 are snapshots
    const held = snaps.snapshots().map(({ step, state }) => ({ step, state: Array.from(state) }));
    expect(held.map((h) => h.step)).toEqual([6, 8, 10]);
    expect(held).toEqual(expected.slice(-3));
  });

  it('rejects bad options with typed errors', () => {
    const sim = simulation(recurrentNetwork({ patterns: randomBipolar({ count: 2, dim: 8 }, createRng(4)), kernel: linear() }));
    expect(() => snapshotMonitor(sim, { every: 0, capacity: 3 })).toThrow(/^every: /);
    expect(() => snapshotMonitor(sim, { every: 1, capacity: -1 })).toThrow(InvalidValueError);
    expect(() => ringBuffer(0, 2)).toThrow(/^capacity: /);
  });
});

describe('energy monitor', () => {
  it('defaults to the network\'s exact Lyapunov function: non-increasing per sweep, equal to a plain-loop G at every step', () => {
    const X = randomBipolar({ count: 8, dim: 20 }, createRng(5));
    const kernel = polynomial({ degree: 3 });
    const sim = simulation(recurrentNetwork({ patterns: X, kernel }));
    const monitor = energyMonitor(sim, { capacity: 100 });
    const states: Int8Array[] = [];
    sim.steps$.subscribe(({ state }) => states.push(Int8Array.from(state)));
    // E(s) = -sum_mu G(xi^mu . s), G(h) = sum_{u = -N+1, step 2}^{h-1} 2 u^3 (G(-N) = 0).
    const G = (h: number): number => { let g = 0; for (let u = -19; u <= h - 1; u += 2) g += 2 * u ** 3; return g; };
    const E = (s: Int8Array): number => {
      let e = 0;
      for (let mu = 0; mu < 8; mu++) { let h = 0; for (let j = 0; j < 20; j++) h += X.data[mu * 20 + j]! * s[j]!; e -= G(h); }
      return e;
    };
    sim.run(flipBits(patternRow(X, 0), 0.4, createRng(6)), { schedule: 'random-sequential', rng: createRng(7) });
    const records = monitor.records();
    expect(records.length).toBeGreaterThan(1);
    records.forEach((r, k) => expect(r.energy).toBe(E(states[k]!)));
    for (let k = 1; k < records.length; k++) expect(records[k]!.energy).toBeLessThanOrEqual(records[k - 1]!.energy);
  });

  it('without an energy function, a network with no Lyapunov function is a typed error', () => {
    const X = randomBipolar({ count: 3, dim: 10 }, createRng(8));
    const alpha = Float64Array.from({ length: 30 }, (_, q) => 1 + q);
    expect(() => energyMonitor(simulation(recurrentNetwork({ patterns: X, kernel: linear(), alpha })), { capacity: 10 })).toThrow(ParameterError);
  });
});
