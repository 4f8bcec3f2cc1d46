import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenario/run-scenario.js';
import { createRng, flipBits, kernelAdatron, linear, patternRow, recurrentNetwork, train } from '../../node.js';
import { shuffledBlocks } from '../../src/data/blocks.js';
import { selectPatterns } from '../../src/data/image-patterns.js';
import { loadMnist } from '../../src/data/node/mnist.js';
import { binarise } from '../../src/data/transforms.js';
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

  it('the margin bound: with every normalised margin above 2 sqrt(d), every cue with d flipped bits falls back to its digit', () => {
    const B = binarise(loadMnist({ perDigit: 20 }));
    const [block] = shuffledBlocks(B.count, { blocks: 1, size: 10 }, createRng(4).child('blocks'));
    const X = selectPatterns(B, block!);
    const net = recurrentNetwork({ patterns: X, kernel: linear() });
    const { reports } = train(net, X, kernelAdatron({ tol: 1e-3 }), { rng: createRng(1), maxEpochs: 2000 });
    const kappa = Math.min(...reports.map((r) => r.margin));
    // |change of a field| <= 2 sum_{flipped j} |w_j| <= 2 sqrt(d) ||w|| (Cauchy-Schwarz): signs hold for d < kappa^2 / 4
    const d = Math.ceil(kappa ** 2 / 4) - 1;
    expect(d).toBeGreaterThanOrEqual(2); // 784 neurons, 10 digits: a margin of a few units
    const rng = createRng(2);
    for (let mu = 0; mu < X.count; mu++) {
      const xi = patternRow(X, mu);
      for (let t = 0; t < 5; t++) {
        const { state } = net.run(flipBits(xi, d / X.dim, rng), { schedule: 'random-permutation', rng, maxSweeps: 20 });
        expect(Array.from(state)).toEqual(Array.from(xi));
      }
    }
  });

  it('a bad parameter is a ParameterError before any work', async () => {
    await expect(runScenario(digits, { params: { downsample: '3' } })).rejects.toThrow(/downsample/);
    await expect(runScenario(digits, { params: { rules: 'hopfield' } })).rejects.toThrow(/rules/);
  });
});
