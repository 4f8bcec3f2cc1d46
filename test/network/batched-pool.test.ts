import { describe, expect, it } from 'vitest';
import { createRng, flipBits, patternRow, polynomial, randomBipolar } from '../../node.js';
import { kernelSpec, buildBatched, type BatchedSpec } from '../../src/network/node/batched-spec.js';
import { batchedRecallPool } from '../../src/network/node/batched-pool.js';

/**
 * Two worker threads on shared memory must return exactly what one thread returns (each query's
 * result depends only on its own row), for each kind of network; the single-thread reference is the
 * same batched code run on this thread over all queries at once.
 */
describe('batchedRecallPool (worker threads, SharedArrayBuffer)', () => {
  const rng = createRng('pool');
  const n = 40, m = 90, q = 11; // q odd: unequal ranges
  const X = randomBipolar({ count: m, dim: n }, rng.child('X'));
  const Y = randomBipolar({ count: m, dim: 17 }, rng.child('Y'));
  const cues = new Int8Array(q * n);
  for (let r = 0; r < q; r++) cues.set(flipBits(patternRow(X, r), 0.25, rng.child(`c${r}`)), r * n);
  const c = rng.child('coef');
  const specs: [string, BatchedSpec, ArrayLike<number>][] = [
    ['recurrent poly3, A = 1', { kind: 'recurrent', patterns: X.data, count: m, dim: n, kernel: kernelSpec(polynomial({ degree: 3 })) }, cues],
    ['recurrent poly3, trained', { kind: 'recurrent', patterns: X.data, count: m, dim: n, kernel: kernelSpec(polynomial({ degree: 3 })), alpha: Float64Array.from({ length: n * m }, () => c.uniform()), theta: Float64Array.from({ length: n }, () => c.normal()), tie: 'keep' }, cues],
    ['feed-forward poly3', { kind: 'feed-forward', inputs: X.data, outputs: Y.data, count: m, dimIn: n, dimOut: 17, kernel: kernelSpec(polynomial({ degree: 3 })) }, Float64Array.from(cues)],
    ['softmax', { kind: 'softmax', patterns: Float64Array.from(X.data), count: m, dim: n, beta: 0.1 }, Float64Array.from(cues)],
  ];
  for (const [name, spec, input] of specs) {
    it(`${name}: 2 workers equal one thread bit for bit (one step and runs to fixed points)`, async () => {
      const one = buildBatched(spec);
      const ref = one.outFloat ? new Float64Array(q * one.outWidth) : new Int8Array(q * one.outWidth);
      one.run((one.inFloat ? Float64Array.from(input) : Int8Array.from(input)), q, ref);
      const pool = await batchedRecallPool(spec, { workers: 2, maxQueries: 16 });
      try {
        const out = await pool.step(input, q);
        expect(out.length).toBe(ref.length);
        for (let k = 0; k < ref.length; k++) if (!Object.is(out[k], ref[k])) expect.fail(`entry ${k}: ${out[k]} vs ${ref[k]}`);
        await expect(pool.step(input, 17)).rejects.toThrow(/q/);
        // Runs to fixed points: the same states, steps and verdicts as one thread's batched run.
        if (one.converge) {
          const states = one.outFloat ? new Float64Array(q * one.outWidth) : new Int8Array(q * one.outWidth);
          const steps = new Int32Array(q);
          const converged = new Uint8Array(q);
          one.converge(one.inFloat ? Float64Array.from(input) : Int8Array.from(input), q, states, { maxSteps: 12 }, steps, converged);
          const pooled = await pool.run(input, q, { maxSteps: 12 });
          for (let k = 0; k < states.length; k++) if (!Object.is(pooled.states[k], states[k])) expect.fail(`run entry ${k}: ${pooled.states[k]} vs ${states[k]}`);
          expect(Array.from(pooled.steps)).toEqual(Array.from(steps));
          expect(Array.from(pooled.converged)).toEqual(Array.from(converged));
          expect(Math.max(...steps)).toBeGreaterThan(1); // the dynamics ran somewhere
        } else {
          await expect(pool.run(input, q, { maxSteps: 3 })).rejects.toThrow(/feed-forward/);
        }
      } finally {
        await pool.close();
      }
    }, 30_000);
  }

  it('refuses bad options and unregistered kernels before starting threads', async () => {
    const spec: BatchedSpec = { kind: 'recurrent', patterns: X.data, count: m, dim: n, kernel: { name: 'polynomial', params: { degree: 3, c: 1 } } };
    await expect(batchedRecallPool(spec, { workers: 0, maxQueries: 4 })).rejects.toThrow(/workers/);
    expect(() => kernelSpec({ ...polynomial({ degree: 2 }), name: 'no-such-kernel' })).toThrow(/kernel/);
  });
});
