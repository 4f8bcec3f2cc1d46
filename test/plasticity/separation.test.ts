import { describe, expect, it } from 'vitest';
import { continuousPatterns, createRng, gaussianPatterns, linear, polynomial, randomBipolar } from '../../node.js';
import { fit, adatron, kernelAdatron, kernelProblem, passiveAggressive, perceptron, trainCoefficients, type LearningRule } from '../../plasticity/index.js';
import { bruteGram, fieldsFrom } from './helpers.js';

/** Separable with overwhelming probability: M = 30 Gaussian points in n = 40 dimensions (M < n). */
function separableSet(seed: number) {
  const rng = createRng(seed);
  const x = gaussianPatterns({ count: 30, dim: 40 }, rng);
  const y = Array.from({ length: 30 }, () => rng.bipolar());
  return { x, y, gram: bruteGram(x.data, 30, 40, linear()) };
}

const separating: [string, () => LearningRule][] = [
  ['perceptron', () => perceptron()],
  ['perceptron kappa = 5 (feature form)', () => perceptron({ kappa: 5, form: 'feature' })],
  ['PA', () => passiveAggressive()],
  ['PA-I', () => passiveAggressive({ variant: 'PA-I', C: 0.05 })],
  ['PA-II (feature form)', () => passiveAggressive({ variant: 'PA-II', C: 1, form: 'feature' })],
  ['Adatron (feature form)', () => adatron()],
  ['Kernel-Adatron with eta = 1 / max K(x, x)', () => kernelAdatron({ eta: 1 / 80 })],
  ['Kernel-Adatron with bias', () => kernelAdatron({ bias: true })],
];

describe('the online rules separate linearly separable data', () => {
  for (const [label, make] of separating) {
    it(`${label}: converges and every example gets the sign of its label`, () => {
      for (const seed of [1, 2, 3]) {
        const { x, y, gram } = separableSet(seed);
        const rule = make();
        const problem = kernelProblem(x, y, linear(), { bias: rule.options.bias ?? false });
        const state = rule.init(problem);
        fit(rule, problem, state, { maxEpochs: 5000, rng: createRng(seed) });
        expect(state.converged).toBe(true);
        // Fields recomputed independently (bias: a constant feature 1 in the augmented kernel).
        const g = rule.options.bias ? gram.map((v) => v + 1) : gram;
        const h = fieldsFrom(g, y, state.alpha, state.theta, 30);
        for (let mu = 0; mu < 30; mu++) expect(y[mu]! * h[mu]!).toBeGreaterThan(0);
      }
    });
  }

  it('in a recurrent network with a polynomial kernel far above linear capacity (M = 60 = 3N)', () => {
    const x = randomBipolar({ count: 60, dim: 20 }, createRng(9));
    for (const rule of [perceptron(), passiveAggressive({ variant: 'PA-I', C: 1 }), kernelAdatron()]) {
      const result = trainCoefficients(x, polynomial({ degree: 3, c: 1 }), rule, { maxEpochs: 2000, rng: createRng(4) });
      expect(result.reports.every((r) => r.converged && r.separates)).toBe(true);
    }
  });
});

describe('the perceptron on non-separable data', () => {
  it('stops at its epoch limit and reports that it did not converge', () => {
    // Pattern 1 repeats pattern 0 with the opposite label: no w separates them.
    const x = continuousPatterns(Float64Array.of(1, 2, -1, 1, 2, -1, 0.5, 0, 1), { count: 3, dim: 3 });
    const problem = kernelProblem(x, [1, -1, 1], linear());
    const rule = perceptron();
    const state = fit(rule, problem, rule.init(problem), { maxEpochs: 50 });
    expect(state.converged).toBe(false);
    expect(state.epochs).toBe(50);
    expect(state.updates).toBeGreaterThanOrEqual(50);
  });
});
