import { describe, expect, it } from 'vitest';
import { createRng, expBeta, exponential, feedForwardNetwork, flipBits, gaussian, gaussianPatterns, linear, patternRow, polynomial, randomBipolar, recurrentNetwork, type Kernel } from '../../node.js';
import { batchedRecall } from '../../src/network/batched-recall.js';
import { batchedFeedForward } from '../../src/network/batched-feed-forward.js';

/**
 * Batched and per-query recall must agree bit for bit: the batched path builds the same tables and
 * sums every field over mu in the same order, so the test compares with Object.is (no tolerance).
 */
describe('batchedRecall', () => {
  const n = 33; // odd: exercises the edge of the 4 x 4 tiles
  const q = 7;
  // M = 300 crosses the product's 256-pattern blocks with a ragged last block. Exponential tables
  // with A = 1 are real-valued (the engine then sums in index order, not with its SIMD dot).
  const cases: [string, Kernel, boolean, number][] = [
    ['linear, A = 1', linear(), false, 21],
    ['polynomial 3, A = 1, M = 300', polynomial({ degree: 3 }), false, 300],
    // (34)^7 > 2^30: integer tables too large for the limb product, so the f64 product runs.
    ['polynomial 7, A = 1, M = 300', polynomial({ degree: 7 }), false, 300],
    ['polynomial 3, random alpha and theta', polynomial({ degree: 3 }), true, 21],
    ['exponential (logK, shifted tables), random alpha', exponential({ temperature: 0.05 }), true, 21],
    ['exponential, A = 1, M = 300', exponential({ temperature: 0.2 }), false, 300],
    ['exponential, random alpha, M = 300', exponential({ temperature: 0.2 }), true, 300],
  ];
  for (const [name, kernel, trained, m] of cases) {
    it(`${name}: fields, one step and runs equal the per-query path`, () => {
      const rng = createRng(`batched-${name}`);
      const X = randomBipolar({ count: m, dim: n }, rng.child('patterns'));
      const net = recurrentNetwork({ patterns: X, kernel, tie: trained ? 'keep' : 'plus' });
      if (trained) {
        const r = rng.child('coef');
        net.setCoefficients({ alpha: Float64Array.from({ length: n * m }, () => r.uniform() * 2), theta: Float64Array.from({ length: n }, () => r.normal() * 0.1) });
      }
      const cues = new Int8Array(q * n);
      for (let r = 0; r < q; r++) cues.set(flipBits(patternRow(X, r % m), 0.2, rng.child(`cue:${r}`)), r * n);
      const batch = batchedRecall(net);
      const h = batch.fields(cues, q);
      const s1 = batch.step(cues, q);
      const run = batch.run(cues, q, { maxSweeps: 30 });
      let changedSomewhere = false;
      for (let r = 0; r < q; r++) {
        const cue = cues.subarray(r * n, (r + 1) * n);
        const ref = net.fields(cue);
        for (let i = 0; i < n; i++) expect(Object.is(h[r * n + i], ref[i]), `query ${r} neuron ${i}: ${h[r * n + i]} vs ${ref[i]}`).toBe(true);
        const one = net.run(cue, { schedule: 'synchronous', maxSweeps: 1 });
        expect(Array.from(s1.subarray(r * n, (r + 1) * n))).toEqual(Array.from(one.state));
        const full = net.run(cue, { schedule: 'synchronous', maxSweeps: 30 });
        expect(Array.from(run.states.subarray(r * n, (r + 1) * n))).toEqual(Array.from(full.state));
        expect(run.converged[r] === 1).toBe(full.converged);
        expect(run.sweeps[r]).toBe(full.sweeps);
        if (full.flips > 0) changedSomewhere = true;
      }
      // The cues are noisy (20% flipped): the dynamics did something to compare.
      expect(changedSomewhere).toBe(true);
    });
  }

  it('refuses a wrong shape, non-bipolar entries and a bad q before any work', () => {
    const X = randomBipolar({ count: 5, dim: 8 }, createRng(1));
    const batch = batchedRecall(recurrentNetwork({ patterns: X, kernel: linear() }));
    expect(() => batch.fields(new Int8Array(15), 2)).toThrow(/states/);
    expect(() => batch.fields(new Int8Array(16), 2)).toThrow(/states/);
    expect(() => batch.fields(new Int8Array(16).fill(1), 0)).toThrow(/q/);
    expect(() => batch.run(new Int8Array(16).fill(1), 2, { maxSweeps: 0 })).toThrow(/maxSweeps/);
  });
});

describe('batchedFeedForward', () => {
  // [name, kernel, trained coefficients, continuous inputs, queries off the +/-1 grid]
  const cases: [string, Kernel, boolean, boolean, boolean][] = [
    ['polynomial 3, trained', polynomial({ degree: 3 }), true, false, false],
    ['exponential (logK), trained', exponential({ temperature: 0.05 }), true, false, false],
    ['polynomial 3, A = 1 (exact integer product)', polynomial({ degree: 3 }), false, false, false],
    ['exponential, A = 1 (real kernel values)', exponential({ temperature: 0.3 }), false, false, false],
    ['Exp_beta (squared distances by popcount), trained', expBeta({ r: 4, beta: 2 }), true, false, false],
    ['polynomial 3 on Gaussian inputs (overlaps by the blocked product)', polynomial({ degree: 3 }), true, true, true],
    ['exponential, bipolar patterns, real-valued queries', exponential({ temperature: 0.3 }), false, false, true],
    ['Gaussian kernel on Gaussian inputs (per-query kernel vector)', gaussian({ sigma: 3 }), true, true, true],
  ];
  for (const [name, kernel, trained, continuous, realQueries] of cases) {
    it(`${name}: fields and recall equal the per-query network bit for bit`, () => {
      const rng = createRng(`ff-${name}`);
      const m = 270; // crosses the 256-pattern blocks of the product
      const dim = 24;
      const inputs = continuous ? gaussianPatterns({ count: m, dim }, rng.child('in')) : randomBipolar({ count: m, dim }, rng.child('in'));
      const outputs = randomBipolar({ count: m, dim: 11 }, rng.child('out'));
      const r = rng.child('coef');
      const options = trained
        ? { inputs, outputs, kernel, alpha: Float64Array.from({ length: 11 * m }, () => r.uniform()), theta: Float64Array.from({ length: 11 }, () => r.normal() * 0.01) }
        : { inputs, outputs, kernel };
      const net = feedForwardNetwork(options);
      const q = 5;
      const x = new Float64Array(q * dim);
      for (let k = 0; k < q; k++) {
        // Bipolar cases: stored inputs with 25% of the bits flipped; otherwise Gaussian noise added.
        const row = continuous || realQueries ? patternRow(inputs, k) : flipBits(patternRow(inputs as ReturnType<typeof randomBipolar>, k), 0.25, rng.child(`q:${k}`));
        for (let j = 0; j < dim; j++) x[k * dim + j] = realQueries ? row[j]! + 0.3 * r.normal() : row[j]!;
      }
      const batch = batchedFeedForward(options);
      const h = batch.fields(x, q);
      const y = batch.recall(x, q);
      for (let k = 0; k < q; k++) {
        const ref = net.fields(x.subarray(k * dim, (k + 1) * dim));
        for (let i = 0; i < 11; i++) expect(Object.is(h[k * 11 + i], ref[i]), `input ${k} output ${i}: ${h[k * 11 + i]} vs ${ref[i]}`).toBe(true);
        expect(Array.from(y.subarray(k * 11, (k + 1) * 11))).toEqual(Array.from(net.recall(x.subarray(k * dim, (k + 1) * dim))));
      }
      expect(() => batch.fields(x, q + 1)).toThrow(/inputs/);
    });
  }
});
