import { describe, expect, it } from 'vitest';
import { createRng, exponential, linear, polynomial, randomBipolar } from '../../node.js';
import { fit, pseudoinverse, recurrentProblems, trainCoefficients } from '../../plasticity/index.js';
import { bruteGram, fieldsFrom, runAsynchronous } from './helpers.js';

describe('pseudoinverse / least-squares SVM (K c = y)', () => {
  const cases = [
    { label: 'linear kernel, M = 60 < N - 1 = 79', kernel: linear(), n: 80, m: 60 },
    { label: 'polynomial kernel (h + 1)^2, M = 120 > N', kernel: polynomial({ degree: 2, c: 1 }), n: 30, m: 120 },
    { label: 'exponential kernel, T = 4 (scaled Gram)', kernel: exponential({ temperature: 4 }), n: 40, m: 50 },
  ];
  for (const { label, kernel, n, m } of cases) {
    it(`${label}: fields equal the labels on every pattern, so every pattern is an exact fixed point`, () => {
      const x = randomBipolar({ count: m, dim: n }, createRng(`pinv-${n}-${m}`));
      const { alpha, theta, reports } = trainCoefficients(x, kernel, pseudoinverse());
      expect(reports.every((r) => r.converged)).toBe(true);
      for (const i of [0, Math.floor(n / 2), n - 1]) {
        // Independent check of y h = 1 with the kernel matrix built pair by pair (scaled like the rule's).
        const raw = kernel.kind === 'inner-product' && kernel.logK ? null : bruteGram(x.data, m, n, kernel, i);
        const gram = raw ?? bruteGram(x.data, m, n, { ...kernel, k: (h: number) => Math.exp(kernel.logK!(h) - kernel.logK!(n - 1)) }, i);
        const y = Array.from({ length: m }, (_, mu) => x.data[mu * n + i]!);
        const h = fieldsFrom(gram, y, alpha.subarray(i * m, (i + 1) * m), theta[i]!, m);
        for (let mu = 0; mu < m; mu++) expect(h[mu]! * y[mu]!).toBeCloseTo(1, 6);
      }
      if (kernel.logK) return; // the brute-force dynamics evaluate k itself; fields above suffice
      for (const mu of [0, m - 1]) {
        const cue = x.data.subarray(mu * n, (mu + 1) * n);
        const run = runAsynchronous(x, kernel, alpha, theta, cue, 2, (k) => createRng(mu).permutation(k));
        expect(run.fixed).toBe(true);
        expect(run.flips).toBe(0);
      }
    });
  }

  it('alpha may be negative: it is an interpolant, not a max-margin solution', () => {
    const x = randomBipolar({ count: 60, dim: 80 }, createRng(2));
    const { alpha } = trainCoefficients(x, linear(), pseudoinverse());
    expect(alpha.some((v) => v < 0)).toBe(true);
  });

  it('the online Kaczmarz step converges to the closed form', () => {
    const x = randomBipolar({ count: 20, dim: 40 }, createRng(3));
    const problem = recurrentProblems(x, linear()).problem(5);
    const rule = pseudoinverse({ tol: 1e-9 });
    const closed = fit(rule, problem, rule.init(problem));
    const online = rule.init(problem);
    for (let epoch = 0; epoch < 2000 && !rule.isConverged(problem, online); epoch++) {
      for (let mu = 0; mu < 20; mu++) rule.partialFit(problem, online, mu);
    }
    for (let mu = 0; mu < 20; mu++) expect(online.alpha[mu]!).toBeCloseTo(closed.alpha[mu]!, 6);
  });
});
