import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../src/rng/rng.js';
import { InvalidValueError, ShapeError } from '../../src/errors.js';
import { featureKinds, randomFeatureMap } from '../../src/features/random-features.js';
import { exactMemory } from '../../src/features/exact-memory.js';
import { featureMemory } from '../../src/features/feature-memory.js';
import { featureEstimateVariance } from '../../src/features/feature-variance.js';
import { descend, type EnergyMemory } from '../../src/features/energy-memory.js';

/** M patterns in {0, 1}/sqrt(d) (Hoover et al.'s binary setting), pattern-major. */
function binaryPatterns(m: number, d: number, rng: Rng): Float64Array {
  const out = new Float64Array(m * d);
  for (let k = 0; k < out.length; k++) out[k] = rng.uniform() < 0.5 ? 1 / Math.sqrt(d) : 0;
  return out;
}
/**
 * `log sum_mu exp(a_mu)` with an exact sum: each term is written `exp(a) = 2^k exp(r)` (k = round(a / ln 2),
 * |r| <= ln 2 / 2), `exp(r)` scaled to a 60-bit integer, and the terms added as BigInts aligned on the
 * smallest exponent, so nothing underflows, overflows or cancels, and no maximum is subtracted; the log of
 * the integer sum is taken from its top 60 bits. Error: one rounding of exp(r) per term (relative 1e-16)
 * plus the rounding of a itself.
 */
function bigLogSumExp(a: readonly number[]): number {
  const ks = a.map((v) => Math.round(v / Math.LN2));
  const kMin = Math.min(...ks);
  let sum = 0n;
  a.forEach((v, i) => {
    const mantissa = BigInt(Math.round(Math.exp(v - ks[i]! * Math.LN2) * 2 ** 60));
    sum += mantissa << BigInt(ks[i]! - kMin);
  });
  const bits = sum.toString(2).length;
  const drop = Math.max(bits - 60, 0);
  const top = Number(sum >> BigInt(drop));
  return Math.log(top) + (drop + kMin - 60) * Math.LN2;
}

/** A copy of pattern mu with `flips` coordinates toggled between 0 and 1/sqrt(d). */
function nearCopy(X: Float64Array, mu: number, d: number, flips: number, rng: Rng): Float64Array {
  const x = X.slice(mu * d, (mu + 1) * d);
  for (const j of rng.sample(d, flips)) x[j] = x[j]! > 0 ? 0 : 1 / Math.sqrt(d);
  return x;
}

describe('exact dense memory', () => {
  it('energy equals a direct shifted log-sum-exp at beta = 1e5, where the plain sum underflows (Gaussian) or overflows (exponential)', () => {
    const d = 10;
    const m = 20;
    const beta = 1e5;
    const rng = createRng(1);
    const X = binaryPatterns(m, d, rng);
    for (const target of ['gaussian', 'exponential'] as const) {
      const mem = exactMemory({ dim: d, beta, target, patterns: X });
      for (let q = 0; q < 10; q++) {
        const x = Float64Array.from({ length: d }, () => rng.uniform() / Math.sqrt(d));
        // Independent computation: logits by a plain loop, then log sum exp(a) in exact integer arithmetic (no shift by the max).
        const logits: number[] = [];
        for (let mu = 0; mu < m; mu++) {
          let acc = 0;
          for (let j = 0; j < d; j++) acc += target === 'gaussian' ? (x[j]! - X[mu * d + j]!) ** 2 : x[j]! * X[mu * d + j]!;
          logits.push(target === 'gaussian' ? -0.5 * beta * acc : beta * acc);
        }
        const expected = -bigLogSumExp(logits) / beta;
        const naive = -Math.log(logits.reduce((s, a) => s + Math.exp(a), 0)) / beta;
        const e = mem.energy(x);
        expect(Number.isFinite(e)).toBe(true);
        expect(Math.abs(e - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
        if (q === 0) expect(Number.isFinite(naive)).toBe(false); // the unshifted sum is 0 or Infinity here
      }
      // At a stored pattern (Gaussian) the own term is exp(0) = 1, so 0 >= E >= -(1/beta) log M.
      if (target === 'gaussian') {
        const e0 = mem.energy(X.subarray(0, d));
        expect(e0).toBeLessThanOrEqual(0);
        expect(e0).toBeGreaterThanOrEqual(-Math.log(m) / beta);
      }
    }
  });

  it('store appends and forget removes a stored copy; forgetting an absent pattern is a typed error', () => {
    const d = 6;
    const rng = createRng(2);
    const X = binaryPatterns(5, d, rng);
    const mem = exactMemory({ dim: d, beta: 4, patterns: X });
    const q = Float64Array.from({ length: d }, () => rng.uniform());
    const before = mem.energy(q);
    const extra = Float64Array.from({ length: d }, () => rng.uniform());
    mem.store(extra);
    expect(mem.count).toBe(6);
    expect(mem.energy(q)).toBeLessThan(before); // one more positive term in the sum
    mem.forget(extra);
    expect(mem.count).toBe(5);
    expect(mem.energy(q)).toBeCloseTo(before, 14);
    expect(() => mem.forget(extra)).toThrow(InvalidValueError);
    expect(() => mem.store([1, 2])).toThrow(ShapeError);
    expect(() => exactMemory({ dim: d, beta: 0 })).toThrow(/beta/);
    expect(() => exactMemory({ dim: d, beta: 1 }).energy(q)).toThrow(/stores no pattern/);
  });
});

/** Central differences of E at x, step eps (truncation O(eps^2), rounding O(1e-16 |E| / eps)). */
function finiteDifference(mem: EnergyMemory, x: Float64Array, eps: number): Float64Array {
  const g = new Float64Array(x.length);
  const y = Float64Array.from(x);
  for (let j = 0; j < x.length; j++) {
    y[j] = x[j]! + eps;
    const up = mem.energy(y);
    y[j] = x[j]! - eps;
    const down = mem.energy(y);
    y[j] = x[j]!;
    g[j] = (up - down) / (2 * eps);
  }
  return g;
}

describe('gradients match central finite differences', () => {
  const d = 8;
  const rng = createRng(3);
  const X = binaryPatterns(12, d, rng);
  const x = nearCopy(X, 0, d, 2, rng);
  for (let j = 0; j < d; j++) x[j]! += 0.05 * rng.normal();
  const check = (mem: EnergyMemory): void => {
    const g = new Float64Array(d);
    const e = mem.gradient(x, g);
    expect(e).toBe(mem.energy(x));
    const fd = finiteDifference(mem, x, 1e-5);
    // eps = 1e-5: truncation ~ eps^2 |E'''| ~ 1e-8 at these betas, rounding ~ 1e-16 / 1e-5 = 1e-11.
    for (let j = 0; j < d; j++) expect(Math.abs(g[j]! - fd[j]!)).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(g[j]!)));
  };
  for (const target of ['gaussian', 'exponential'] as const) {
    it(`exact memory (${target})`, () => check(exactMemory({ dim: d, beta: 10, target, patterns: X })));
    for (const kind of featureKinds) {
      it(`random-feature memory, ${kind} (${target})`, () => {
        const map = randomFeatureMap({ kind, features: 500, dim: d, beta: 3, target, rng: createRng(`fd:${kind}`) });
        const mem = featureMemory({ map, patterns: X });
        check(mem);
        expect(mem.clipped).toBe(0);
      });
    }
  }

  it('below the clip floor the energy is -(1/beta) log eps, the gradient zero, and the evaluation is counted', () => {
    const map = randomFeatureMap({ kind: 'cos', features: 64, dim: d, beta: 3, rng: createRng(4) });
    const mem = featureMemory({ map, clip: 1e-3 });
    const g = new Float64Array(d).fill(7);
    expect(mem.gradient(x, g)).toBeCloseTo(-Math.log(1e-3) / 3, 14);
    expect([...g]).toEqual(new Array(d).fill(0));
    expect(mem.energy(x)).toBeCloseTo(-Math.log(1e-3) / 3, 14);
    expect(mem.clipped).toBe(2);
    expect(mem.evaluations).toBe(2);
    expect(() => featureMemory({ map, clip: 0 })).toThrow(/clip/);
  });
});

describe('random-feature memory', () => {
  it('storing then forgetting a pattern restores T to rounding (|dT_k| <= 4 ulp of |T_k| + |phi_k|)', () => {
    const d = 16;
    const rng = createRng(5);
    const X = binaryPatterns(30, d, rng);
    for (const kind of featureKinds) {
      const map = randomFeatureMap({ kind, features: 300, dim: d, beta: 10, rng: createRng(`sf:${kind}`) });
      const mem = featureMemory({ map, patterns: X });
      const before = Float64Array.from(mem.T);
      const p = nearCopy(X, 3, d, 4, rng);
      const phi = map.map(p);
      mem.store(p);
      expect(mem.count).toBe(31);
      mem.forget(p);
      expect(mem.count).toBe(30);
      for (let k = 0; k < before.length; k++) {
        expect(Math.abs(mem.T[k]! - before[k]!)).toBeLessThanOrEqual(4 * Number.EPSILON * (Math.abs(before[k]!) + Math.abs(phi[k]!)));
      }
    }
  });

  it('T is the sum of the stored patterns\' features, and <phi(x), T> estimates sum_mu K(x, xi^mu) with error shrinking ~ 1/sqrt(Y)', () => {
    const d = 20;
    const rng = createRng(6);
    const X = binaryPatterns(15, d, rng);
    const exact = exactMemory({ dim: d, beta: 10, patterns: X });
    const queries = Array.from({ length: 15 }, (_, mu) => nearCopy(X, mu, d, 2, rng));
    const mae: number[] = [];
    const maps = 16;
    for (const Y of [256, 4096]) {
      let err = 0;
      for (let r = 0; r < maps; r++) {
        const map = randomFeatureMap({ kind: 'sin-cos', features: Y, dim: d, beta: 10, rng: createRng(`rate:${Y}:${r}`) });
        const mem = featureMemory({ map, patterns: X });
        // Independent: T by a plain loop over phi(xi^mu).
        const T = new Float64Array(map.size);
        for (let mu = 0; mu < 15; mu++) { const f = map.map(X.subarray(mu * d, (mu + 1) * d)); for (let k = 0; k < T.length; k++) T[k]! += f[k]!; }
        for (let k = 0; k < T.length; k++) expect(mem.T[k]).toBeCloseTo(T[k]!, 12);
        for (const q of queries) err += Math.abs(mem.energy(q) - exact.energy(q));
      }
      mae.push(err / (maps * 15));
    }
    // Prediction (featureEstimateVariance, delta method): query q's error is about N(0, s_q^2) with
    // s_q = sqrt(Var Z_q / Y) / (beta u_q), so E[MAE] = sqrt(2/pi) mean_q s_q and the expected ratio is
    // mean_q s_q(256) / mean_q s_q(4096) = sqrt(4096 / 256) = 4.
    const s = (Y: number): number => queries.reduce((acc, q) => {
      const v = featureEstimateVariance({ kind: 'sin-cos', beta: 10, dim: d, patterns: X, x: q });
      return acc + Math.sqrt(v.variance / Y) / (10 * v.mean);
    }, 0) / queries.length;
    const predicted = [256, 4096].map((Y) => Math.sqrt(2 / Math.PI) * s(Y));
    expect(predicted[0]! / predicted[1]!).toBeCloseTo(4, 12);
    // Spread: |error| of one query has sd sqrt(1 - 2/pi) s_q. The 15 queries of one map share S, so take them
    // as fully correlated (worst case: the sd of their mean is at most the mean of their sds); the maps are
    // independent. Hence sd(MAE) <= sqrt(1 - 2/pi) mean_q s_q / sqrt(maps), i.e. relative to E[MAE]
    // rel = sqrt((1 - 2/pi) / (2/pi)) / sqrt(16) = 0.189. Each MAE lies within 3 rel of its prediction, and
    // the log of the ratio of the two independent MAEs within 3 sqrt(2) rel of log 4 (3 sd, two-sided).
    const rel = Math.sqrt((1 - 2 / Math.PI) / (2 / Math.PI)) / Math.sqrt(maps);
    mae.forEach((v, k) => expect(Math.abs(v / predicted[k]! - 1)).toBeLessThan(3 * rel));
    expect(Math.abs(Math.log(mae[0]! / mae[1]!) - Math.log(4))).toBeLessThan(3 * Math.SQRT2 * rel);
  });
});

describe('retrieval by gradient descent', () => {
  it('exact memory at beta = 30: from 10% flipped bits, descent lowers the energy at every step and the binarised result is the memory', () => {
    const d = 50;
    const rng = createRng(7);
    const X = binaryPatterns(20, d, rng);
    const mem = exactMemory({ dim: d, beta: 30, patterns: X });
    for (let mu = 0; mu < 5; mu++) {
      const cue = nearCopy(X, mu, d, 5, rng);
      const { x, energies } = descend(mem, cue, { step: 0.1, depth: 200 });
      // step 0.1 < 2 / L for this energy (Hessian eigenvalues <= 1 + beta Var_p <= 1 + 30 * 0.5 * 0.1 here), so E decreases.
      for (let t = 1; t < energies.length; t++) expect(energies[t]!).toBeLessThanOrEqual(energies[t - 1]! + 1e-15);
      for (let j = 0; j < d; j++) expect(x[j]! > 0.5 / Math.sqrt(d) ? 1 / Math.sqrt(d) : 0).toBe(X[mu * d + j]);
    }
  });

  it('clamped coordinates never move; the path starts at the cue; bad options are typed errors', () => {
    const d = 6;
    const X = binaryPatterns(4, d, createRng(8));
    const mem = exactMemory({ dim: d, beta: 5, patterns: X });
    const cue = Float64Array.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6);
    const clamp = [1, 0, 1, 0, 0, 0];
    const { x, path } = descend(mem, cue, { step: 0.05, depth: 30, clamp, trace: true });
    expect(x[0]).toBe(0.1);
    expect(x[2]).toBe(0.3);
    expect(x[1]).not.toBe(0.2);
    expect(path!.length).toBe(31 * d);
    expect([...path!.subarray(0, d)]).toEqual([...cue]);
    expect(() => descend(mem, cue, { step: 0, depth: 3 })).toThrow(/step/);
    expect(() => descend(mem, cue, { step: 0.1, depth: 3, clamp: [1] })).toThrow(/clamp/);
    expect(() => descend(mem, [1, 2], { step: 0.1, depth: 3 })).toThrow(ShapeError);
  });

  it('descend validates once and calls the unchecked gradient, which equals the checked one; divergence is still a typed error', () => {
    const d = 8;
    const X = binaryPatterns(3, d, createRng(9));
    const exact = exactMemory({ dim: d, beta: 4, patterns: X });
    const features = featureMemory({ map: randomFeatureMap({ kind: 'exp', features: 64, dim: d, beta: 4, rng: createRng(10) }), patterns: X });
    const cue = Float64Array.from({ length: d }, (_, j) => (j % 2) * 0.3);
    for (const mem of [exact, features]) {
      const a = new Float64Array(d);
      const b = new Float64Array(d);
      expect(mem.gradientUnchecked!(cue, a)).toBe(mem.gradient(cue, b));
      expect([...a]).toEqual([...b]);
      // A memory whose checked gradient throws: descend must never call it (before the fix every step did, O(d) checks each).
      let unchecked = 0;
      const spy: EnergyMemory = {
        dim: d, beta: mem.beta, energy: (x) => mem.energy(x),
        gradient: () => { throw new Error('checked gradient called inside descend'); },
        gradientUnchecked: (x, out) => { unchecked++; return mem.gradientUnchecked!(x, out); },
      };
      const viaSpy = descend(spy, cue, { step: 0.05, depth: 20 });
      expect(unchecked).toBe(20);
      expect([...viaSpy.x]).toEqual([...descend(mem, cue, { step: 0.05, depth: 20 }).x]);
    }
    // Gaussian energy, step 1e300: x -> (1 - 1e300) x + 1e300 m overflows to Infinity within two steps.
    expect(() => descend(exact, cue, { step: 1e300, depth: 5 })).toThrow(/^step: 1e\+300 made the descent diverge/);
  });
});

describe('bad input: typed errors naming the parameter, before any change', () => {
  it('pattern shapes, non-finite queries, encodings, empty engines', async () => {
    const { encodeBinary } = await import('../../src/features/binary-encoding.js');
    const { exactFieldEngine } = await import('../../src/features/exact-field-engine.js');
    const { ParameterError } = await import('../../src/errors.js');
    const map = randomFeatureMap({ kind: 'exp', features: 16, dim: 4, beta: 1, rng: createRng(1) });
    expect(() => featureMemory({ map, patterns: [1, 2, 3] })).toThrow(ShapeError);
    expect(() => exactMemory({ dim: 4, beta: 1, patterns: [1, 2, 3] })).toThrow(ShapeError);
    expect(() => featureMemory({ map, patterns: [1, 2, 3, NaN] })).toThrow(/patterns: entry 3 is NaN/);
    const mem = featureMemory({ map, patterns: [0, 1, 0, 1] });
    const before = Float64Array.from(mem.T);
    expect(() => mem.store([0, 1, Infinity, 0])).toThrow(InvalidValueError);
    expect([...mem.T]).toEqual([...before]);
    expect(() => mem.energy([0, NaN, 0, 0])).toThrow(/x: entry 1/);
    expect(() => exactMemory({ dim: 4, beta: 1, patterns: [0, 1, 0, 1] }).gradient([0, 0, 0, NaN], new Float64Array(4))).toThrow(InvalidValueError);
    expect(() => encodeBinary([1, -1], 'ternary' as never)).toThrow(ParameterError);
    expect(() => exactFieldEngine({ memory: exactMemory({ dim: 4, beta: 1 }) })).toThrow(/stores no pattern/);
  });
});
