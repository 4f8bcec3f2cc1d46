import { describe, expect, it } from 'vitest';
import { InvalidValueError, KmnError, NotBipolarError, ParameterError, RegistryError, ShapeError, SingularMatrixError, continuousPatterns, createRng, exponential, gaussianPatterns, linear, randomBipolar } from '../../node.js';
import { fit, adatron, centredHebbian, createRule, hebbian, perceptronSchema, kernelAdatron, kernelProblem, localProblem, minover, passiveAggressive, perceptron, pseudoinverse, registerRule, train, trainCoefficients, trainFeedForward, trainingSession, recurrentProblems } from '../../plasticity/index.js';

function thrown(fn: () => unknown): KmnError {
  try { fn(); } catch (e) { return e as KmnError; }
  throw new Error('expected a KmnError');
}

describe('bad input gives typed errors that name the parameter', () => {
  const x = gaussianPatterns({ count: 4, dim: 3 }, createRng(1));

  it('labels not +/-1', () => {
    for (const labels of [[1, 0, -1, 1], [1, 2, -1, 1], [1, Number.NaN, -1, 1]]) {
      const e = thrown(() => kernelProblem(x, labels, linear()));
      expect(e).toBeInstanceOf(NotBipolarError);
      expect(e.parameter).toBe('labels');
    }
    const e = thrown(() => trainCoefficients(x, linear(), perceptron()));
    expect(e).toBeInstanceOf(NotBipolarError);
    expect(e.parameter).toBe('patterns');
  });

  it('mismatched sizes', () => {
    expect(thrown(() => kernelProblem(x, [1, -1, 1], linear()))).toMatchObject({ parameter: 'labels', code: 'shape' });
    expect(thrown(() => localProblem({ gram: new Float64Array(9), labels: [1, -1] }))).toMatchObject({ parameter: 'gram', code: 'shape' });
    const out = randomBipolar({ count: 5, dim: 2 }, createRng(2));
    expect(thrown(() => trainFeedForward(x, out, linear(), perceptron()))).toBeInstanceOf(ShapeError);
    const net = { patterns: randomBipolar({ count: 4, dim: 6 }, createRng(3)), kernel: linear(), setCoefficients: () => undefined };
    expect(thrown(() => train(net, randomBipolar({ count: 5, dim: 6 }, createRng(3)), perceptron()))).toMatchObject({ parameter: 'patterns', code: 'shape' });
  });

  it('NaN in a kernel matrix', () => {
    expect(thrown(() => localProblem({ gram: Float64Array.of(1, Number.NaN, Number.NaN, 1), labels: [1, -1] }))).toMatchObject({ parameter: 'gram', code: 'invalid-value' });
  });

  it('C <= 0 (and a non-finite C)', () => {
    for (const C of [0, -1, Number.NaN, Infinity]) {
      const e = thrown(() => passiveAggressive({ variant: 'PA-I', C }));
      expect(e).toBeInstanceOf(InvalidValueError);
      expect(e.parameter).toBe('passiveAggressive.C');
    }
    expect(thrown(() => passiveAggressive({ variant: 'PA-III' as never }))).toMatchObject({ parameter: 'passiveAggressive.variant' });
  });

  it('a learning rate above the stable bound 2 / K(x, x), or not positive', () => {
    const problem = kernelProblem(x, [1, -1, 1, -1], linear());
    const maxDiag = Math.max(...problem.diag);
    const e = thrown(() => kernelAdatron({ eta: 2.5 / maxDiag }).init(problem));
    expect(e).toBeInstanceOf(InvalidValueError);
    expect(e.parameter).toBe('kernelAdatron.eta');
    expect(e.message).toMatch(/2 \/ max K\(x, x\)/);
    expect(() => kernelAdatron({ eta: 1.9 / maxDiag }).init(problem)).not.toThrow();
    expect(thrown(() => kernelAdatron({ eta: -1 }))).toMatchObject({ parameter: 'kernelAdatron.eta' });
    expect(thrown(() => adatron({ eta: 0 }))).toMatchObject({ parameter: 'adatron.eta' });
  });

  it('other hyperparameters (named <rule>.<option>): kappa < 0, tol <= 0, sparseness outside (0, 1), unknown keys, maxEpochs', () => {
    expect(thrown(() => perceptron({ kappa: -1 }))).toMatchObject({ parameter: 'perceptron.kappa' });
    expect(thrown(() => minover({ tol: 0 }))).toMatchObject({ parameter: 'minover.tol' });
    for (const sparseness of [1.5, 0, 1, Number.NaN]) expect(thrown(() => centredHebbian({ sparseness }))).toMatchObject({ parameter: 'centredHebbian.sparseness', code: 'invalid-value' });
    // The classical rule has no sparseness: passing one is an error that points to the centred rule.
    const classical = thrown(() => hebbian({ sparseness: 0.1 } as never));
    expect(classical).toMatchObject({ parameter: 'hebbian.sparseness' });
    expect(classical.fix).toMatch(/centredHebbian/);
    expect(thrown(() => perceptron({ kapa: 1 } as never))).toMatchObject({ parameter: 'perceptron.kapa', code: 'parameter' });
    const problem = kernelProblem(x, [1, -1, 1, -1], linear());
    for (const maxEpochs of [0, 1.5, -3, Number.NaN]) expect(thrown(() => fit(perceptron(), problem, undefined, { maxEpochs }))).toMatchObject({ parameter: 'maxEpochs' });
  });

  it('maxEpochs: 1e9 on an inseparable problem is refused at once, before any state changes', () => {
    // Two identical inputs with opposite labels can never be separated: without the bound this would run 1e9 epochs.
    const dup = continuousPatterns(Float64Array.of(1, 2, 1, 2), { count: 2, dim: 2 });
    const problem = kernelProblem(dup, [1, -1], linear());
    const rule = perceptron();
    const state = rule.init(problem);
    const started = Date.now();
    expect(thrown(() => fit(rule, problem, state, { maxEpochs: 1e9 }))).toMatchObject({ parameter: 'maxEpochs', code: 'invalid-value' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect([state.epochs, state.updates, ...state.alpha]).toEqual([0, 0, 0, 0]);
    // An allowed limit runs to its end and reports the problem unconverged.
    fit(rule, problem, state, { maxEpochs: 10_000 });
    expect([state.epochs, state.converged]).toEqual([10_000, false]);
  });

  it('feature form without explicit features', () => {
    const problem = kernelProblem(x, [1, -1, 1, -1], exponential());
    const e = thrown(() => adatron().init(problem));
    expect(e).toBeInstanceOf(ParameterError);
    expect(e.parameter).toBe('form');
  });

  it('the pseudoinverse at or above the feature dimension says M must be below N_phi', () => {
    const big = randomBipolar({ count: 30, dim: 20 }, createRng(4));
    const e = thrown(() => trainCoefficients(big, linear(), pseudoinverse()));
    expect(e).toBeInstanceOf(SingularMatrixError);
    expect(e.message).toMatch(/N_phi/);
    // A singular matrix without explicit features (a duplicated pattern) is caught numerically.
    const dup = continuousPatterns(Float64Array.of(1, 0, 1, 0, 0, 1), { count: 3, dim: 2 });
    expect(thrown(() => { const p = kernelProblem(dup, [1, 1, -1], exponential()); fit(pseudoinverse(), p); })).toBeInstanceOf(SingularMatrixError);
  });

  it('registry: duplicate and unknown names', () => {
    expect(thrown(() => registerRule({ name: 'perceptron', description: '', schema: perceptronSchema, create: () => perceptron() }))).toBeInstanceOf(RegistryError);
    expect(thrown(() => createRule('nope'))).toMatchObject({ parameter: 'rule', code: 'registry' });
  });

  it('a training-session sequence entry that is not a pattern index', () => {
    const source = recurrentProblems(randomBipolar({ count: 3, dim: 5 }, createRng(5)), linear());
    expect(thrown(() => trainingSession(source, hebbian(), { sequence: [0, 3] }))).toMatchObject({ parameter: 'sequence' });
  });
});
