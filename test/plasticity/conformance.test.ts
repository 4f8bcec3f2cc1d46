import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng, gaussianPatterns, linear, randomBipolar } from '../../src/index.js';
import { createRule, kernelProblem, neuronReport, registerRule, ruleNames, trainCoefficients, type LearningRule } from '../../plasticity/index.js';
import { logistic } from './fixtures/logistic-rule.js';
import { fieldsFrom } from './helpers.js';

// The user-defined rule of docs/custom-rule.md joins the registry, so the suite runs over it too.
registerRule({ name: 'logistic', description: 'kernel logistic regression (docs/custom-rule.md)', create: (o) => logistic(o) });

/** An easy problem every rule must solve: M = 6 Gaussian points in n = 100 dimensions (near-orthogonal). */
function easyProblem(seed: number) {
  const rng = createRng(seed);
  const x = gaussianPatterns({ count: 6, dim: 100 }, rng);
  const y = [1, -1, 1, 1, -1, -1];
  return kernelProblem(x, y, linear());
}

describe('conformance: every registered learning rule honours the LearningRule contract', () => {
  it('covers the built-in rules and the documented custom rule', () => {
    expect(ruleNames()).toEqual(['adatron', 'adatron-feature', 'hebbian', 'logistic', 'minover', 'pa', 'perceptron', 'pseudoinverse']);
  });

  for (const name of ['adatron', 'adatron-feature', 'hebbian', 'logistic', 'minover', 'pa', 'perceptron', 'pseudoinverse']) {
    describe(name, () => {
      const make = (): LearningRule => createRule(name);

      it('has its registry name, frozen hyperparameters and a valid form', () => {
        const rule = make();
        expect(rule.name).toBe(name);
        expect(Object.isFrozen(rule.options)).toBe(true);
        expect(['kernel', 'feature']).toContain(rule.form);
      });

      it('starts from an explicit, empty state', () => {
        const problem = easyProblem(1);
        const state = make().init(problem);
        expect(state.alpha).toHaveLength(6);
        expect(state.field).toHaveLength(6);
        expect([state.epochs, state.updates, state.converged]).toEqual([0, 0, false]);
        expect(Array.from(state.alpha).every((v) => v === 0)).toBe(true);
        expect(state.w !== undefined).toBe(make().form === 'feature');
      });

      it('partialFit keeps the fields equal to sum_nu alpha^nu y^nu K[nu, mu] - theta (kernel form), or the presented field current (feature form)', () => {
        const problem = easyProblem(2);
        const rule = make();
        const state = rule.init(problem);
        const rng = createRng(3);
        for (let t = 0; t < 20; t++) {
          const mu = rule.select ? rule.select(problem, state) : rng.int(6);
          const before = Float64Array.from(state.alpha);
          const changed = rule.partialFit(problem, state, mu);
          expect(changed).toBe(before.some((v, k) => v !== state.alpha[k]));
          const h = fieldsFrom(problem.gram, problem.labels, state.alpha, state.theta, 6);
          const scale = 1 + Math.max(...Array.from(h, Math.abs));
          if (rule.form === 'kernel') for (let k = 0; k < 6; k++) expect(Math.abs(state.field[k]! - h[k]!) / scale).toBeLessThan(1e-10);
          else expect(Math.abs(state.field[mu]! - h[mu]!) / scale).toBeLessThan(1e-10);
        }
      });

      it('fit converges on an easy problem, separates it, and leaves fresh fields and a finite report', () => {
        const problem = easyProblem(4);
        const rule = make();
        const state = rule.fit(problem, rule.init(problem), { maxEpochs: 10_000, rng: createRng(5) });
        expect(state.converged).toBe(true);
        expect(state.epochs).toBeLessThanOrEqual(10_000);
        const h = fieldsFrom(problem.gram, problem.labels, state.alpha, state.theta, 6);
        for (let k = 0; k < 6; k++) {
          expect(state.field[k]!).toBeCloseTo(h[k]!, 8);
          expect(problem.labels[k]! * h[k]!).toBeGreaterThan(0);
        }
        const report = neuronReport(problem, state, 0);
        expect(report.separates).toBe(true);
        expect(Number.isFinite(report.margin) && report.margin > 0).toBe(true);
      });

      it('is deterministic for a given rng seed, and a converged state needs no more epochs', () => {
        const problem = easyProblem(6);
        const rule = make();
        const a = rule.fit(problem, rule.init(problem), { rng: createRng(7) });
        const b = rule.fit(problem, rule.init(problem), { rng: createRng(7) });
        expect(Array.from(a.alpha)).toEqual(Array.from(b.alpha));
        const epochs = a.epochs;
        if (name !== 'hebbian' && name !== 'pseudoinverse') {
          rule.fit(problem, a, { rng: createRng(8) });
          expect(a.epochs).toBe(epochs);
        }
      });

      it('trains a whole recurrent network with one report per neuron', () => {
        const x = randomBipolar({ count: 4, dim: 60 }, createRng(9));
        const { alpha, theta, reports } = trainCoefficients(x, linear(), make(), { rng: createRng(10) });
        expect(alpha).toHaveLength(240);
        expect(theta).toHaveLength(60);
        expect(reports.map((r) => r.neuron)).toEqual(Array.from({ length: 60 }, (_, i) => i));
        expect(reports.every((r) => r.converged && r.separates)).toBe(true);
      });
    });
  }
});

describe('docs/custom-rule.md', () => {
  it('shows the logistic rule exactly as the suite runs it', () => {
    const doc = readFileSync(new URL('../../docs/custom-rule.md', import.meta.url), 'utf8');
    const source = readFileSync(new URL('./fixtures/logistic-rule.ts', import.meta.url), 'utf8')
      .replace("from '../../../src/index.js'", "from 'kmn'");
    expect(doc).toContain(source.trim());
  });
});
