import { describe, expect, it } from 'vitest';
import { ParameterError, createRng, linear, polynomial, randomBipolar, recurrentNetwork, sdmNeuron, type InnerProductKernel } from '../../node.js';
import { adatron, kernelAdatron, kernelProblem, recurrentProblems, train, trainCoefficients } from '../../plasticity/index.js';
import { bruteGram, runAsynchronous } from './helpers.js';

/**
 * Training chooses its explicit-feature fast path by what the kernel declares
 * (`capabilities.linear`), never by its name (issue 10: a user kernel named 'linear' with
 * k(h) = h^3 was trained with linear features).
 */
describe('training dispatches on declared kernel capabilities, not names', () => {
  const cubic: InnerProductKernel = { kind: 'inner-product', name: 'linear', params: {}, k: (h) => h * h * h, positiveDefinite: false };
  const x = randomBipolar({ count: 12, dim: 15 }, createRng(1));

  it('a kernel named "linear" with k(h) = h^3 gets its own kernel matrix and no linear features', () => {
    const problem = recurrentProblems(x, cubic).problem(2);
    expect(problem.features).toBeUndefined();
    const expected = bruteGram(x.data, 12, 15, cubic, 2);
    for (let k = 0; k < expected.length; k++) expect(problem.gram[k]).toBe(expected[k]);
    expect(() => adatron().init(problem)).toThrow(ParameterError);
    // Trained in kernel form, every pattern is a fixed point of the cubic dynamics, computed by a plain loop.
    const { alpha, theta, reports } = trainCoefficients(x, cubic, kernelAdatron(), { maxEpochs: 2000, rng: createRng(2) });
    expect(reports.every((r) => r.separates)).toBe(true);
    const rng = createRng(3);
    for (let mu = 0; mu < 12; mu++) expect(runAsynchronous(x, cubic, alpha, theta, x.data.subarray(mu * 15, (mu + 1) * 15), 2, (n) => rng.permutation(n)).flips).toBe(0);
  });

  it('a kernel that declares itself linear under another name (poly, degree 1, c = 0) gets the features', () => {
    const problem = kernelProblem(x, Array.from({ length: 12 }, (_, mu) => x.data[mu * 15]!), polynomial({ degree: 1, c: 0 }));
    expect(problem.features?.dim).toBe(15);
    expect(kernelProblem(x, Array.from({ length: 12 }, (_, mu) => x.data[mu * 15]!), linear()).features?.dim).toBe(15);
  });
});

describe('coefficients carry the kernel they were fitted with', () => {
  const x = randomBipolar({ count: 6, dim: 12 }, createRng(4));

  it('linear coefficients handed to an SDM-unit network are a typed error, and the network keeps its coefficients', () => {
    const net = recurrentNetwork({ patterns: x, neuron: sdmNeuron({ locations: 64, radius: 4 }), rng: createRng(5) });
    const before = { alpha: net.alpha, theta: net.theta };
    const linearResult = trainCoefficients(x, linear(), kernelAdatron(), { rng: createRng(6) });
    expect(linearResult.kernel.name).toBe('linear');
    expect(() => net.setCoefficients(linearResult)).toThrow(ParameterError);
    expect(Array.from(net.alpha)).toEqual(Array.from(before.alpha));
    expect(Array.from(net.theta)).toEqual(Array.from(before.theta));
    // train() fits with the network's own kernel (the SDM kernel the model declares), which it accepts.
    const result = train(net, x, kernelAdatron(), { rng: createRng(6) });
    expect(result.kernel).toBe(net.kernel);
    expect(Array.from(net.alpha)).toEqual(Array.from(result.alpha));
  });
});
