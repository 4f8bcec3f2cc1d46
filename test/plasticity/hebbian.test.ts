import { describe, expect, it } from 'vitest';
import { createRng, linear, normalCdf, randomBipolar, type BipolarPatterns } from '../../src/index.js';
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

  it('one-step bit error at load alpha = M/N = 0.2 (N = 500) is Phi(-1/sqrt(alpha))', () => {
    // Signal-to-noise theory (Amit, Gutfreund, Sompolinsky 1985; Hertz-Krogh-Palmer 2.2):
    // the cross-talk is a sum of (M-1)(N-1) +/-1 terms, so P(error) ~ Phi(-1/sqrt(alpha)) = 0.01267.
    // 2 networks give 1e5 bits, ~1270 expected errors: binomial sd ~2.8%; the finite-size value
    // Phi(-sqrt((N-1)/(M-1))) is 2.3% lower. Tolerance 10% relative covers both with margin.
    const n = 500;
    const m = 100;
    let error = 0;
    for (const seed of [1, 2]) {
      const x = randomBipolar({ count: m, dim: n }, createRng(`hebb-${seed}`));
      const { alpha, theta } = trainCoefficients(x, linear(), hebbian());
      error += oneStepError(x, alpha, theta) / 2;
    }
    const theory = normalCdf(-1 / Math.sqrt(m / n));
    expect(Math.abs(error - theory) / theory).toBeLessThan(0.1);
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
