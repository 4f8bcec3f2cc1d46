import { describe, expect, it } from 'vitest';
import {
  continuousUnit, createRng, expBeta, flipBits, gaussianPatterns, interpolationNetwork, linear, oddSetSequences, patternRow, pointNeuron, polynomial,
  pyramidalNeuron, randomBipolar, recurrentNetwork, sdmHypercube, sdmNeuron, sigmaPiNeuron, sigmaPiWeights, softmaxNetwork,
} from '../../node.js';
import { kernelAdatron, trainCoefficients } from '../../plasticity/index.js';

describe('sigma-pi feature form equals the pyramidal kernel form', () => {
  it('oddSetSequences counts sequences by brute-force enumeration', () => {
    const d = 4;
    for (let k = 0; k <= 4; k++) {
      const counts = new Map<string, number>();
      const seq = new Array<number>(k).fill(0);
      const total = d ** k;
      for (let code = 0; code < total; code++) {
        let c = code;
        for (let q = 0; q < k; q++) { seq[q] = c % d; c = Math.floor(c / d); }
        const odd = Array.from({ length: d }, (_, j) => seq.filter((v) => v === j).length % 2).join('');
        counts.set(odd, (counts.get(odd) ?? 0) + 1);
      }
      for (let s = 0; s <= d; s++) {
        const key = Array.from({ length: d }, (_, j) => (j < s ? 1 : 0)).join('');
        expect(oddSetSequences(d, s, k)).toBe(counts.get(key) ?? 0);
      }
    }
  });

  it('the monomial weights reproduce (x . y + c)^p for random bipolar x, y', () => {
    const rng = createRng(1);
    for (const [d, p, c] of [[6, 2, 1], [7, 3, 1], [5, 3, 0.5], [6, 4, 0]] as const) {
      const w = sigmaPiWeights(d, p, c);
      for (let t = 0; t < 5; t++) {
        const x = Array.from({ length: d }, () => rng.bipolar());
        const y = Array.from({ length: d }, () => rng.bipolar());
        // Sum over all subsets S of prod_{j in S} x_j y_j weighted by w_|S| (|S| <= p).
        let sum = 0;
        for (let mask = 0; mask < 1 << d; mask++) {
          let size = 0;
          let prod = 1;
          for (let j = 0; j < d; j++) if (mask & (1 << j)) { size++; prod *= x[j]! * y[j]!; }
          if (size <= p) sum += w[size]! * prod;
        }
        const dot = x.reduce((a, v, j) => a + v * y[j]!, 0);
        expect(sum).toBeCloseTo((dot + c) ** p, 9);
      }
    }
  });

  it('networks of sigma-pi and pyramidal neurons have the same fields to rounding, with trained A and theta', () => {
    const rng = createRng(2);
    const X = randomBipolar({ count: 30, dim: 11 }, rng);
    for (const [p, c] of [[2, 1], [3, 1], [3, 0]] as const) {
      const kernel = polynomial({ degree: p, c });
      const { alpha, theta } = trainCoefficients(X, kernel, kernelAdatron({ tol: 1e-2, bias: true }), { maxEpochs: 300, rng });
      const sigma = recurrentNetwork({ patterns: X, kernel, alpha, theta, neuron: sigmaPiNeuron({ degree: p, c }), rng });
      const pyramid = recurrentNetwork({ patterns: X, kernel, alpha, theta, neuron: pyramidalNeuron({ kernel }), rng });
      const fast = recurrentNetwork({ patterns: X, kernel, alpha, theta });
      for (let t = 0; t < 5; t++) {
        const s = patternRow(randomBipolar({ count: 1, dim: 11 }, rng), 0);
        const a = sigma.fields(s);
        const b = pyramid.fields(s);
        const f = fast.fields(s);
        for (let i = 0; i < 11; i++) {
          const scale = 1 + Math.abs(b[i]!);
          expect(Math.abs(a[i]! - b[i]!) / scale).toBeLessThan(1e-10);
          expect(Math.abs(f[i]! - b[i]!) / scale).toBeLessThan(1e-10);
        }
      }
    }
  });
});

describe('point neurons', () => {
  it('a point-neuron network follows the fast linear network trajectory for the same seed', () => {
    const rng = createRng(3);
    const X = randomBipolar({ count: 8, dim: 50 }, rng);
    const cue = flipBits(patternRow(X, 0), 0.25, rng);
    const model = recurrentNetwork({ patterns: X, kernel: linear(), neuron: pointNeuron(), rng });
    const fast = recurrentNetwork({ patterns: X, kernel: linear() });
    for (const schedule of ['random-permutation', 'synchronous', 'fixed', 'random-sequential', 'poisson'] as const) {
      const a = model.run(cue, { schedule, rng: createRng(4), maxSweeps: 30 });
      const b = fast.run(cue, { schedule, rng: createRng(4), maxSweeps: 30 });
      expect(Array.from(a.state)).toEqual(Array.from(b.state));
      expect(a.flips).toBe(b.flips);
    }
  });
});

describe('finite SDM units approach the infinite-SDM kernel network', () => {
  it('the relative field error shrinks about like 1/sqrt(N_phi)', () => {
    const rng = createRng(5);
    const n = 25;
    const r = 9;
    const X = randomBipolar({ count: 6, dim: n }, rng);
    const kernelNet = recurrentNetwork({ patterns: X, kernel: sdmHypercube({ dim: n - 1, radius: r }) });
    const states = Array.from({ length: 4 }, (_, k) => flipBits(patternRow(X, k), 0.1, rng));
    const error = (locations: number): number => {
      const net = recurrentNetwork({ patterns: X, neuron: sdmNeuron({ locations, radius: r }), rng: createRng(locations) });
      let e2 = 0;
      let f2 = 0;
      for (const s of states) {
        const a = net.fields(s);
        const b = kernelNet.fields(s);
        for (let i = 0; i < n; i++) { e2 += (a[i]! - b[i]!) ** 2; f2 += b[i]! ** 2; }
      }
      return Math.sqrt(e2 / f2);
    };
    // Each field is a sum of binomial proportions around the kernel values: error ~ N_phi^(-1/2).
    const sizes = [400, 1600, 6400, 25600];
    const errors = sizes.map(error);
    // Least-squares slope of log error against log N_phi; theory -0.5.
    const lx = sizes.map(Math.log);
    const ly = errors.map(Math.log);
    const mx = lx.reduce((a, v) => a + v, 0) / 4;
    const my = ly.reduce((a, v) => a + v, 0) / 4;
    const slope = lx.reduce((a, v, k) => a + (v - mx) * (ly[k]! - my), 0) / lx.reduce((a, v) => a + (v - mx) ** 2, 0);
    expect(slope).toBeGreaterThan(-0.7);
    expect(slope).toBeLessThan(-0.3);
    for (let k = 1; k < 4; k++) expect(errors[k]!).toBeLessThan(errors[k - 1]!);
    expect(errors[3]!).toBeLessThan(0.1);
  });
});

describe('continuous units', () => {
  it('interpolation and softmax units equal one coordinate of their network step', () => {
    const rng = createRng(6);
    const X = gaussianPatterns({ count: 10, dim: 8 }, rng);
    const s = patternRow(gaussianPatterns({ count: 1, dim: 8 }, rng), 0);
    for (const net of [interpolationNetwork({ patterns: X, kernel: expBeta({ r: 3, beta: 1.5 }) }), softmaxNetwork({ patterns: X, beta: 2 })]) {
      const step = net.step(s);
      for (let i = 0; i < 8; i++) expect(continuousUnit(net, i).output(s)).toBeCloseTo(step[i]!, 12);
    }
  });
});
