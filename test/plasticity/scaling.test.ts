import { describe, expect, it } from 'vitest';
import { createRng, exponential, randomBipolar } from '../../node.js';
import { kernelAdatron, recurrentProblems, train, trainCoefficients } from '../../plasticity/index.js';
import { bruteGram, fieldsFrom } from './helpers.js';

describe('kernels evaluated through logK (exponential) are trained in a scaled feature space', () => {
  const n = 24;
  const m = 40;
  const x = randomBipolar({ count: m, dim: n }, createRng(11));
  const kernel = exponential({ temperature: 2 });

  it('each neuron\'s kernel matrix is divided by exp(logScale) = its largest value (the diagonal here)', () => {
    const problem = recurrentProblems(x, kernel).problem(3);
    expect(problem.logScale).toBeCloseTo((n - 1) / 2, 12);
    const raw = bruteGram(x.data, m, n, kernel, 3);
    for (let k = 0; k < raw.length; k++) expect(problem.gram[k]! * Math.exp(problem.logScale)).toBeCloseTo(raw[k]!, 6);
  });

  it('the reported margin times exp(logScale / 2) is the margin in the true feature space', () => {
    const { alpha, reports } = trainCoefficients(x, kernel, kernelAdatron({ tol: 1e-6 }), { maxEpochs: 5000 });
    for (const i of [0, 7]) {
      const raw = bruteGram(x.data, m, n, kernel, i);
      const y = Array.from({ length: m }, (_, mu) => x.data[mu * n + i]!);
      const a = alpha.subarray(i * m, (i + 1) * m);
      const h = fieldsFrom(raw, y, a, 0, m);
      const w2 = a.reduce((s, v, mu) => s + v * y[mu]! * h[mu]!, 0);
      const trueMargin = Math.min(...h.map((v, mu) => v * y[mu]!)) / Math.sqrt(w2);
      expect(reports[i]!.margin * Math.exp(reports[i]!.logScale / 2)).toBeCloseTo(trueMargin, 6);
    }
  });

  it('train hands a network true-scale coefficients when thresholds are learned (bias: true)', () => {
    let got: { alpha: Float64Array; theta: Float64Array } | null = null;
    const network = { patterns: x, kernel, setCoefficients: (c: { alpha: Float64Array; theta: Float64Array }) => { got = c; } };
    const { reports } = train(network, x, kernelAdatron({ bias: true }), { maxEpochs: 5000 });
    expect(reports.every((r) => r.converged)).toBe(true);
    const { alpha, theta } = got!;
    for (const i of [1, 12]) {
      const raw = bruteGram(x.data, m, n, kernel, i);
      const y = Array.from({ length: m }, (_, mu) => x.data[mu * n + i]!);
      const h = fieldsFrom(raw, y, alpha.subarray(i * m, (i + 1) * m), theta[i]!, m);
      for (let mu = 0; mu < m; mu++) expect(y[mu]! * h[mu]!).toBeGreaterThan(0);
    }
  });
});
