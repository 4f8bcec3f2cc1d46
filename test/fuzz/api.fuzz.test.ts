import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kernelValue } from '../../src/kernels/kernel.js';
import { linear } from '../../src/kernels/inner-product.js';
import { recurrentNetwork } from '../../src/network/recurrent-network.js';
import { randomBipolar } from '../../src/patterns/generate.js';
import { createRng } from '../../src/rng/rng.js';
import { planRun } from '../../src/scenario/run-scenario.js';
import { parseShard } from '../../src/scenario/shard.js';
import { overlapMonitor } from '../../src/sim/monitors/overlap-monitor.js';
import { simulation } from '../../src/sim/simulation.js';
import { trainCoefficients } from '../../plasticity/index.js';
import { perceptron } from '../../plasticity/perceptron.js';
import coin from '../fixtures/coin-scenario.js';
import { expectKmnError } from './fuzz-helpers.js';

const notNonNegativeInteger = fc.oneof(
  fc.integer({ max: -1 }),
  fc.double().filter((d) => !Number.isSafeInteger(d) || d < 0),
  fc.constantFrom(NaN, Infinity, -Infinity, 2 ** 53, -0.5),
);

describe('fuzzing the public API edges', () => {
  it('createRng refuses every seed that --seed refuses (issue 12: createRng(-1) was accepted)', () => {
    fc.assert(fc.property(notNonNegativeInteger, (seed) => void expectKmnError(() => createRng(seed), 'seed', `createRng(${seed})`)), { numRuns: 60, seed: 31 });
  });

  it('planRun refuses bad seed, trials and workers naming the flag, before any task runs', () => {
    fc.assert(
      fc.property(fc.constantFrom('seed', 'trials', 'workers'), notNonNegativeInteger, (key, value) => {
        expectKmnError(() => planRun(coin, { [key]: value }), `--${key}`, `${key} = ${value}`);
      }),
      { numRuns: 60, seed: 32 },
    );
    // Issue 12: --trials 1e9 died with a heap error after 53 s; --workers 1000 took 2.6 GB.
    expectKmnError(() => planRun(coin, { trials: 1e9 }), '--trials', 'trials 1e9');
    expectKmnError(() => planRun(coin, { workers: 1000 }), '--workers', 'workers 1000');
  });

  it('parseShard refuses every malformed k/K', () => {
    fc.assert(fc.property(fc.string().filter((s) => !/^\d{1,6}\/\d{1,6}$/.test(s)), (s) => void expectKmnError(() => parseShard(s), '--shard', s)), { numRuns: 40, seed: 33 });
  });

  it('kernelValue on vectors of different lengths is a ShapeError, never NaN or a number (issue 12)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1, max: 1 }), { minLength: 1, maxLength: 20 }), fc.array(fc.integer({ min: -1, max: 1 }), { minLength: 1, maxLength: 20 }), (x, y) => {
        fc.pre(x.length !== y.length);
        expectKmnError(() => kernelValue(linear(), x, y), 'y', `lengths ${x.length}, ${y.length}`);
      }),
      { numRuns: 60, seed: 34 },
    );
  });

  it('overlapMonitor with patterns of another dimension than the network is a ShapeError (issue 12: it used the first entries)', () => {
    const rng = createRng(1);
    const net = recurrentNetwork({ patterns: randomBipolar({ count: 3, dim: 20 }, rng), kernel: linear() });
    const sim = simulation(net);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }).filter((d) => d !== 20), (dim) => {
        expectKmnError(() => overlapMonitor(sim, { patterns: randomBipolar({ count: 2, dim }, rng), capacity: 10 }), 'patterns', `dim ${dim}`);
      }),
      { numRuns: 30, seed: 35 },
    );
  });

  it('sim.run after sim.stop is refused (issue 12: it ran)', () => {
    const rng = createRng(2);
    const X = randomBipolar({ count: 2, dim: 16 }, rng);
    const sim = simulation(recurrentNetwork({ patterns: X, kernel: linear() }));
    sim.stop();
    expectKmnError(() => sim.run(X.data.subarray(0, 16)), 'sim.run', 'run after stop');
  });

  it('a perceptron asked for 1e9 epochs is refused before training (issue 12: it hung on an inseparable problem)', () => {
    const rng = createRng(3);
    const X = randomBipolar({ count: 40, dim: 10 }, rng);
    expectKmnError(() => trainCoefficients(X, linear(), perceptron(), { maxEpochs: 1e9 }), 'maxEpochs', 'maxEpochs 1e9');
    expect(() => trainCoefficients(X, linear(), perceptron(), { maxEpochs: 5 })).not.toThrow();
  });
});
