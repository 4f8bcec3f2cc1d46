import { describe, expect, it } from 'vitest';
import { InvalidValueError } from '../../src/errors.js';
import { createRng, type Rng } from '../../src/rng/rng.js';
import { runSchedule, type Schedule, type SpikeBatch } from '../../src/network/schedule.js';
import type { FieldEngine } from '../../src/network/field-engine.js';
import { simulation } from '../../src/sim/simulation.js';
import { featureKinds, randomFeatureMap, type FeatureKind } from '../../src/features/random-features.js';
import { featureMemory, type FeatureMemory } from '../../src/features/feature-memory.js';
import { exactMemory } from '../../src/features/exact-memory.js';
import { encodeBinary, type BinaryEncoding } from '../../src/features/binary-encoding.js';
import { featureFieldEngine, type EnergyFieldEngine } from '../../src/features/feature-field-engine.js';
import { exactFieldEngine } from '../../src/features/exact-field-engine.js';
import { energyNetwork } from '../../src/features/energy-network.js';
import type { EnergyMemory } from '../../src/features/energy-memory.js';

const asynchronous: Schedule[] = ['fixed', 'random-permutation', 'random-sequential', 'poisson'];

/** M bipolar patterns (pattern-major) and their memory-space points under an encoding. */
function patterns(m: number, d: number, rng: Rng, encoding: BinaryEncoding): { S: Int8Array; X: Float64Array } {
  const S = Int8Array.from({ length: m * d }, () => rng.bipolar());
  const X = new Float64Array(m * d);
  for (let mu = 0; mu < m; mu++) X.set(encodeBinary(S.subarray(mu * d, (mu + 1) * d), encoding), mu * d);
  return { S, X };
}
function cueNear(S: Int8Array, mu: number, d: number, flips: number, rng: Rng): Int8Array {
  const s = S.slice(mu * d, (mu + 1) * d);
  for (const j of rng.sample(d, flips)) s[j] = -s[j]! as 1 | -1;
  return s;
}
/** `E(s with s_i = v)` from scratch. */
function energyWith(memory: EnergyMemory, s: Int8Array, i: number, v: number, encoding: BinaryEncoding): number {
  const t = Int8Array.from(s);
  t[i] = v;
  return memory.energy(encodeBinary(t, encoding));
}

/** Runs an engine and replays its spikes, returning the energy (from scratch) after every flip. */
function energiesAlongRun(engine: FieldEngine, memory: EnergyMemory, cue: Int8Array, schedule: Schedule, seed: number, encoding: BinaryEncoding): { energies: number[]; converged: boolean; state: Int8Array } {
  const s = Int8Array.from(cue);
  const energies = [memory.energy(encodeBinary(s, encoding))];
  const result = runSchedule(engine, cue, {
    schedule, rng: createRng(seed), maxSweeps: 30,
    observer: {
      spikes(batch: SpikeBatch) {
        for (let k = 0; k < batch.length; k++) {
          s[batch.neuron[k]!] = batch.state[k]!;
          energies.push(memory.energy(encodeBinary(s, encoding)));
        }
      },
    },
  });
  expect([...s]).toEqual([...result.state]);
  return { energies, converged: result.converged, state: result.state };
}

function rfMemory(kind: FeatureKind, features: number, beta: number, X: Float64Array, d: number, seed: string, clip = 1e-5): FeatureMemory {
  return featureMemory({ map: randomFeatureMap({ kind, features, dim: d, beta, rng: createRng(seed) }), patterns: X, clip });
}

describe('binary random-feature network (featureFieldEngine)', () => {
  const d = 40;
  const rng = createRng(1);
  const encoding: BinaryEncoding = 'zero-one';
  const { S, X } = patterns(8, d, rng, encoding);

  it('the field of neuron i is (E~(s_i = -1) - E~(s_i = +1)) / 2, computed from scratch, for every i, also after 2000 flips', () => {
    for (const kind of featureKinds) {
      const memory = rfMemory(kind, 300, 10, X, d, `field:${kind}`);
      const engine = featureFieldEngine({ memory, encoding });
      const s = cueNear(S, 1, d, 8, rng);
      engine.reset(s);
      for (let i = 0; i < d; i++) {
        const expected = 0.5 * (energyWith(memory, s, i, -1, encoding) - energyWith(memory, s, i, 1, encoding));
        expect(Math.abs(engine.field(i, s) - expected)).toBeLessThanOrEqual(1e-11 * (1 + Math.abs(expected)));
      }
      // After 2000 incremental flips (rotations of the kept feature sums) the fields still match a fresh computation:
      // rounding drift grows like sqrt(flips) * 1e-16, far below 1e-9.
      for (let t = 0; t < 2000; t++) {
        const i = rng.int(d);
        engine.field(i, s);
        s[i] = -s[i]! as 1 | -1;
        engine.flip(i, s);
      }
      for (let i = 0; i < d; i++) {
        const expected = 0.5 * (energyWith(memory, s, i, -1, encoding) - energyWith(memory, s, i, 1, encoding));
        expect(Math.abs(engine.field(i, s) - expected)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(expected)));
      }
    }
  });

  it('never raises the approximate energy, after any single update, on every asynchronous schedule; ends at a local minimum', () => {
    for (const kind of featureKinds) {
      // beta = 40 with few features: the estimate <phi, T> goes negative for many states, so the clip floor is exercised (cos, sin-cos).
      for (const [features, beta] of [[400, 10], [60, 40]] as const) {
        const memory = rfMemory(kind, features, beta, X, d, `descent:${kind}:${features}`, 1e-4);
        const engine = featureFieldEngine({ memory, encoding });
        for (const schedule of asynchronous) {
          for (let trial = 0; trial < 2; trial++) {
            const cue = trial === 0 ? cueNear(S, trial, d, 10, rng) : Int8Array.from({ length: d }, () => rng.bipolar());
            const { energies, converged, state } = energiesAlongRun(engine, memory, cue, schedule, 10 + trial, encoding);
            for (let t = 1; t < energies.length; t++) expect(energies[t]!).toBeLessThanOrEqual(energies[t - 1]! + 1e-12);
            if (schedule === 'fixed' || schedule === 'random-permutation') {
              expect(converged).toBe(true);
              // A fixed point: no single flip lowers E~ (independent check from scratch).
              const e = memory.energy(encodeBinary(state, encoding));
              for (let i = 0; i < d; i++) expect(energyWith(memory, state, i, -state[i]!, encoding)).toBeGreaterThanOrEqual(e - 1e-12);
            }
          }
        }
      }
    }
  });

  it('the clip floor is reached in the small-Y, large-beta setting above (so the descent test covers it)', () => {
    const memory = rfMemory('cos', 60, 40, X, d, 'descent:cos:60', 1e-4);
    const engine = featureFieldEngine({ memory, encoding });
    runSchedule(engine, Int8Array.from({ length: d }, () => rng.bipolar()), { schedule: 'random-permutation', rng: createRng(4), maxSweeps: 3 });
    expect(engine.clipped).toBeGreaterThan(0);
  });

  it('the O(Y) incremental update gives the same trajectory as recomputing S x from scratch at every field', () => {
    for (const kind of featureKinds) {
      for (const enc of ['zero-one', 'bipolar'] as const) {
        const { S: S2, X: X2 } = patterns(8, d, createRng(`traj:${enc}`), enc);
        const memory = rfMemory(kind, 256, 10, X2, d, `traj:${kind}`);
        const fast = featureFieldEngine({ memory, encoding: enc });
        // Plain loop: every field from two fresh energies, E~ evaluated from phi(x) and T (O(Y d)); nothing cached.
        const scratch: FieldEngine = {
          size: d,
          reset() {},
          field: (i, s) => 0.5 * (energyWith(memory, s, i, -1, enc) - energyWith(memory, s, i, 1, enc)),
          flip() {},
        };
        for (const schedule of ['random-permutation', 'poisson', 'synchronous'] as Schedule[]) {
          const cue = cueNear(S2, 2, d, 12, createRng(`cue:${kind}`));
          const record = (engine: FieldEngine): number[] => {
            const events: number[] = [];
            const r = runSchedule(engine, cue, { schedule, rng: createRng(9), maxSweeps: 20, observer: { spikes: (b) => { for (let k = 0; k < b.length; k++) events.push(b.step, b.time[k]!, b.neuron[k]!, b.state[k]!); } } });
            events.push(r.sweeps, r.flips, r.converged ? 1 : 0);
            return events;
          };
          const a = record(fast);
          expect(a.length).toBeGreaterThan(3);
          expect(a).toEqual(record(scratch));
        }
      }
    }
  });

  it('runs on the spike bus: simulation(energyNetwork(engine)) emits the same spikes as a direct run', () => {
    const memory = rfMemory('sin-cos', 200, 10, X, d, 'bus');
    const net = energyNetwork(featureFieldEngine({ memory, encoding }));
    const sim = simulation(net);
    const seen: number[] = [];
    sim.spikes$.subscribe((b) => { for (let k = 0; k < b.length; k++) seen.push(b.neuron[k]!, b.state[k]!); });
    const cue = cueNear(S, 3, d, 6, createRng(5));
    const viaBus = sim.run(cue, { schedule: 'random-permutation', rng: createRng(6) });
    const direct: number[] = [];
    const plain = net.run(cue, { schedule: 'random-permutation', rng: createRng(6), observer: { spikes: (b) => { for (let k = 0; k < b.length; k++) direct.push(b.neuron[k]!, b.state[k]!); } } });
    expect(seen).toEqual(direct);
    expect(seen.length).toBeGreaterThan(0);
    expect([...viaBus.state]).toEqual([...plain.state]);
  });
});

describe('binary exact network (exactFieldEngine)', () => {
  const d = 30;
  const rng = createRng(2);
  for (const encoding of ['zero-one', 'bipolar'] as const) {
    // beta = 20: the multiplicative path (weights times tabulated factors); beta = 5000: logits span more than 700,
    // so the engine takes the shifted log-sum-exp path.
    it(`${encoding}: fields from scratch, energy never rises on every asynchronous schedule, stored patterns recalled (beta = 20 and 5000)`, () => {
      const { S, X } = patterns(10, d, rng, encoding);
      for (const [target, beta] of [['gaussian', 20], ['exponential', 20], ['gaussian', 5000], ['exponential', 5000]] as const) {
        const memory = exactMemory({ dim: d, beta, target, patterns: X });
        const engine: EnergyFieldEngine = exactFieldEngine({ memory, encoding });
        const s = cueNear(S, 0, d, 5, rng);
        engine.reset(s);
        for (let i = 0; i < d; i++) {
          const expected = 0.5 * (energyWith(memory, s, i, -1, encoding) - energyWith(memory, s, i, 1, encoding));
          expect(Math.abs(engine.field(i, s) - expected)).toBeLessThanOrEqual(1e-11 * (1 + Math.abs(expected)));
        }
        for (const schedule of asynchronous) {
          const cue = cueNear(S, 1, d, 3, rng);
          const { energies, state } = energiesAlongRun(engine, memory, cue, schedule, 3, encoding);
          for (let t = 1; t < energies.length; t++) expect(energies[t]!).toBeLessThanOrEqual(energies[t - 1]! + 1e-12);
          // 3 of 30 bits flipped, beta = 20: pattern 1 is much the closest memory, and the descent returns it.
          if (target === 'gaussian') expect([...state]).toEqual([...S.subarray(d, 2 * d)]);
        }
      }
    });
  }

  it('incremental updates (both paths) give the same trajectory as fields computed from scratch', () => {
    const { S, X } = patterns(10, d, createRng(5), 'zero-one');
    for (const beta of [20, 5000]) {
      const memory = exactMemory({ dim: d, beta, patterns: X });
      const scratch: FieldEngine = { size: d, reset() {}, field: (i, s) => 0.5 * (energyWith(memory, s, i, -1, 'zero-one') - energyWith(memory, s, i, 1, 'zero-one')), flip() {} };
      const cue = cueNear(S, 4, d, 8, createRng(6));
      const record = (engine: FieldEngine): number[] => {
        const ev: number[] = [];
        runSchedule(engine, cue, { schedule: 'random-sequential', rng: createRng(7), maxSweeps: 10, temperature: 0.002, observer: { spikes: (b) => { for (let k = 0; k < b.length; k++) ev.push(b.neuron[k]!, b.state[k]!); } } });
        return ev;
      };
      const a = record(exactFieldEngine({ memory }));
      expect(a.length).toBeGreaterThan(10);
      expect(a).toEqual(record(scratch));
    }
  });

  it('the random-feature field approaches the exact field as Y grows (Monte Carlo: 16x features, ~4x smaller error)', () => {
    const { S, X } = patterns(10, d, createRng(3), 'zero-one');
    const exact = exactFieldEngine({ memory: exactMemory({ dim: d, beta: 10, patterns: X }) });
    const s = cueNear(S, 0, d, 3, createRng(4));
    exact.reset(s);
    const err: number[] = [];
    for (const Y of [250, 4000]) {
      let e = 0;
      for (let r = 0; r < 3; r++) {
        const rf = featureFieldEngine({ memory: rfMemory('sin-cos', Y, 10, X, d, `conv:${Y}:${r}`) });
        rf.reset(s);
        for (let i = 0; i < d; i++) e += Math.abs(rf.field(i, s) - exact.field(i, s));
      }
      err.push(e);
    }
    expect(err[0]! / err[1]!).toBeGreaterThan(2);
    expect(err[0]! / err[1]!).toBeLessThan(8);
  });
});

describe('a NaN field is a typed error, never a tie', () => {
  const s = Int8Array.of(1, -1, 1, -1);
  it('exact engine: energies that overflow (patterns of size 1e200) give NaN on both sides; before, field returned 0', () => {
    const engine = exactFieldEngine({ memory: exactMemory({ dim: 4, beta: 1, patterns: [1e200, 0, 0, 0] }) });
    engine.reset(s);
    expect(() => engine.field(0, s)).toThrow(InvalidValueError);
    expect(() => engine.field(0, s)).toThrow(/^memory: neuron 0's field is NaN/);
  });
  it('random-feature engine: positive features at beta = 1e6 overflow (cosh of the flip step is Infinity) and give NaN sums', () => {
    const map = randomFeatureMap({ kind: 'exp', features: 8, dim: 4, beta: 1e6, rng: createRng(1) });
    const engine = featureFieldEngine({ memory: featureMemory({ map, patterns: [0.5, 0, 0.5, 0] }) });
    engine.reset(s);
    expect(() => engine.field(0, s)).toThrow(/^memory: neuron 0's field is NaN/);
  });
});
