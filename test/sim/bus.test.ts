import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import {
  createRng, denseEnergy, energyMonitor, firingRate, flipBits, linear, overlapMonitor, overlapWith, patternRow, randomBipolar, rasterMonitor,
  recurrentNetwork, ringBuffer, simulation, snapshotMonitor, type RecurrentNetwork, type RunOptions, type SpikeBatch,
} from '../../node.js';

const X = randomBipolar({ count: 6, dim: 80 }, createRng(1));
const net = recurrentNetwork({ patterns: X, kernel: linear() });
const cue = flipBits(patternRow(X, 2), 0.3, createRng(2));

describe('spike bus (recorded sequence)', () => {
  it('delivers, synchronously and one batch per step, exactly the changes that take the cue to the final state', () => {
    const sim = simulation(net);
    const batches: { step: number; neurons: number[]; states: number[] }[] = [];
    const steps: { step: number; flips: number }[] = [];
    const ends: boolean[] = [];
    sim.spikes$.subscribe((b) => batches.push({ step: b.step, neurons: Array.from(b.neuron.subarray(0, b.length)), states: Array.from(b.state.subarray(0, b.length)) }));
    sim.steps$.subscribe(({ step, flips }) => steps.push({ step, flips }));
    sim.end$.subscribe((r) => ends.push(r.converged));
    const result = sim.run(cue, { schedule: 'random-permutation', rng: createRng(3) });
    expect(ends).toEqual([true]); // delivered before run() returned
    expect(steps.map((s) => s.step)).toEqual(Array.from({ length: result.sweeps }, (_, k) => k + 1));
    expect(batches.map((b) => b.neurons.length)).toEqual(steps.map((s) => s.flips));
    const replay = Int8Array.from(cue);
    for (const b of batches) b.neurons.forEach((i, k) => { expect(b.states[k]).toBe(-replay[i]!); replay[i] = b.states[k]!; });
    expect(Array.from(replay)).toEqual(Array.from(result.state));
    expect(result.flips).toBe(batches.reduce((a, b) => a + b.neurons.length, 0));
  });

  it('does not even build spike batches when nobody listens', () => {
    let observer: unknown;
    const spy = { ...net, run: (c: ArrayLike<number>, o: RunOptions) => { observer = o.observer; return net.run(c, o); } } as RecurrentNetwork;
    const sim = simulation(spy);
    sim.run(cue, { schedule: 'fixed' });
    expect(observer).toEqual({});
    sim.spikes$.subscribe(() => undefined);
    sim.run(cue, { schedule: 'fixed' });
    expect(Object.keys(observer as object)).toEqual(['spikes']);
  });
});

describe('monitors record what the network did, in bounded memory', () => {
  it('raster, snapshots, overlaps and energy agree with the run', () => {
    const sim = simulation(net);
    const raster = rasterMonitor(sim, { capacity: 10_000 });
    const small = rasterMonitor(sim, { capacity: 5 });
    const snaps = snapshotMonitor(sim, { every: 1, capacity: 2 });
    const overlaps = overlapMonitor(sim, { patterns: X, capacity: 100 });
    const energy = energyMonitor(sim, { energy: denseEnergy(X, linear()), capacity: 100 });
    const result = sim.run(cue, { schedule: 'random-permutation', rng: createRng(4) });
    expect(raster.events()).toHaveLength(result.flips);
    expect(small.events()).toEqual(raster.events().slice(-5));
    expect(small.total).toBe(result.flips);
    const held = snaps.snapshots();
    expect(held).toHaveLength(Math.min(2, result.sweeps));
    expect(Array.from(held[held.length - 1]!.state)).toEqual(Array.from(result.state));
    const last = overlaps.records().at(-1)!;
    expect(last.overlaps[2]).toBe(1); // recalled pattern 2 exactly
    // The classical Hopfield energy never increases under asynchronous dynamics.
    const e = energy.records().map((r) => r.energy);
    for (let k = 1; k < e.length; k++) expect(e[k]!).toBeLessThanOrEqual(e[k - 1]!);
  });

  it('ringBuffer keeps the newest records', () => {
    const rb = ringBuffer(3, 2);
    for (let k = 0; k < 5; k++) rb.push2(k, 10 * k);
    expect(rb.toArray()).toEqual([[2, 20], [3, 30], [4, 40]]);
    expect(rb.total).toBe(5);
  });
});

describe('analysis operators (marble tests)', () => {
  const batch = (length: number): SpikeBatch => ({ step: 0, length, time: new Float64Array(8), neuron: new Int32Array(8), state: new Int8Array(8) });

  it('firingRate averages state changes per neuron per step over a sliding window', () => {
    new TestScheduler((a, b) => expect(a).toEqual(b)).run(({ cold, expectObservable }) => {
      const source = cold('a-b-c-d|', { a: batch(2), b: batch(0), c: batch(4), d: batch(4) });
      expectObservable(source.pipe(firingRate({ window: 2, neurons: 2 }))).toBe('w-x-y-z|', { w: 1, x: 0.5, y: 1, z: 2 });
    });
  });

  it('overlapWith gives xi . s / N per step', () => {
    new TestScheduler((a, b) => expect(a).toEqual(b)).run(({ cold, expectObservable }) => {
      const xi = Int8Array.of(1, 1, -1, -1);
      const source = cold('a-b|', { a: { step: 1, flips: 0, state: Int8Array.of(1, 1, -1, -1) }, b: { step: 2, flips: 1, state: Int8Array.of(1, -1, -1, -1) } });
      expectObservable(source.pipe(overlapWith(xi))).toBe('a-b|', { a: 1, b: 0.5 });
    });
  });
});
