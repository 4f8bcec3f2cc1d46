import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/rng/rng.js';
import { InvalidValueError, ParameterError } from '../../src/errors.js';
import { featureKinds, featureMapFromSpec, randomFeatureMap, type FeatureKind, type FeatureTarget, type RandomFeatureMap } from '../../src/features/random-features.js';
import { gaussianRows } from '../../src/features/orthogonal-rows.js';

const dot = (a: Float64Array, b: Float64Array): number => { let s = 0; for (let k = 0; k < a.length; k++) s += a[k]! * b[k]!; return s; };
const sq = (a: ArrayLike<number>): number => { let s = 0; for (let j = 0; j < a.length; j++) s += a[j]! ** 2; return s; };

/**
 * Variance of one projection's term z_k of the estimate `phi(x) . phi(y) = (1/Y) sum_k z_k`
 * (i.i.d. rows), in closed form, with u = sqrt(beta) s.x, v = sqrt(beta) s.y, s ~ N(0, I),
 * sigma-^2 = beta ||x - y||^2, sigma+^2 = beta ||x + y||^2, K = exp(-sigma-^2 / 2) (Gaussian target):
 * - sin-cos: z = cos(u - v): E z^2 = (1 + exp(-2 sigma-^2)) / 2 = (1 + K^4) / 2;
 * - cos: z = 2 cos(u + b) cos(v + b) = cos(u - v) + cos(u + v + 2b); averaging over b kills the
 *   cross term and gives E cos^2(u + v + 2b) = 1/2, so E z^2 = (1 + K^4) / 2 + 1/2;
 * - exp: z = exp(u + v - beta(|x|^2 + |y|^2)), u + v ~ N(0, sigma+^2): E z^2 = c^2 exp(2 sigma+^2), c = exp(-beta(|x|^2 + |y|^2));
 * - exp-exp: z = c (e^(u+v) + e^-(u+v)) / 2: E z^2 = c^2 (exp(2 sigma+^2) + 1) / 2.
 * The exponential target multiplies every z by g = exp(beta/2 (|x|^2 + |y|^2)), so Var scales by g^2.
 */
function termVariance(kind: FeatureKind, target: FeatureTarget, beta: number, x: number[], y: number[]): { kernel: number; variance: number } {
  const dm = x.map((v, j) => v - y[j]!);
  const dp = x.map((v, j) => v + y[j]!);
  const sMinus = beta * sq(dm);
  const sPlus = beta * sq(dp);
  const K = Math.exp(-sMinus / 2);
  const c = Math.exp(-beta * (sq(x) + sq(y)));
  const second = kind === 'sin-cos' ? (1 + K ** 4) / 2
    : kind === 'cos' ? (1 + K ** 4) / 2 + 0.5
      : kind === 'exp' ? c * c * Math.exp(2 * sPlus)
        : (c * c * (Math.exp(2 * sPlus) + 1)) / 2;
  const g = target === 'gaussian' ? 1 : Math.exp((beta / 2) * (sq(x) + sq(y)));
  return { kernel: K * g, variance: (second - K * K) * g * g };
}

/** R independent maps (seeds) at Y projections: the errors phi(x).phi(y) - K(x, y). */
function errors(kind: FeatureKind, target: FeatureTarget, features: number, orthogonal: boolean, beta: number, x: number[], y: number[], R: number, seed: string): { errs: number[]; kernel: number } {
  const errs: number[] = [];
  let kernel = 0;
  for (let r = 0; r < R; r++) {
    const map: RandomFeatureMap = randomFeatureMap({ kind, features, dim: x.length, beta, orthogonal, target, rng: createRng(`${seed}:${kind}:${features}:${r}`) });
    kernel = map.kernel(x, y);
    errs.push(dot(map.map(x), map.map(y)) - kernel);
  }
  return { errs, kernel };
}

/** Sample mean and its standard error. */
function meanSe(values: number[]): { mean: number; se: number } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const v = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  return { mean, se: Math.sqrt(v / n) };
}

const x = [0.3, -0.2, 0.25, 0.1, -0.3];
const y = [0.1, 0.2, 0.3, -0.2, -0.1];
const beta = 1.5;

describe('random feature maps: phi(x) . phi(y) converges to the kernel at the Monte Carlo rate', () => {
  const cases: [FeatureKind, FeatureTarget][] = [...featureKinds.map((k) => [k, 'gaussian'] as [FeatureKind, FeatureTarget]), ['sin-cos', 'exponential'], ['exp', 'exponential']];
  for (const [kind, target] of cases) {
    it(`${kind} (${target} target): unbiased, mean squared error = Var(z) / Y for Y = 8, 64, 512`, () => {
      const R = 1000;
      const { variance, kernel: K } = termVariance(kind, target, beta, x, y);
      const normalised: number[] = [];
      for (const Y of [8, 64, 512]) {
        const { errs, kernel } = errors(kind, target, Y, false, beta, x, y, R, 'mc');
        expect(kernel).toBeCloseTo(K, 14);
        // Each estimate is a mean of Y i.i.d. terms: E err = 0, E err^2 = Var(z) / Y exactly. Over R maps the
        // sample mean of err (and of err^2) lies within 4 standard errors (estimated from the same sample)
        // of its expectation except with probability ~1e-4 per check (CLT over R = 1000 maps).
        const bias = meanSe(errs);
        expect(Math.abs(bias.mean)).toBeLessThanOrEqual(4 * Math.sqrt(variance / Y / R));
        const mse = meanSe(errs.map((e) => e * e));
        expect(Math.abs(mse.mean - variance / Y)).toBeLessThanOrEqual(4 * mse.se);
        for (const e of errs) normalised.push((Y * e * e) / variance);
      }
      // The rate itself: Y err^2 / Var(z) has mean 1 at every Y. Pooled over 3000 maps its SE is 2.5-5% here
      // (measured), so a variance off by 20% (or a rate other than 1/Y) fails this 4-SE check.
      const pooled = meanSe(normalised);
      expect(Math.abs(pooled.mean - 1)).toBeLessThanOrEqual(4 * pooled.se);
    });
  }

  it('orthogonal rows: still unbiased, and Y * MSE is the same at Y = 20 and Y = 640 (blocks of d rows are independent)', () => {
    for (const kind of featureKinds) {
      const R = 300;
      const a = errors(kind, 'gaussian', 20, true, beta, x, y, R, 'orth');
      const b = errors(kind, 'gaussian', 640, true, beta, x, y, R, 'orth');
      const { variance } = termVariance(kind, 'gaussian', beta, x, y);
      // Unbiased: each row is marginally N(0, I). Bound with the i.i.d. variance (an upper bound up to ~10% here;
      // the 4-SE band absorbs it).
      expect(Math.abs(meanSe(b.errs).mean)).toBeLessThanOrEqual(4.5 * Math.sqrt(variance / 640 / R));
      // With Y a multiple of d the estimate averages Y/d independent block estimates, so Y * MSE does not depend on Y.
      const ma = meanSe(a.errs.map((e) => 20 * e * e));
      const mb = meanSe(b.errs.map((e) => 640 * e * e));
      expect(Math.abs(ma.mean - mb.mean)).toBeLessThanOrEqual(4 * Math.hypot(ma.se, mb.se));
    }
  });
});

describe('projection rows', () => {
  it('orthogonal rows are orthogonal within each block of d, with chi_d lengths (mean squared length d)', () => {
    const d = 6;
    const S = gaussianRows(600, d, true, createRng(3));
    let len2 = 0;
    for (let blk = 0; blk < 100; blk++) {
      for (let r = 0; r < d; r++) {
        const a = S.subarray((blk * d + r) * d, (blk * d + r + 1) * d);
        len2 += sq(a);
        for (let q = 0; q < r; q++) {
          const c = S.subarray((blk * d + q) * d, (blk * d + q + 1) * d);
          expect(Math.abs(dot(a, c))).toBeLessThan(1e-12 * Math.sqrt(sq(a) * sq(c)));
        }
      }
    }
    // |s|^2 ~ chi^2_d: mean d, variance 2d; 600 rows: SE sqrt(2d / 600) = 0.14.
    expect(Math.abs(len2 / 600 - d)).toBeLessThan(4 * Math.sqrt((2 * d) / 600));
  });

  it('a map is regenerated bit for bit from its JSON spec; the stream position does not matter', () => {
    const rng = createRng(11);
    rng.normal();
    const map = randomFeatureMap({ kind: 'cos', features: 50, dim: 7, beta: 3, orthogonal: true, rng });
    const again = featureMapFromSpec(JSON.parse(JSON.stringify(map.spec)));
    expect(again.S).toEqual(map.S);
    expect(again.b).toEqual(map.b);
    const fresh = randomFeatureMap({ kind: 'cos', features: 50, dim: 7, beta: 3, orthogonal: true, rng: createRng(11) });
    expect(fresh.S).toEqual(map.S);
  });

  it('bad options are typed errors naming the parameter', () => {
    const rng = createRng(1);
    expect(() => randomFeatureMap({ kind: 'tan' as FeatureKind, features: 4, dim: 2, beta: 1, rng })).toThrow(ParameterError);
    expect(() => randomFeatureMap({ kind: 'cos', features: 0, dim: 2, beta: 1, rng })).toThrow(/features/);
    expect(() => randomFeatureMap({ kind: 'cos', features: 4, dim: 2, beta: -1, rng })).toThrow(InvalidValueError);
    expect(() => randomFeatureMap({ kind: 'cos', features: 4, dim: 2, beta: 1, target: 'laplace' as FeatureTarget, rng })).toThrow(/target/);
    const map = randomFeatureMap({ kind: 'cos', features: 4, dim: 2, beta: 1, rng });
    expect(() => map.map([1, 2, 3])).toThrow(/x/);
  });
});

describe('featureEstimateVariance: closed-form variance of <phi(x), T>', () => {
  it('matches the Monte Carlo variance over 1500 maps for every kind (and the mean is the kernel sum)', async () => {
    const { featureEstimateVariance } = await import('../../src/features/feature-variance.js');
    const { featureMemory } = await import('../../src/features/feature-memory.js');
    const d = 5;
    const patterns = [...x, ...y, 0.2, 0.1, -0.1, 0.3, 0.05];
    const q = [0.25, -0.1, 0.2, 0.05, -0.2];
    for (const kind of featureKinds) {
      const { mean, variance } = featureEstimateVariance({ kind, beta, dim: d, patterns, x: q });
      let u = 0;
      for (let mu = 0; mu < 3; mu++) u += Math.exp(-0.5 * beta * q.reduce((s, v, j) => s + (v - patterns[mu * d + j]!) ** 2, 0));
      expect(mean).toBeCloseTo(u, 13);
      const Y = 32;
      const R = 1500;
      const est: number[] = [];
      for (let r = 0; r < R; r++) {
        const map = randomFeatureMap({ kind, features: Y, dim: d, beta, rng: createRng(`var:${kind}:${r}`) });
        est.push(featureMemory({ map, patterns }).similarity(q));
      }
      // The sample mean and variance of R independent estimates lie within 4 standard errors of E and Var
      // (the variance's SE estimated from the spread of the squared deviations in the same sample).
      const m = est.reduce((a, b) => a + b, 0) / R;
      const v = est.reduce((a, b) => a + (b - m) ** 2, 0) / (R - 1);
      expect(Math.abs(m - u)).toBeLessThanOrEqual(4 * Math.sqrt(variance / Y / R));
      const sq2 = est.map((e) => (e - m) ** 2);
      const se = Math.sqrt(sq2.reduce((a, b) => a + (b - v) ** 2, 0) / (R - 1) / R);
      expect(Math.abs(v - variance / Y)).toBeLessThanOrEqual(4 * se);
    }
  });
});
