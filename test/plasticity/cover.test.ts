import { describe, expect, it } from 'vitest';
import { createRng, gaussianPatterns, linear } from '../../node.js';
import { fit, kernelAdatron, kernelProblem } from '../../plasticity/index.js';
import { coverFraction } from './helpers.js';

/**
 * Cover (1965): M points in general position in n dimensions admit C(M, n) = 2 sum_{k<n} C(M-1, k)
 * of the 2^M dichotomies by a homogeneous linear separator. Gaussian inputs are in general
 * position with probability 1 (the theorem's setting; bipolar points are not, at small n), and
 * random labels pick a uniform dichotomy, so the fraction of separable draws is C(M, n) / 2^M.
 *
 * Separability is decided by the Kernel-Adatron without bias run for up to 3000 epochs: a draw
 * counts as separable when the rule ends with every example strictly on the right side
 * (`separates`), a certificate of separability; non-separable draws never produce one. The only
 * possible error is a separable draw whose margin is too small to be found in 3000 epochs,
 * which biases the fraction down by far less than the binomial tolerance below.
 */
describe("one linear neuron's capacity follows Cover's theorem", () => {
  const n = 10;
  const trials = 400;
  for (const m of [15, 20, 25]) {
    it(`M = ${m}, n = ${n}: separable fraction within 3.5 binomial standard errors of C(M, n) / 2^M`, () => {
      const rng = createRng(`cover-${m}`);
      const rule = kernelAdatron({ tol: 1e-2 });
      let separable = 0;
      for (let t = 0; t < trials; t++) {
        const x = gaussianPatterns({ count: m, dim: n }, rng);
        const y = Array.from({ length: m }, () => rng.bipolar());
        const problem = kernelProblem(x, y, linear());
        const state = rule.init(problem);
        fit(rule, problem, state, { maxEpochs: 3000 });
        let min = Infinity;
        for (let mu = 0; mu < m; mu++) min = Math.min(min, y[mu]! * state.field[mu]!);
        if (min > 0) separable++;
      }
      const p = coverFraction(m, n);
      const se = Math.sqrt((p * (1 - p)) / trials);
      expect(Math.abs(separable / trials - p)).toBeLessThan(3.5 * se);
    });
  }

  it('is exactly 1/2 at M = 2n (the formula itself)', () => {
    expect(coverFraction(20, 10)).toBeCloseTo(0.5, 15);
    expect(coverFraction(10, 6)).toBeCloseTo(764 / 1024, 15);
  });
});
