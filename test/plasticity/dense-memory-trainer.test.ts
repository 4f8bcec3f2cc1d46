import { describe, expect, it } from 'vitest';
import { InvalidValueError, ShapeError, createRng, type Rng } from '../../index.js';
import { KROTOV_HOPFIELD_2016, trainDenseMemoryClassifier } from '../../plasticity/dense-memory-trainer.js';
import { denseMemoryClassifier, denseMemoryLossGradient } from '../../plasticity/dense-memory-trainer-model.js';

/**
 * The 2016 loss written straight from the paper (Eq. 9 and 14) with the raw F and beta = 1/T^n,
 * as a plain loop: independent of kmn's scaled denseMemoryForward pass.
 */
function plainLoss(w: Float64Array, k: number, n: number, c: number, images: Float64Array, labels: number[], degree: number, T: number, m: number): number {
  const beta = 1 / T ** degree;
  const F = (x: number): number => (x > 0 ? x ** degree : 0);
  let loss = 0;
  for (let s = 0; s < labels.length; s++) {
    const u = [...images.subarray(s * n, (s + 1) * n), ...Array<number>(c).fill(-1)];
    for (let cls = 0; cls < c; cls++) {
      const v = [...u];
      v[n + cls] = 1;
      let sum = 0;
      for (let mu = 0; mu < k; mu++) {
        let hv = 0;
        let hu = 0;
        for (let j = 0; j < n + c; j++) {
          hv += w[mu * (n + c) + j]! * v[j]!;
          hu += w[mu * (n + c) + j]! * u[j]!;
        }
        sum += F(hv) - F(hu);
      }
      const t = cls === labels[s] ? 1 : -1;
      loss += (t - Math.tanh(beta * sum)) ** (2 * m);
    }
  }
  return loss;
}

function uniform(len: number, lo: number, hi: number, rng: Rng): Float64Array {
  return Float64Array.from({ length: len }, () => rng.uniformIn(lo, hi));
}

describe('dense-memory classifier: the gradient of the 2016 loss', () => {
  it('matches a gradient computed by hand (K = 1, N = 1, C = 2, n = 2, T = 1, m = 1)', () => {
    // xi = (0.5, 0.2, -0.1), x = 1, label 0: u = (1, -1, -1), v_0 = (1, 1, -1), v_1 = (1, -1, 1);
    // xi.u = 0.4, xi.v_0 = 0.8, xi.v_1 = 0.2; Y_0 = tanh(0.64 - 0.16), Y_1 = tanh(0.04 - 0.16).
    // dL/dxi = sum_c -2 (t_c - Y_c)(1 - Y_c^2) [2 (xi.v_c) v_c - 2 (xi.u) u]
    //        = -2 (1 - Y_0)(1 - Y_0^2) (0.8, 2.4, -0.8) - 2 (-1 - Y_1)(1 - Y_1^2) (-0.4, 0.4, 1.2).
    const y0 = Math.tanh(0.48);
    const y1 = Math.tanh(-0.12);
    const a0 = -2 * (1 - y0) * (1 - y0 * y0);
    const a1 = -2 * (-1 - y1) * (1 - y1 * y1);
    const expected = [a0 * 0.8 + a1 * -0.4, a0 * 2.4 + a1 * 0.4, a0 * -0.8 + a1 * 1.2];
    const model = denseMemoryClassifier({ weights: Float64Array.of(0.5, 0.2, -0.1), memories: 1, pixels: 1, classes: 2, degree: 2, temperature: 1 });
    const g = new Float64Array(3);
    const loss = denseMemoryLossGradient(model, { images: Float64Array.of(1), labels: [0] }, 1, g);
    expect(loss).toBeCloseTo((1 - y0) ** 2 + (-1 - y1) ** 2, 14);
    for (let j = 0; j < 3; j++) expect(g[j]).toBeCloseTo(expected[j]!, 13);
  });

  it('matches central finite differences of the plain-loop loss (K = 3, N = 4, C = 3, five images, n = 3, m = 2, T = 2)', () => {
    const rng = createRng(5);
    const k = 3;
    const n = 4;
    const c = 3;
    const w = uniform(k * (n + c), -0.4, 0.8, rng);
    const images = uniform(5 * n, -1, 1, rng);
    const labels = [0, 2, 1, 1, 0];
    const model = denseMemoryClassifier({ weights: w, memories: k, pixels: n, classes: c, degree: 3, temperature: 2 });
    const g = new Float64Array(w.length);
    const loss = denseMemoryLossGradient(model, { images, labels }, 2, g);
    expect(loss).toBeCloseTo(plainLoss(w, k, n, c, images, labels, 3, 2, 2), 12);
    let nonzero = 0;
    for (let j = 0; j < w.length; j++) {
      // Central difference, h = 1e-6: truncation h^2 |L'''| / 6 and rounding 1e-16 |L| / h are
      // both below 1e-8 here; the check allows 1e-7 (1 + |g|).
      const h = 1e-6;
      const wp = Float64Array.from(w);
      wp[j] = w[j]! + h;
      const up = plainLoss(wp, k, n, c, images, labels, 3, 2, 2);
      wp[j] = w[j]! - h;
      const fd = (up - plainLoss(wp, k, n, c, images, labels, 3, 2, 2)) / (2 * h);
      expect(Math.abs(g[j]! - fd)).toBeLessThan(1e-7 * (1 + Math.abs(fd)));
      if (Math.abs(fd) > 1e-3) nonzero++;
    }
    expect(nonzero).toBeGreaterThan(w.length / 2);
  });
});

describe('dense-memory trainer: the notebook update', () => {
  /** The notebook's d_KS for a whole batch (raw powers of the overlaps, no scaling), a plain loop. */
  function notebookDirection(w: Float64Array, k: number, n: number, c: number, images: Float64Array, labels: number[], degree: number, T: number, m: number): Float64Array {
    const d = n + c;
    const beta = 1 / T ** degree;
    const out = new Float64Array(k * d);
    for (let s = 0; s < labels.length; s++) {
      const u = [...images.subarray(s * n, (s + 1) * n), ...Array<number>(c).fill(-1)];
      const hu = Array.from({ length: k }, (_, mu) => u.reduce((acc, x, j) => acc + w[mu * d + j]! * x, 0));
      for (let cls = 0; cls < c; cls++) {
        const v = [...u];
        v[n + cls] = 1;
        const hv = Array.from({ length: k }, (_, mu) => v.reduce((acc, x, j) => acc + w[mu * d + j]! * x, 0));
        let sum = 0;
        for (let mu = 0; mu < k; mu++) sum += Math.max(hv[mu]!, 0) ** degree - Math.max(hu[mu]!, 0) ** degree;
        const y = Math.tanh(beta * sum);
        const t = cls === labels[s] ? 1 : -1;
        const a = (t - y) ** (2 * m - 1) * (1 - y) * (1 + y);
        for (let mu = 0; mu < k; mu++) {
          for (let j = 0; j < d; j++) out[mu * d + j]! += a * (Math.max(hv[mu]!, 0) ** (degree - 1) * v[j]! - Math.max(hu[mu]!, 0) ** (degree - 1) * u[j]!);
        }
      }
    }
    return out;
  }

  it('two full-batch epochs give V = p V + d_KS, xi += eps_t V / max|V| per memory, clipped to [-1, 1] (plain loop of the notebook)', () => {
    const rng = createRng(6);
    const k = 4;
    const n = 6;
    const c = 3;
    const d = n + c;
    // Half the pixels at the floor -1 (background), as in the digits: the trainer stores those
    // sparsely, the plain loop below does not.
    const images = uniform(8 * n, -1, 1, rng).map((x) => (rng.uniform() < 0.5 ? -1 : x));
    const labels = [0, 1, 2, 0, 1, 2, 0, 1];
    const options = { memories: k, degree: 3, lossPower: 2, temperature: 3, initialTemperature: 3, learningRate: 0.7, decay: 0.9, momentum: 0.6, epochs: 2, batchSize: 8, initMean: 0.2, initStd: 0.4 };
    const trained = trainDenseMemoryClassifier({ images, labels, pixels: n, classes: c }, options, createRng(9));
    // Initial memories: N(initMean, initStd^2) from the 'init' child stream, row-major.
    const init = createRng(9).child('init');
    const w = Float64Array.from({ length: k * d }, () => 0.2 + 0.4 * init.normal());
    const velocity = new Float64Array(k * d);
    for (let epoch = 0; epoch < 2; epoch++) {
      const eps = 0.7 * 0.9 ** epoch;
      const dir = notebookDirection(w, k, n, c, images, labels, 3, 3, 2);
      for (let mu = 0; mu < k; mu++) {
        let norm = 0;
        for (let j = 0; j < d; j++) {
          velocity[mu * d + j] = 0.6 * velocity[mu * d + j]! + dir[mu * d + j]!;
          norm = Math.max(norm, Math.abs(velocity[mu * d + j]!));
        }
        for (let j = 0; j < d; j++) w[mu * d + j] = Math.min(1, Math.max(-1, w[mu * d + j]! + (eps * velocity[mu * d + j]!) / Math.max(norm, 1e-30)));
      }
    }
    let clipped = 0;
    for (let j = 0; j < w.length; j++) {
      expect(trained.weights[j]).toBeCloseTo(w[j]!, 12);
      if (Math.abs(w[j]!) === 1) clipped++;
    }
    // The case exercises the clipping (some entries reach the bound).
    expect(clipped).toBeGreaterThan(0);
  });

  it('is deterministic from the seed, and a different seed gives different memories', () => {
    const rng = createRng(7);
    const images = uniform(40 * 10, -1, 1, rng);
    const labels = Array.from({ length: 40 }, (_, s) => s % 4);
    const data = { images, labels, pixels: 10, classes: 4 };
    const options = { ...KROTOV_HOPFIELD_2016, memories: 6, degree: 3, temperature: 5, initialTemperature: 5, epochs: 5, batchSize: 8 };
    const a = trainDenseMemoryClassifier(data, options, createRng(1));
    const b = trainDenseMemoryClassifier(data, options, createRng(1));
    const other = trainDenseMemoryClassifier(data, options, createRng(2));
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
    expect(Array.from(a.weights)).not.toEqual(Array.from(other.weights));
  });

  it('learns: on noisy copies of 3 prototypes the training loss falls and held-out images are classified', () => {
    const rng = createRng(8);
    const n = 20;
    const protos = Array.from({ length: 3 }, () => Float64Array.from({ length: n }, () => rng.bipolar()));
    const sample = (count: number, r: Rng): { images: Float64Array; labels: number[] } => {
      const images = new Float64Array(count * n);
      const labels: number[] = [];
      for (let s = 0; s < count; s++) {
        const l = s % 3;
        labels.push(l);
        // Each pixel flipped with probability 0.2.
        for (let i = 0; i < n; i++) images[s * n + i] = r.uniform() < 0.2 ? -protos[l]![i]! : protos[l]![i]!;
      }
      return { images, labels };
    };
    const train = sample(60, rng.child('train'));
    const test = sample(300, rng.child('test'));
    const losses: number[] = [];
    const model = trainDenseMemoryClassifier({ ...train, pixels: n, classes: 3 }, { memories: 6, degree: 3, lossPower: 2, temperature: 10, initialTemperature: 10, epochs: 40, batchSize: 10, learningRate: 0.05, decay: 0.99, initMean: 0, initStd: 0.1 }, createRng(3), {
      onEpoch: (e) => losses.push(e.loss),
    });
    expect(losses[39]!).toBeLessThan(0.5 * losses[0]!);
    // The Bayes-optimal rule errs with probability P(>= 7 of 20 flips at least half-way between
    // two prototypes) ~ 1e-3 here; 5% allows a classifier far from optimal but clearly learnt
    // (chance is 67%).
    expect(model.errorRate(test.images, test.labels)).toBeLessThan(0.05);
  });
});

describe('dense-memory trainer: bad input', () => {
  const images = new Float64Array(4 * 3);
  const labels = [0, 1, 0, 1];
  const data = { images, labels, pixels: 3, classes: 2 };
  it('rejects bad options and data with typed errors before training', () => {
    const rng = createRng(1);
    expect(() => trainDenseMemoryClassifier(data, { degree: 0.5 }, rng)).toThrow(/degree/);
    expect(() => trainDenseMemoryClassifier(data, { memories: 0 }, rng)).toThrow(/memories/);
    expect(() => trainDenseMemoryClassifier(data, { batchSize: 5 }, rng)).toThrow(/batchSize/);
    expect(() => trainDenseMemoryClassifier(data, { batchSize: 2, momentum: 1 }, rng)).toThrow(/momentum/);
    expect(() => trainDenseMemoryClassifier(data, { batchSize: 2, temperature: 0 }, rng)).toThrow(/temperature/);
    expect(() => trainDenseMemoryClassifier(data, { batchSize: 2, lossPower: 1.5 }, rng)).toThrow(/lossPower/);
    expect(() => trainDenseMemoryClassifier({ ...data, labels: [0, 1, 2, 0] }, { batchSize: 2 }, rng)).toThrow(InvalidValueError);
    expect(() => trainDenseMemoryClassifier({ ...data, labels: [0, 1] }, { batchSize: 2 }, rng)).toThrow(ShapeError);
    expect(() => trainDenseMemoryClassifier({ ...data, images: Float64Array.of(NaN, ...images.subarray(1)) }, { batchSize: 2 }, rng)).toThrow(/images/);
  });
  it('the classifier checks shapes', () => {
    expect(() => denseMemoryClassifier({ weights: new Float64Array(4), memories: 1, pixels: 3, classes: 2, degree: 2, temperature: 1 })).toThrow(ShapeError);
    expect(() => denseMemoryClassifier({ weights: new Float64Array(5), memories: 1, pixels: 3, classes: 2, degree: 2, temperature: 0 })).toThrow(/temperature/);
    const model = denseMemoryClassifier({ weights: new Float64Array(5), memories: 1, pixels: 3, classes: 2, degree: 2, temperature: 1 });
    expect(() => model.predict([1, 2])).toThrow(ShapeError);
  });
});
