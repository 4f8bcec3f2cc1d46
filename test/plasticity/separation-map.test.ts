import { describe, expect, it } from 'vitest';
import { InvalidValueError, ShapeError } from '../../src/errors.js';
import { gaussianPatterns, spherePatterns } from '../../src/patterns/generate.js';
import { softmaxNetwork } from '../../src/network/continuous-network.js';
import { createRng } from '../../src/rng/rng.js';
import { featureSoftmaxNetwork, mapPatterns, metastableSize, minSeparation, separationLoss, trainSeparationMap } from '../../plasticity/separation-map.js';

describe('separation loss', () => {
  it('gradient equals central finite differences of the loss', () => {
    const rng = createRng('fd');
    const m = 5;
    const d = 4;
    const F = new Float64Array(m * d).map(() => rng.normal());
    const grad = new Float64Array(m * d);
    for (const tau of [1, 0.1]) {
      separationLoss(F, m, d, tau, grad);
      const h = 1e-6;
      for (let k = 0; k < F.length; k++) {
        const keep = F[k]!;
        F[k] = keep + h;
        const up = separationLoss(F, m, d, tau);
        F[k] = keep - h;
        const down = separationLoss(F, m, d, tau);
        F[k] = keep;
        expect(grad[k]).toBeCloseTo((up - down) / (2 * h), 5);
      }
    }
  });

  it('equals the closed form on the regular tetrahedron: (1/4) ln(exp(-1/(3 tau)))', () => {
    const s = 1 / Math.sqrt(3);
    const T = Float64Array.of(s, s, s, s, -s, -s, -s, s, -s, -s, -s, s);
    expect(separationLoss(T, 4, 3, 0.5)).toBeCloseTo(-1 / 3 / 0.5 / 4, 12);
    expect(minSeparation(T, 4, 3)).toBeCloseTo(4 / 3, 12);
  });

  it('rejects bad input with typed errors', () => {
    expect(() => separationLoss(new Float64Array(6), 2, 3, 0.1)).toThrow(InvalidValueError);
    expect(() => separationLoss(new Float64Array(5), 2, 3, 0.1)).toThrow(ShapeError);
    expect(() => separationLoss(new Float64Array(6).fill(1), 2, 3, 0)).toThrow(InvalidValueError);
  });
});

describe('trainSeparationMap (U-Hop+ feature map)', () => {
  // Exact optima on the 2-sphere: regular tetrahedron (cos = -1/3) and octahedron (cos = 0),
  // Fejes Toth (1943); both universally optimal (Cohn and Kumar 2007), so they minimise the
  // loss at any tau. M points in general position in M dims: the affine map can reach any code.
  for (const [m, optimum] of [[4, 4 / 3], [6, 1]] as const) {
    it(`reaches the optimal code for M = ${m} on the sphere: Delta_min = ${optimum.toFixed(4)} to 1e-3`, () => {
      for (const seed of [1, 2, 3]) {
        const X = gaussianPatterns({ count: m, dim: m }, createRng(`x:${seed}`));
        const r = trainSeparationMap(X, { outputDim: 3, steps: 2000 }, createRng(`w:${seed}`));
        expect(Math.abs(r.minSeparation - optimum)).toBeLessThan(1e-3);
        expect(r.minSeparation).toBeGreaterThan(r.inputSeparation - 1e-12);
        expect(minSeparation(mapPatterns(r.map, X), m, 3)).toBeCloseTo(r.minSeparation, 12);
      }
    });
  }

  it('is deterministic for a seed', () => {
    const X = gaussianPatterns({ count: 5, dim: 4 }, createRng('det'));
    const a = trainSeparationMap(X, { outputDim: 3, steps: 50 }, createRng(9));
    const b = trainSeparationMap(X, { outputDim: 3, steps: 50 }, createRng(9));
    expect(a.map.weights).toEqual(b.map.weights);
    expect(a.map.bias).toEqual(b.map.bias);
  });

  it('rejects bad options before training', () => {
    const X = gaussianPatterns({ count: 5, dim: 4 }, createRng('bad'));
    expect(() => trainSeparationMap(X, { outputDim: 0 }, createRng(1))).toThrow(InvalidValueError);
    expect(() => trainSeparationMap(X, { outputDim: 3, tau: -1 }, createRng(1))).toThrow(InvalidValueError);
    expect(() => trainSeparationMap(gaussianPatterns({ count: 1, dim: 4 }, createRng(1)), { outputDim: 3 }, createRng(1))).toThrow(InvalidValueError);
  });
});

describe('featureSoftmaxNetwork', () => {
  it('without a map, equals kmn softmaxNetwork on unit patterns and unit states', () => {
    const X = spherePatterns({ count: 7, dim: 5 }, createRng('sm'));
    const a = featureSoftmaxNetwork({ patterns: X, beta: 6 });
    const b = softmaxNetwork({ patterns: X, beta: 6 });
    const q = spherePatterns({ count: 1, dim: 5 }, createRng('q')).data;
    const wa = a.weights(q);
    const wb = b.weights(q);
    for (let mu = 0; mu < 7; mu++) expect(wa[mu]).toBeCloseTo(wb[mu]!, 12);
  });

  it('weights sum to one, and a stored memory at large beta is a clean (size-1) retrieval', () => {
    const X = spherePatterns({ count: 6, dim: 5 }, createRng('ret'));
    const { map } = trainSeparationMap(X, { outputDim: 5, steps: 300 }, createRng(4));
    const net = featureSoftmaxNetwork({ patterns: X, map, beta: 200 });
    const w = net.weights(X.data.subarray(0, 5));
    expect(w.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(metastableSize(w)).toBe(1);
    expect(w[0]).toBeGreaterThan(0.99);
  });
});
