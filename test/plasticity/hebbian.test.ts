import { describe, expect, it } from 'vitest';
import { createRng, hebbianBitErrorExact, linear, normalCdf, randomBipolar, type BipolarPatterns } from '../../node.js';
import { centredHebbian, fit, hebbian, recurrentProblems, trainCoefficients } from '../../plasticity/index.js';

/**
 * One-step bit error: the fraction of (neuron, pattern) pairs whose field, with the network set
 * to the pattern, has the wrong sign (sgn(0) = +1). Fields from the learned alpha and theta and
 * an overlap matrix computed here: h_i^nu = sum_mu alpha_i^mu xi_i^mu (xi^mu . xi^nu - xi_i^mu xi_i^nu) - theta_i.
 */
function oneStepError(x: BipolarPatterns, alpha: Float64Array, theta: Float64Array): number {
  const { count: m, dim: n, data } = x;
  const over = new Float64Array(m * m);
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += data[a * n + j]! * data[b * n + j]!;
    over[a * m + b] = s;
  }
  let errors = 0;
  for (let i = 0; i < n; i++) for (let nu = 0; nu < m; nu++) {
    let h = -theta[i]!;
    for (let mu = 0; mu < m; mu++) {
      const y = data[mu * n + i]!;
      h += alpha[i * m + mu]! * y * (over[mu * m + nu]! - y * data[nu * n + i]!);
    }
    if ((h >= 0 ? 1 : -1) !== data[nu * n + i]) errors++;
  }
  return errors / (n * m);
}

describe('Hebbian one-shot learning (A = 1)', () => {
  it('gives the classical Hopfield network: alpha = 1, theta = 0', () => {
    const x = randomBipolar({ count: 5, dim: 30 }, createRng(1));
    const { alpha, theta, reports } = trainCoefficients(x, linear(), hebbian());
    expect(alpha.every((v) => v === 1)).toBe(true);
    expect(theta.every((v) => v === 0)).toBe(true);
    expect(reports[0]!.supportVectors).toBe(5);
  });

  it('one-step bit error of trained networks at load alpha = M/N = 0.25 matches the exact finite-N value, near Phi(-1/sqrt(alpha))', () => {
    // Every bit's error probability is exactly hebbianBitErrorExact(N, M) (binomial crosstalk,
    // checked against a brute-force count in test/theory.test.ts), so it is the expectation of each
    // network's error fraction. Bits of one network are dependent, so the spread is measured across
    // R = 8 independent networks: |mean - P| <= t_{0.9995, 7} s / sqrt(R) (t = 5.408) fails with
    // probability 0.1% for a correct network.
    const n = 160;
    const m = 40;
    const fractions: number[] = [];
    for (let seed = 0; seed < 8; seed++) {
      const x = randomBipolar({ count: m, dim: n }, createRng(`hebb-${seed}`));
      const { alpha, theta } = trainCoefficients(x, linear(), hebbian());
      fractions.push(oneStepError(x, alpha, theta));
    }
    const mean = fractions.reduce((a, b) => a + b, 0) / 8;
    const s = Math.sqrt(fractions.reduce((a, v) => a + (v - mean) ** 2, 0) / 7);
    const exact = hebbianBitErrorExact(n, m);
    expect(s).toBeGreaterThan(0);
    expect(Math.abs(mean - exact)).toBeLessThanOrEqual((5.408 * s) / Math.sqrt(8));
    // The large-N value Phi(-1/sqrt(alpha)) = 0.0228 differs from the exact one at this size by less than 10%.
    expect(Math.abs(exact - normalCdf(-1 / Math.sqrt(m / n))) / exact).toBeLessThan(0.1);
  });

  it('sparse patterns (f = 0.1) need the threshold: the centred rule recalls, theta = 0 fails', () => {
    // With theta = 0 every field is dominated by sum_mu y^mu k(xi^mu . xi^nu) ~ M a^3 N < 0, so all
    // active bits (10%) flip. The centred rule's signal-to-noise is ~ sqrt(N / M) / sqrt(1 + a^2)
    // = 3.9 here (a = -0.8), i.e. an error ~ 1e-4; we require < 1%.
    const n = 500;
    const m = 20;
    const x = randomBipolar({ count: m, dim: n, sparseness: 0.1 }, createRng(7));
    const plain = trainCoefficients(x, linear(), hebbian());
    const centred = trainCoefficients(x, linear(), centredHebbian({ sparseness: 0.1 }));
    expect(oneStepError(x, plain.alpha, plain.theta)).toBeGreaterThan(0.05);
    expect(oneStepError(x, centred.alpha, centred.theta)).toBeLessThan(0.01);
    expect(centred.alpha.every((v) => v > 0)).toBe(true);
  });

  it('two centred rule objects with equal options give the same theta on the same state (no learned state outside NeuronState)', () => {
    // Issue 10: the threshold's kbar lived in a per-object WeakMap, so a state initialised by one
    // object and trained by another got theta 281.9 instead of 28.5. Expected value computed here
    // from the kernel matrix by plain loops: theta = kbar sum_mu c^mu - a (kself - kbar), c = y - a.
    const x = randomBipolar({ count: 30, dim: 200, sparseness: 0.1 }, createRng(11));
    const problem = recurrentProblems(x, linear()).problem(4);
    const a = 2 * 0.1 - 1;
    const m = problem.count;
    let off = 0;
    let self = 0;
    let sumC = 0;
    for (let mu = 0; mu < m; mu++) {
      self += problem.gram[mu * m + mu]!;
      sumC += problem.labels[mu]! - a;
      for (let nu = 0; nu < m; nu++) if (nu !== mu) off += problem.gram[mu * m + nu]!;
    }
    const kbar = off / (m * (m - 1));
    const expected = kbar * sumC - a * (self / m - kbar);
    const first = centredHebbian({ sparseness: 0.1 });
    const second = centredHebbian({ sparseness: 0.1 });
    const byFirst = fit(first, problem, first.init(problem), { online: true });
    const bySecond = fit(second, problem, first.init(problem), { online: true });
    const solved = fit(second, problem, first.init(problem));
    for (const state of [byFirst, bySecond, solved]) expect(Math.abs(state.theta - expected)).toBeLessThan(1e-9 * Math.abs(expected));
  });

  it('hebbian() is the classical rule whatever it is trained with, and refuses a sparseness', () => {
    const x = randomBipolar({ count: 10, dim: 40, sparseness: 0.1 }, createRng(12));
    const { alpha, theta } = trainCoefficients(x, linear(), hebbian());
    expect(alpha.every((v) => v === 1) && theta.every((v) => v === 0)).toBe(true);
    expect(() => hebbian({ sparseness: 0.1 } as never)).toThrow(/centredHebbian/);
  });
});
