import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenario/run-scenario.js';
import digits from '../../scenarios/digits.js';

// 14 x 14 digits (downsampled 2x): 196 neurons, so every network trains in milliseconds.
const options = {
  seed: 5, trials: 1,
  params: { counts: '6,12', rules: 'hebbian,perceptron,adatron', kernels: 'linear', noise: '0.1', noiseLevels: '0,0.1', cues: '6', downsample: '2', gridImages: '3' },
};

describe('digits scenario (tiny)', () => {
  // Worker-count independence of the data blocks is tested in test/data/blocks.test.ts and with the
  // whole uhn-benchmark scenario; this test runs once to stay fast.
  it('separating rules store every digit; Property 2 holds network by network', async () => {
    const one = await runScenario(digits, { ...options, workers: 1 });
    const { rows, tables } = one.result;
    const row = (rule: string, stored: number) => rows.find((r) => r.rule === rule && r.stored === stored)!;
    for (const rule of ['perceptron', 'adatron']) {
      // Each neuron separates its local problem, so each stored digit is a fixed point (Property 2),
      // and a noise-free cue is already that fixed point.
      expect(row(rule, 12).separatingNeurons).toBe(1);
      expect(row(rule, 12).fixedPoints).toBe(1);
      const clean = tables['noise-sweep']!.find((r) => r.rule === rule && r.noise === 0)!;
      expect(clean.recall).toBe(1);
    }
    // Kernel-Adatron's support vectors are a subset of the stored digits; Hebbian uses them all.
    expect(row('adatron', 12).supportVectors as number).toBeLessThanOrEqual(12);
    expect(row('hebbian', 12).supportVectors).toBe(12);
    const property2 = one.output.checks.find((c) => c.claim.startsWith('kernel view'))!;
    expect(property2.pass).toBe(true);
    expect(one.output.plots.map((p) => p.name)).toEqual(expect.arrayContaining(['recall-vs-count-linear', 'recall-vs-noise-linear', 'support-vectors', 'grid-linear']));
    const grid = one.output.plots.find((p) => p.name === 'grid-linear')!.spec as { facet: { row: { sort: string[] } } };
    expect(grid.facet.row.sort).toEqual(['stored', 'cue (10% flipped)', 'Hebbian (A = 1)', 'perceptron (κ = 0)', 'Kernel-Adatron']);
  });

  it('a bad parameter is a ParameterError before any work', async () => {
    await expect(runScenario(digits, { params: { downsample: '3' } })).rejects.toThrow(/downsample/);
    await expect(runScenario(digits, { params: { rules: 'hopfield' } })).rejects.toThrow(/rules/);
  });
});
