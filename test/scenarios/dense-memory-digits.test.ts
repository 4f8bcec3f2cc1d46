import { describe, expect, it } from 'vitest';
import { ParameterError, createRng, runScenario } from '../../node.js';
import denseMemoryDigits from '../../scenarios/dense-memory-digits.js';
import { shuffledBlocks } from '../../src/data/blocks.js';
import { loadMnist } from '../../src/data/node/mnist.js';

const small = { degrees: '2,20', train: '300', test: '200', memories: '16', epochs: '8', batchSize: '10', gridMemories: '4', checkpoints: '2' };

describe('dense-memory-digits scenario (small size)', () => {
  it('baselines match plain loops, the McNemar check reads the paired counts, and prototype-ness grows with n', async () => {
    const { result, output } = await runScenario(denseMemoryDigits, { seed: 2, params: small });
    expect(result.rows.map((r) => r.n)).toEqual([2, 20]);

    // Independent baselines on the same subset: one seeded shuffle (dataSeed 0), 300 + 200 digits.
    const digits = loadMnist();
    const [order] = shuffledBlocks(digits.count, { blocks: 1, size: 500 }, createRng(0).child('dense-memory-digits'));
    const pix = (s: number, i: number): number => 2 * digits.data[order![s]! * 784 + i]! - 1;
    const label = (s: number): number => digits.labels![order![s]!]!;
    let nnWrong = 0;
    let meanWrong = 0;
    const means = Array.from({ length: 10 }, () => new Float64Array(784));
    const counts = new Array<number>(10).fill(0);
    for (let s = 0; s < 300; s++) {
      counts[label(s)]!++;
      for (let i = 0; i < 784; i++) means[label(s)]![i]! += pix(s, i);
    }
    means.forEach((m, c) => m.forEach((v, i) => (m[i] = v / counts[c]!)));
    for (let q = 300; q < 500; q++) {
      let best = -1;
      let bestD = Infinity;
      for (let s = 0; s < 300; s++) {
        let d = 0;
        for (let i = 0; i < 784; i++) d += (pix(s, i) - pix(q, i)) ** 2;
        if (d < bestD) { bestD = d; best = s; }
      }
      if (label(best) !== label(q)) nnWrong++;
      const dist = means.map((m) => m.reduce((a, v, i) => a + (v - pix(q, i)) ** 2, 0));
      if (dist.indexOf(Math.min(...dist)) !== label(q)) meanWrong++;
    }
    const bestBaseline = Math.min(nnWrong, meanWrong, ...result.rows.map((r) => Math.round((r.oneShotError as number) * 200))) / 200;
    for (const row of result.rows) expect(row.bestBaselineError).toBeCloseTo(Math.min(bestBaseline, row.oneShotError as number), 12);

    for (const row of result.rows) {
      expect(row.testErrorLo as number).toBeLessThanOrEqual(row.testError as number);
      expect(row.testErrorHi as number).toBeGreaterThanOrEqual(row.testError as number);
      // McNemar z from the discordant counts of the (single) trial.
      const b = row.mcnemarB as number;
      const c = row.mcnemarC as number;
      expect(row.mcnemarZ).toBeCloseTo((b - c) / Math.sqrt(b + c), 12);
    }
    // The checks at the notebook's degree n = 20 read the z against each Hebbian / one-shot baseline
    // (1-NN is reported, not checked).
    const reference = output.checks.filter((c) => c.claim.startsWith('n = 20'));
    expect(reference.map((c) => c.pass)).toEqual(['zClassMean', 'zOneShot'].map((key) => (result.rows[1]![key] as number) > 2));
    // Prototype-ness is a property of the learned pixels: memories start as i.i.d. noise
    // (correlation with any class mean ~ 1 / sqrt(784) = 0.04), and after training the n = 20
    // memories resemble class means much more than the n = 2 ones.
    expect(result.rows[1]!.correlation as number).toBeGreaterThan((result.rows[0]!.correlation as number) + 0.1);
    const proto = output.checks.find((c) => c.claim.startsWith('memories turn from features into prototypes'))!;
    expect(proto.pass).toBe(true);
    expect(output.plots.map((p) => p.name)).toEqual(['test-error-vs-degree', 'prototype-vs-degree', 'training-curves', 'memories-n2', 'memories-n20']);
    const grid = output.plots.find((p) => p.name === 'memories-n20')!.spec as { data: { values: unknown[] } };
    expect(grid.data.values.length).toBe(4 * 784);
    expect(result.tables.curves!.length).toBe(2 * 2);
  });

  it('rejects a subset larger than the digits available, before any work', async () => {
    await expect(runScenario(denseMemoryDigits, { seed: 1, params: { train: '9000', test: '2000' } })).rejects.toThrow(ParameterError);
  });
});
