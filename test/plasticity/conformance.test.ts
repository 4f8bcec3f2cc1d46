import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KmnError, createRng, gaussianPatterns, linear, randomBipolar } from '../../node.js';
import * as plasticity from '../../plasticity/index.js';
import {
  cloneState, createRule, fit, kernelProblem, neuronReport, registerRule, ruleEntry, ruleFromSpec, ruleJsonSchema, ruleNames, ruleSpec,
  trainCoefficients, type LearningRule, type LocalProblem, type NeuronState,
} from '../../plasticity/index.js';
import { logistic, logisticSchema } from './fixtures/logistic-rule.js';
import { fieldsFrom } from './helpers.js';

// The user-defined rule of docs/custom-rule.md joins the registry, so the suite runs over it too.
registerRule({ name: 'logistic', description: 'kernel logistic regression (docs/custom-rule.md)', schema: logisticSchema, create: (o) => logistic(o) });
const factories: Record<string, unknown> = { ...plasticity, logistic };

/** An easy problem every rule must solve: M = 6 Gaussian points in n = 100 dimensions (near-orthogonal). */
function easyProblem(seed: number): LocalProblem {
  const rng = createRng(seed);
  const x = gaussianPatterns({ count: 6, dim: 100 }, rng);
  const y = [1, -1, 1, 1, -1, -1];
  return kernelProblem(x, y, linear());
}

/** Everything a state holds, as plain numbers, for exact comparison. */
function plain(state: NeuronState): unknown {
  return { alpha: Array.from(state.alpha), theta: state.theta, field: Array.from(state.field), w: state.w ? Array.from(state.w) : null, aux: Array.from(state.aux), epochs: state.epochs, updates: state.updates, converged: state.converged };
}

/** Everything a problem holds, copied, to check that training leaves it alone. */
function snapshot(problem: LocalProblem): unknown {
  return { ...problem, labels: Array.from(problem.labels), gram: Array.from(problem.gram), diag: Array.from(problem.diag), features: problem.features ? Array.from(problem.features.data) : null };
}

describe('conformance: every registered learning rule honours the LearningRule contract (after scikit-learn\'s common checks)', () => {
  it('the registry holds the built-in rules and the documented custom rule, each under its factory\'s name', () => {
    expect(ruleNames()).toEqual(['adatron', 'centredHebbian', 'hebbian', 'kernelAdatron', 'logistic', 'minover', 'passiveAggressive', 'perceptron', 'pseudoinverse']);
  });

  for (const name of ruleNames()) {
    describe(name, () => {
      const make = (options: object = {}): LearningRule => createRule(name, options);

      it('its registry name, its factory\'s name and its rule name agree; options are complete, frozen and plain data', () => {
        const rule = make();
        expect(rule.name).toBe(name);
        const factory = factories[name];
        expect(typeof factory).toBe('function');
        expect((factory as (o?: object) => LearningRule)().name).toBe(name);
        expect(Object.isFrozen(rule.options)).toBe(true);
        expect(['kernel', 'feature']).toContain(rule.form);
        // Round trip through JSON gives an equal rule (the hyperparameters half of a saved network).
        const again = ruleFromSpec(JSON.parse(JSON.stringify(ruleSpec(rule))));
        expect(again.name).toBe(name);
        expect(again.options).toEqual(rule.options);
      });

      it('one options system: the JSON Schema documents every option, and its defaults are the rule\'s defaults', () => {
        const schema = ruleJsonSchema(name) as { properties: Record<string, { description?: string; default?: unknown }>; additionalProperties: boolean };
        expect(schema.additionalProperties).toBe(false);
        const options = make().options as Record<string, unknown>;
        for (const [key, property] of Object.entries(schema.properties)) {
          expect(property.description, `${name}.${key} has help text`).toBeTruthy();
          if ('default' in property) expect(options[key]).toEqual(property.default);
        }
        for (const key of Object.keys(options)) expect(Object.keys(schema.properties)).toContain(key);
        expect(ruleEntry(name)!.schema).toBeDefined();
        let error: unknown;
        try { make({ notAnOption: 1 }); } catch (e) { error = e; }
        expect(error).toBeInstanceOf(KmnError);
        expect((error as KmnError).parameter).toBe(`${name}.notAnOption`);
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

      it('fitSelected (if declared) equals its select/partialFit loop bit for bit, and the driver\'s fused epochs equal interleaved ones', () => {
        const rule = make();
        if (!rule.fitSelected) {
          expect(rule.fitSelected).toBeUndefined();
          return;
        }
        expect(rule.select).toBeDefined();
        // A harder problem than easyProblem (M = 40 Gaussian points in 30 dimensions, random
        // labels), so the selected examples change from step to step and ties are rare.
        const rng = createRng(21);
        const x = gaussianPatterns({ count: 40, dim: 30 }, rng);
        const problem = kernelProblem(x, Array.from({ length: 40 }, () => (rng.uniform() < 0.5 ? -1 : 1)), linear());
        const fused = rule.init(problem);
        const plainLoop = rule.init(problem);
        let changed = 0;
        for (let t = 0; t < 137; t++) if (rule.partialFit(problem, plainLoop, rule.select!(problem, plainLoop))) changed++;
        expect(rule.fitSelected(problem, fused, 137)).toBe(changed);
        expect(plain(fused)).toEqual(plain(plainLoop));
        // The driver: with no listener it runs fused epochs; a listener forces interleaved presentations.
        const a = fit(rule, problem, rule.init(problem), { maxEpochs: 7, rng: createRng(22) });
        const b = fit(rule, problem, rule.init(problem), { maxEpochs: 7, rng: createRng(22), listener: () => true });
        expect(plain(a)).toEqual(plain(b));
      });

      it('the driver converges on an easy problem, separates it, and leaves fresh fields and a finite report', () => {
        for (const online of [false, true]) {
          const problem = easyProblem(4);
          const rule = make();
          const state = fit(rule, problem, rule.init(problem), { maxEpochs: 10_000, rng: createRng(5), online });
          expect(state.converged).toBe(true);
          const h = fieldsFrom(problem.gram, problem.labels, state.alpha, state.theta, 6);
          for (let k = 0; k < 6; k++) {
            expect(state.field[k]!).toBeCloseTo(h[k]!, 8);
            expect(problem.labels[k]! * h[k]!).toBeGreaterThan(0);
          }
          const report = neuronReport(problem, state, 0);
          expect(report.separates).toBe(true);
          expect(Number.isFinite(report.margin) && report.margin > 0).toBe(true);
        }
      });

      it('fitting changes neither the problem nor the hyperparameters', () => {
        const problem = easyProblem(6);
        const rule = make();
        const before = snapshot(problem);
        const options = JSON.stringify(rule.options);
        fit(rule, problem, rule.init(problem), { rng: createRng(7) });
        fit(rule, problem, rule.init(problem), { rng: createRng(7), online: true });
        expect(snapshot(problem)).toEqual(before);
        expect(JSON.stringify(rule.options)).toBe(options);
      });

      it('the state moves between equal rule objects: training continued by a second object equals training continued by the first', () => {
        const problem = easyProblem(8);
        const a = make();
        const b = make();
        expect(plain(b.init(problem))).toEqual(plain(a.init(problem)));
        const start = fit(a, problem, a.init(problem), { maxEpochs: 1, rng: createRng(9), online: true });
        // Single presentations of the second half, by each object in turn, on copies of the same state.
        const byA = cloneState(start);
        const byB = cloneState(start);
        for (const mu of [3, 4, 5, 0]) {
          a.partialFit(problem, byA, a.select ? a.select(problem, byA) : mu);
          b.partialFit(problem, byB, b.select ? b.select(problem, byB) : mu);
        }
        expect(plain(byB)).toEqual(plain(byA));
        fit(a, problem, byA, { rng: createRng(10) });
        fit(b, problem, byB, { rng: createRng(10) });
        expect(plain(byB)).toEqual(plain(byA));
      });

      it('the state is plain data: through JSON (typed arrays as number lists) it continues training exactly as the original', () => {
        const problem = easyProblem(14);
        const rule = make();
        const start = fit(rule, problem, rule.init(problem), { maxEpochs: 1, rng: createRng(15), online: true });
        const json = JSON.parse(JSON.stringify(start, (_k, v: unknown) => (v instanceof Float64Array ? Array.from(v) : v))) as Record<string, unknown>;
        const restored = Object.fromEntries(Object.entries(json).map(([k, v]) => [k, Array.isArray(v) ? Float64Array.from(v as number[]) : v])) as unknown as NeuronState;
        expect(Object.keys(restored).sort()).toEqual(Object.keys(start).sort());
        const again = make();
        fit(rule, problem, start, { rng: createRng(16), online: true });
        fit(again, problem, restored, { rng: createRng(16), online: true });
        expect(plain(restored)).toEqual(plain(start));
      });

      it('partial fits equal one fit: 2 epochs and then the rest equal one call, bit for bit; a curriculum equals its partialFit loop', () => {
        const problem = easyProblem(11);
        const rule = make();
        const once = fit(rule, problem, rule.init(problem), { maxEpochs: 5000, rng: createRng(12), online: true });
        const rng = createRng(12);
        const split = fit(rule, problem, rule.init(problem), { maxEpochs: 2, rng, online: true });
        fit(rule, problem, split, { maxEpochs: 4998, rng, online: true });
        expect(plain(split)).toEqual(plain(once));
        const sequence = [5, 0, 0, 3, 1];
        const curriculum = fit(rule, problem, rule.init(problem), { sequence });
        const manual = rule.init(problem);
        for (const mu of sequence) rule.partialFit(problem, manual, rule.select ? rule.select(problem, manual) : mu);
        expect(Array.from(curriculum.alpha)).toEqual(Array.from(manual.alpha));
        expect(curriculum.theta).toBe(manual.theta);
        if (rule.solve) {
          // A closed form is idempotent: solving a solved state again changes nothing.
          const solved = fit(rule, problem);
          const again = cloneState(solved);
          rule.solve(problem, again);
          expect(Array.from(again.alpha)).toEqual(Array.from(solved.alpha));
          expect(again.theta).toBe(solved.theta);
        }
      });

      it('is deterministic for a given rng seed, and a converged state needs no more epochs', () => {
        const problem = easyProblem(13);
        const rule = make();
        const a = fit(rule, problem, rule.init(problem), { rng: createRng(7), online: true });
        const b = fit(rule, problem, rule.init(problem), { rng: createRng(7), online: true });
        expect(plain(a)).toEqual(plain(b));
        const epochs = a.epochs;
        fit(rule, problem, a, { rng: createRng(8), online: true });
        fit(rule, problem, a, { rng: createRng(8) });
        expect(a.epochs).toBe(epochs);
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
      .replace("from '../../../index.js'", "from 'kmn'");
    expect(doc).toContain(source.trim());
  });
});
