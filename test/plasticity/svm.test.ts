import { describe, expect, it } from 'vitest';
import { createRng, gaussianPatterns, linear, polynomial, randomBipolar } from '../../node.js';
import { fit, kernelAdatron, kernelProblem, minover, neuronReport, recurrentProblems, type LearningRule, type LocalProblem } from '../../plasticity/index.js';
import { bruteForceSvm, bruteGram, fieldsFrom } from './helpers.js';

/** A separable feed-forward problem (Gaussian inputs, random labels, M = 10 < 2n = 12 so most draws separate). */
function gaussianProblem(seed: number): { problem: LocalProblem; gram: Float64Array; y: number[] } {
  const rng = createRng(seed);
  const m = 10;
  const n = 6;
  const x = gaussianPatterns({ count: m, dim: n }, rng);
  const y = Array.from({ length: m }, () => rng.bipolar());
  return { problem: kernelProblem(x, y, linear()), gram: bruteGram(x.data, m, n, linear()), y };
}

function fitted(rule: LearningRule, problem: LocalProblem, maxEpochs: number) {
  const state = rule.init(problem);
  fit(rule, problem, state, { maxEpochs, rng: createRng(5) });
  return state;
}

describe('max-margin rules reach the hard-margin SVM (Eq. 3) found independently by active-set enumeration', () => {
  const cases = Array.from({ length: 14 }, (_, k) => 11 + k).map((seed) => ({ seed, ...gaussianProblem(seed) }));
  // Skip the (few) draws that are not separable: the brute-force solver finds no KKT point.
  const separable = cases.filter((c) => { try { bruteForceSvm(c.gram, c.y, 10); return true; } catch { return false; } });

  it('has enough separable draws to test', () => {
    expect(separable.length).toBeGreaterThanOrEqual(6);
  });

  it('Kernel-Adatron: KKT conditions hold to 1e-6 and the margin matches to 1e-3 relative', () => {
    for (const c of separable) {
      const reference = bruteForceSvm(c.gram, c.y, 10);
      const state = fitted(kernelAdatron({ tol: 1e-6 }), c.problem, 100_000);
      expect(state.converged).toBe(true);
      const h = fieldsFrom(c.gram, c.y, state.alpha, 0, 10);
      for (let mu = 0; mu < 10; mu++) {
        const yh = c.y[mu]! * h[mu]!;
        expect(yh).toBeGreaterThanOrEqual(1 - 1e-6 - 1e-9);
        if (state.alpha[mu]! > 0) expect(Math.abs(yh - 1)).toBeLessThanOrEqual(1e-6 + 1e-9);
        expect(state.alpha[mu]!).toBeGreaterThanOrEqual(0);
      }
      const margin = neuronReport(c.problem, state, 0).margin;
      expect(Math.abs(margin - reference.margin) / reference.margin).toBeLessThan(1e-3);
      // Same support vectors as the exact solution.
      for (let mu = 0; mu < 10; mu++) expect(state.alpha[mu]! > 1e-4).toBe(reference.alpha[mu]! > 1e-4);
    }
  });

  it('MinOver: the duality gap (weighted KKT) closes to 1e-4 and the margin matches to 1e-3 relative', () => {
    for (const c of separable) {
      const reference = bruteForceSvm(c.gram, c.y, 10);
      const state = fitted(minover({ tol: 1e-4 }), c.problem, 1_000_000);
      expect(state.converged).toBe(true);
      const h = fieldsFrom(c.gram, c.y, state.alpha, 0, 10);
      const yh = h.map((v, mu) => v * c.y[mu]!);
      const scale = 1 / Math.min(...yh); // canonical SVM scale: min y h = 1
      const a = Array.from(state.alpha, (v) => v * scale);
      // gap = sum_mu a^mu (y h^mu scale - 1) >= 0, zero exactly at the KKT point; relative to ||w||^2.
      const w2 = a.reduce((s, v, mu) => s + v * yh[mu]! * scale, 0);
      const gap = a.reduce((s, v, mu) => s + v * (yh[mu]! * scale - 1), 0);
      expect(gap / w2).toBeLessThan(1e-4);
      const margin = neuronReport(c.problem, state, 0).margin;
      expect(Math.abs(margin - reference.margin) / reference.margin).toBeLessThan(1e-3);
    }
  });

  it('on a recurrent neuron with a polynomial kernel (component i removed), both match the independent SVM', () => {
    const kernel = polynomial({ degree: 2, c: 1 });
    const x = randomBipolar({ count: 10, dim: 5 }, createRng(21));
    const source = recurrentProblems(x, kernel);
    for (const i of [0, 3]) {
      const problem = source.problem(i);
      const y = Array.from({ length: 10 }, (_, mu) => x.data[mu * 5 + i]!);
      const gram = bruteGram(x.data, 10, 5, kernel, i);
      expect(Array.from(problem.gram)).toEqual(Array.from(gram));
      let reference: { margin: number };
      try { reference = bruteForceSvm(gram, y, 10); } catch { continue; }
      for (const rule of [kernelAdatron({ tol: 1e-7 }), minover({ tol: 1e-5 })]) {
        const state = fitted(rule, problem, 1_000_000);
        expect(state.converged).toBe(true);
        const margin = neuronReport(problem, state, i).margin;
        expect(Math.abs(margin - reference.margin) / reference.margin).toBeLessThan(1e-3);
      }
    }
  });
});
