import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../src/rng/rng.js';
import { confusionMatrix, fitRatioThresholds, kernelClassifiers, linearWeights, predictOneVsRest, predictRatio, softKernelAdatron, trainOneVsRest, type Dataset } from '../../scenarios/lib/state-classifiers.js';
import { InvalidValueError, ShapeError } from '../../src/errors.js';
import { linear } from '../../src/kernels/inner-product.js';
import type { Kernel } from '../../src/kernels/kernel.js';
import { continuousPatterns } from '../../src/patterns/pattern-set.js';
import { fit, kernelProblem } from '../../plasticity/index.js';

/** Three Gaussian blobs in `dim` dimensions, centred at 3 e_c (well separated: distance 3 sqrt 2 at unit variance). */
function blobs(perClass: number, dim: number, rng: Rng): Dataset {
  const count = 3 * perClass;
  const features = new Float64Array(count * dim);
  const classes = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    const c = k % 3;
    classes[k] = c;
    for (let f = 0; f < dim; f++) features[k * dim + f] = rng.normal() + (f === c ? 3 : 0);
  }
  return { count, dim, features, classes };
}

describe('one-vs-rest kernel classifiers', () => {
  it('are deterministic from the seed: same seed, same coefficients and predictions', () => {
    const train = blobs(30, 6, createRng('train'));
    const test = blobs(30, 6, createRng('test'));
    for (const name of kernelClassifiers) {
      const [rule, kernel] = name.split('-') as ['adatron' | 'pa', 'linear' | 'gaussian'];
      const fitWith = (seed: string) => trainOneVsRest(train, { rule, kernel, C: 1, maxEpochs: 20, classes: 3, rng: createRng(seed) });
      const a = fitWith('order');
      const b = fitWith('order');
      expect(a.coef.map((c) => Array.from(c))).toEqual(b.coef.map((c) => Array.from(c)));
      expect(Array.from(predictOneVsRest(a, test))).toEqual(Array.from(predictOneVsRest(b, test)));
    }
  });

  it('classify well-separated blobs: held-out accuracy above the Bayes-rate bound minus sampling error', () => {
    // Bayes error of nearest-centre for centres 3 sqrt(2) apart at unit variance: about
    // 2 Phi(-3 / sqrt 2) = 0.034. With 300 test points, 3 binomial SE of 0.034 is 0.031: so
    // a good classifier stays above 1 - 0.034 - 0.031 - 0.02 (slack for the finite training set) = 0.91.
    const train = blobs(60, 5, createRng('train-blobs'));
    const test = blobs(100, 5, createRng('test-blobs'));
    for (const name of kernelClassifiers) {
      const [rule, kernel] = name.split('-') as ['adatron' | 'pa', 'linear' | 'gaussian'];
      const model = trainOneVsRest(train, { rule, kernel, C: 1, maxEpochs: 50, classes: 3, rng: createRng(name) });
      const predicted = predictOneVsRest(model, test);
      const m = confusionMatrix(test.classes, predicted, 3);
      expect((m[0]! + m[4]! + m[8]!) / test.count, name).toBeGreaterThan(0.91);
    }
  });

  it('linear weights point at the feature that marks each class', () => {
    const train = blobs(60, 5, createRng('weights'));
    const model = trainOneVsRest(train, { rule: 'adatron', kernel: 'linear', C: 1, maxEpochs: 50, classes: 3, rng: createRng(1) });
    linearWeights(model).forEach((w, c) => {
      let best = 0;
      for (let f = 1; f < w.length; f++) if (w[f]! > w[best]!) best = f;
      expect(best).toBe(c);
    });
    const gaussianModel = trainOneVsRest(train, { rule: 'pa', kernel: 'gaussian', C: 1, maxEpochs: 5, classes: 3, rng: createRng(1) });
    expect(() => linearWeights(gaussianModel)).toThrow(InvalidValueError);
    // Dispatch by declared capability, not by name: a cubic kernel named 'linear' has no weight vector,
    // and a linear kernel under another name has one (before, both were decided by the name).
    const cubicNamedLinear: Kernel = { kind: 'inner-product', name: 'linear', params: {}, k: (h) => h ** 3, positiveDefinite: false };
    expect(() => linearWeights({ ...model, kernel: cubicNamedLinear })).toThrow(InvalidValueError);
    expect(linearWeights({ ...model, kernel: { ...linear(), name: 'identity' } })).toEqual(linearWeights(model));
  });

  it('soft-margin Kernel-Adatron reaches the soft-margin SVM optimum: 0 <= alpha <= C and the KKT conditions on recomputed fields', () => {
    // Two overlapping 2-D Gaussian classes (centres 1.5 apart): not separable, so the box binds.
    const rng = createRng('soft');
    const m = 60;
    const x = Array.from({ length: m }, (_, k) => [rng.normal() + (k % 2 ? 0.75 : -0.75), rng.normal()]);
    const y = Array.from({ length: m }, (_, k) => (k % 2 ? 1 : -1));
    const C = 0.5;
    const rule = softKernelAdatron({ C, tol: 1e-3 });
    const problem = kernelProblem(continuousPatterns(Float64Array.from(x.flat()), { count: m, dim: 2 }), y, linear(), { bias: true });
    const state = fit(rule, problem, rule.init(problem), { maxEpochs: 5000, rng: createRng(3) });
    expect(state.converged).toBe(true);
    let atBox = 0;
    for (let mu = 0; mu < m; mu++) {
      // Field by a plain loop over the kernel K(x, x') + 1 (the bias feature).
      let f = 0;
      for (let nu = 0; nu < m; nu++) f += state.alpha[nu]! * y[nu]! * (x[nu]![0]! * x[mu]![0]! + x[nu]![1]! * x[mu]![1]! + 1);
      const yf = y[mu]! * f;
      const a = state.alpha[mu]!;
      expect(a).toBeGreaterThanOrEqual(0);
      expect(a).toBeLessThanOrEqual(C);
      if (a === 0) expect(yf).toBeGreaterThanOrEqual(1 - 1e-3 - 1e-9);
      else if (a === C) { atBox++; expect(yf).toBeLessThanOrEqual(1 + 1e-3 + 1e-9); }
      else expect(Math.abs(yf - 1)).toBeLessThanOrEqual(1e-3 + 1e-9);
    }
    expect(atBox).toBeGreaterThan(0);
    expect(() => softKernelAdatron({ C: 0 })).toThrow(InvalidValueError);
  });

  it('refuses datasets that do not fit', () => {
    const bad: Dataset = { count: 2, dim: 2, features: new Float64Array(3), classes: Int32Array.of(0, 1) };
    expect(() => trainOneVsRest(bad, { rule: 'pa', kernel: 'linear', C: 1, maxEpochs: 1, classes: 3, rng: createRng(1) })).toThrow(ShapeError);
    const outOfRange: Dataset = { count: 1, dim: 1, features: Float64Array.of(1), classes: Int32Array.of(3) };
    expect(() => trainOneVsRest(outOfRange, { rule: 'pa', kernel: 'linear', C: 1, maxEpochs: 1, classes: 3, rng: createRng(1) })).toThrow(InvalidValueError);
  });
});

describe('stability-ratio threshold baseline', () => {
  it('reaches the best training accuracy of any two thresholds and class order (brute force)', () => {
    const rng = createRng('thresholds');
    for (let trial = 0; trial < 20; trial++) {
      const n = 12;
      const values = Array.from({ length: n }, () => Math.round(rng.uniform() * 8) / 8);
      const classes = Array.from({ length: n }, () => rng.int(3));
      const fitted = fitRatioThresholds(values, classes);
      const right = (pred: ArrayLike<number>) => classes.reduce((s, c, k) => s + (pred[k] === c ? 1 : 0), 0);
      // Brute force: thresholds at every value and beyond, every order.
      const cuts = [-Infinity, ...values, Infinity];
      let best = 0;
      for (const lo of cuts) for (const hi of cuts) {
        if (hi < lo) continue;
        for (const order of [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]]) {
          const pred = values.map((v) => (v < lo ? order[0]! : v < hi ? order[1]! : order[2]!));
          best = Math.max(best, right(pred));
        }
      }
      expect(right(predictRatio(fitted, values))).toBe(best);
    }
  });

  it('confusion matrix counts true class by predicted class', () => {
    expect(confusionMatrix([0, 1, 1], [0, 1, 0], 2)).toEqual([1, 0, 1, 1]);
    expect(() => confusionMatrix([0], [0, 1], 2)).toThrow(ShapeError);
  });
});
