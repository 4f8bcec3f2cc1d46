import { describe, expect, it } from 'vitest';
import { createRng, expBeta, flipBits, gaussianPatterns, interpolationNetwork, patternRow, randomBipolar, softmaxNetwork, zeroTemperatureNetwork, type ContinuousNetwork } from '../../node.js';
import { batchedContinuousNetwork, batchedSoftmaxNetwork, type BatchedContinuous } from '../../src/network/batched-continuous.js';
import { asContinuous } from '../../src/patterns/pattern-set.js';

/**
 * Batched and per-query continuous recall must agree bit for bit (Object.is on every entry): the
 * batched path sums every overlap and every projection in the per-query loops' order.
 */
function expectSame(batch: BatchedContinuous, net: ContinuousNetwork, cues: Float64Array, q: number, maxSteps: number): void {
  const n = net.size;
  const m = net.patterns.count;
  const w = batch.weights(cues, q);
  const s1 = batch.step(cues, q);
  const run = batch.run(cues, q, { maxSteps });
  let moved = false;
  for (let r = 0; r < q; r++) {
    const cue = cues.subarray(r * n, (r + 1) * n);
    const wRef = net.weights(cue);
    for (let mu = 0; mu < m; mu++) expect(Object.is(w[r * m + mu], wRef[mu]), `weights ${r}, ${mu}`).toBe(true);
    const sRef = net.step(cue);
    for (let j = 0; j < n; j++) expect(Object.is(s1[r * n + j], sRef[j]), `step ${r}, ${j}: ${s1[r * n + j]} vs ${sRef[j]}`).toBe(true);
    const full = net.run(cue, { maxSteps });
    for (let j = 0; j < n; j++) expect(Object.is(run.states[r * n + j], full.state[j]), `run ${r}, ${j}`).toBe(true);
    expect(run.steps[r]).toBe(full.steps);
    expect(run.converged[r] === 1).toBe(full.converged);
    if (full.steps > 1) moved = true;
  }
  expect(moved).toBe(true); // the dynamics took more than one step somewhere
}

describe('batchedSoftmaxNetwork', () => {
  it('bipolar patterns and cues (overlaps by popcount, then real-valued states): identical to softmaxNetwork', () => {
    const rng = createRng('bsoft-bipolar');
    const n = 37, m = 300, q = 9; // M crosses the product's 256-pattern blocks
    const X = randomBipolar({ count: m, dim: n }, rng.child('X'));
    const cues = new Float64Array(q * n);
    for (let r = 0; r < q; r++) cues.set(flipBits(patternRow(X, r), 0.3, rng.child(`c${r}`)), r * n);
    const beta = 0.08;
    expectSame(batchedSoftmaxNetwork({ patterns: X, beta }), softmaxNetwork({ patterns: X, beta }), cues, q, 20);
  });

  it('Gaussian patterns and cues (overlaps by the blocked product): identical to softmaxNetwork', () => {
    const rng = createRng('bsoft-gauss');
    const n = 21, m = 130, q = 6;
    const X = gaussianPatterns({ count: m, dim: n }, rng.child('X'));
    const cues = Float64Array.from({ length: q * n }, (_, k) => X.data[(k % n) + n * Math.floor(k / n)]! + 0.5 * rng.normal());
    expectSame(batchedSoftmaxNetwork({ patterns: X, beta: 2 }), softmaxNetwork({ patterns: X, beta: 2 }), cues, q, 30);
  });

  it('refuses bad shapes, non-finite states and beta <= 0 before any work', () => {
    const X = randomBipolar({ count: 4, dim: 5 }, createRng(1));
    expect(() => batchedSoftmaxNetwork({ patterns: X, beta: 0 })).toThrow(/beta/);
    const b = batchedSoftmaxNetwork({ patterns: X, beta: 1 });
    expect(() => b.step(new Float64Array(9), 2)).toThrow(/states/);
    expect(() => b.step(Float64Array.of(1, 1, 1, 1, NaN), 1)).toThrow(/states/);
    expect(() => b.run(new Float64Array(5), 1, { maxSteps: 0 })).toThrow(/maxSteps/);
  });
});

describe('batchedContinuousNetwork', () => {
  it('interpolation network (Exp_beta, Property 4) and the zero-temperature network: identical to the per-query path', () => {
    const rng = createRng('bcont');
    const n = 12, m = 40, q = 5;
    const X = asContinuous(gaussianPatterns({ count: m, dim: n }, rng.child('X')));
    const cues = Float64Array.from({ length: q * n }, (_, k) => X.data[k]! + 0.3 * rng.normal());
    const interp = interpolationNetwork({ patterns: X, kernel: expBeta({ r: 4, beta: 1.5 }) });
    expectSame(batchedContinuousNetwork(interp), interp, cues, q, 15);
    const zero = zeroTemperatureNetwork({ patterns: X, r: 3 });
    const b = batchedContinuousNetwork(zero);
    const s = b.step(cues, q);
    for (let r = 0; r < q; r++) {
      const ref = zero.step(cues.subarray(r * n, (r + 1) * n));
      for (let j = 0; j < n; j++) expect(Object.is(s[r * n + j], ref[j])).toBe(true);
    }
  });
});
