import { describe, expect, it } from 'vitest';
import { createRng, linear, randomBipolar, type BipolarPatterns } from '../../node.js';
import { perceptron, pseudoinverse, trainCoefficients } from '../../plasticity/index.js';
import { exactCapacity } from '../../plasticity/exact/exact-capacity.js';
import { storesAll } from '../../plasticity/exact/stores-all.js';
import { neuronsByMargin } from '../../plasticity/exact/neurons-by-margin.js';
import { separableByExactLp } from './rational-lp.js';

const prefix = (X: BipolarPatterns, m: number): BipolarPatterns => ({ ...X, count: m, data: X.data.subarray(0, m * X.dim) });

/** Neuron i's label-signed points `xi_i^mu * xi^mu` without component i, for the first m patterns. */
function neuronPoints(X: BipolarPatterns, i: number, m: number): number[][] {
  const out: number[][] = [];
  for (let mu = 0; mu < m; mu++) {
    const row = Array.from(X.data.subarray(mu * X.dim, (mu + 1) * X.dim));
    const y = row[i]!;
    out.push(row.filter((_, j) => j !== i).map((v) => v * y));
  }
  return out;
}

describe('exactCapacity (network storability)', () => {
  it('equals the largest prefix every neuron separates, by an exact rational LP per neuron and prefix', () => {
    for (let trial = 0; trial < 3; trial++) {
      const n = 8;
      const X = randomBipolar({ count: 3 * n, dim: n }, createRng(`cap-${trial}`));
      const r = exactCapacity(X, linear());
      let lp = 0;
      for (let m = 1; m <= X.count; m++) {
        let all = true;
        for (let i = 0; i < n && all; i++) all = separableByExactLp(neuronPoints(X, i, m));
        if (!all) break;
        lp = m;
      }
      expect(r.mMax).toBe(lp);
      expect(r.censored).toBe(lp === X.count);
      expect(r.certified).toBe(true);
    }
  });

  it('storesAll gives the verdict of training every neuron, whatever neuron goes first', () => {
    const n = 16;
    const X = randomBipolar({ count: 40, dim: n }, createRng('stores-all'));
    const exact = exactCapacity(X, linear());
    for (const m of [8, exact.mMax - 2, exact.mMax, exact.mMax + 1]) {
      for (const rule of [perceptron(), pseudoinverse()]) {
        const opts = { maxEpochs: 30, rng: createRng(`order-${m}`) };
        let full: boolean;
        try {
          full = trainCoefficients(prefix(X, m), linear(), rule, opts).reports.every((rep) => rep.separates);
        } catch {
          full = false;
        }
        let early: boolean;
        try {
          early = storesAll(prefix(X, m), linear(), rule, { ...opts, rng: createRng(`order-${m}`), first: [exact.hardestNeuron, 3] });
        } catch {
          early = false;
        }
        expect(early).toBe(full);
      }
    }
    // No rule separates beyond the oracle: the perceptron with a generous budget fails at mMax + 1.
    expect(storesAll(prefix(X, exact.mMax + 1), linear(), perceptron(), { maxEpochs: 2000, rng: createRng(1) })).toBe(false);
  });

  it('refuses a max outside [1, count] before any work', () => {
    const X = randomBipolar({ count: 10, dim: 8 }, createRng(1));
    expect(() => exactCapacity(X, linear(), { max: 11 })).toThrow(/max/);
    expect(() => storesAll(X, linear(), perceptron(), { first: [8] })).toThrow(/first/);
  });
});

describe('neuronsByMargin', () => {
  it('is a permutation that puts every inseparable neuron (exact rational LP) before every separable one', () => {
    const n = 10;
    let both = 0;
    for (let trial = 0; trial < 4; trial++) {
      const X = randomBipolar({ count: 17, dim: n }, createRng(`margin-${trial}`));
      const order = Array.from(neuronsByMargin(X, linear()));
      expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
      const separable = order.map((i) => separableByExactLp(neuronPoints(X, i, X.count)));
      const firstSeparable = separable.indexOf(true);
      if (firstSeparable > 0) both++;
      if (firstSeparable >= 0) expect(separable.slice(firstSeparable).every((s) => s)).toBe(true);
    }
    // M = 17 for N - 1 = 9 inputs is near Cover's threshold 2(N - 1): some trials have both kinds.
    expect(both).toBeGreaterThan(0);
  });
});
