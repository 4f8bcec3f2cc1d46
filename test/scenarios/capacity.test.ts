import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, runScenario } from '../../node.js';
import capacity from '../../scenarios/capacity.js';
import { coverFraction } from '../plasticity/helpers.js';

/**
 * What the capacity scenario must satisfy, from facts that hold for every pattern draw or from
 * Cover's theorem, never from the scenario's own checks.
 *
 * Paired facts (the same pattern sequence for every rule: runTask draws its patterns from
 * `rng.child('patterns')`, so equal seeds give equal sequences):
 * - pseudoinverse: M_max <= N - 1, since K_i = X_{-i} X_{-i}^T has rank <= N - 1 (exact);
 * - a pattern set stored by the pseudoinverse or by Hebbian learning is separable for every
 *   neuron (those coefficients separate it), so a separating rule, which stores every separable
 *   set it finds a separator for, has M_max(separating) >= M_max(pseudoinverse), M_max(Hebbian).
 *   Below N - 1 patterns the margins are large and both rules converge in a few epochs.
 * A reported separation is a certificate (every y h > 0), so a separating rule's M_max never
 * exceeds the true largest separable prefix; non-convergence within maxEpochs can only lower it.
 *
 * Cover's function counting theorem bounds the mean: no M points in R^(N-1) have more than
 * C(M, N - 1) homogeneously separable dichotomies, and neuron 0's labels (its own bits) are uniform
 * and independent of its inputs, so P(M_max >= M) <= P(neuron 0 separates M) <= C(M, N - 1) / 2^M
 * and E[M_max] <= U = sum_{M >= 1} C(M, N - 1) / 2^M (no independence between neurons assumed).
 */
describe('capacity scenario (small size)', () => {
  const n = 16;
  const trials = 4;
  const params = capacity.params.parse({ N: String(n), maxEpochs: '500' });
  const mMax = (rule: 'hebbian' | 'pseudoinverse' | 'adatron' | 'perceptron', trial: number): number =>
    (capacity.runTask({ rule, kernel: 'linear', N: n, trial }, params, createRng(`capacity-test-${trial}`)) as { mMax: number }).mMax;
  let results: { hebbian: number; pseudoinverse: number; adatron: number; perceptron: number }[] = [];
  beforeAll(() => {
    results = Array.from({ length: trials }, (_, t) => ({
      hebbian: mMax('hebbian', t), pseudoinverse: mMax('pseudoinverse', t), adatron: mMax('adatron', t), perceptron: mMax('perceptron', t),
    }));
  });

  it('on every trial: pseudoinverse <= N - 1, and Hebbian and pseudoinverse <= each separating rule', () => {
    for (const r of results) {
      expect(r.pseudoinverse).toBeLessThanOrEqual(n - 1);
      for (const separating of [r.adatron, r.perceptron]) {
        expect(separating).toBeGreaterThanOrEqual(r.pseudoinverse);
        expect(separating).toBeGreaterThanOrEqual(r.hebbian);
      }
    }
  });

  it('the mean capacity of the separating rules is below Cover\'s single-neuron bound, and far above Hebbian', () => {
    let upper = 0;
    for (let m = 1; m < 8 * n; m++) upper += coverFraction(m, n - 1);
    // One-sided: the trial mean exceeds E[M_max] by more than t_{0.999, T-1} s / sqrt(T) with
    // probability 0.1% (t_{0.999, 3} = 10.21), and E[M_max] <= upper.
    const values = results.map((r) => Math.max(r.adatron, r.perceptron));
    const mean = values.reduce((a, b) => a + b, 0) / trials;
    const s = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (trials - 1));
    expect(mean).toBeLessThanOrEqual(upper + (10.21 * s) / Math.sqrt(trials));
    // Hebbian error-free capacity ~ N / (2 ln N) = 2.9 at N = 16 (McEliece et al. 1987), Cover's ~1.35 N = 21.6:
    // a factor of 7 in expectation; the per-trial spreads (about 1 and 3 patterns) make a factor 3 on the means safe.
    const hebbian = results.reduce((a, r) => a + r.hebbian, 0) / trials;
    expect(hebbian * 3).toBeLessThan(mean);
  });

  it('runs as a scenario: rows name the registry rule they ran, and the hebbian row is the classical rule', async () => {
    const { result } = await runScenario(capacity, { seed: 3, trials: 2, params: { N: '12', rules: 'hebbian,adatron' } });
    const row = (rule: string) => result.rows.find((r) => r.rule === rule)!;
    expect(row('hebbian').learningRule).toBe('hebbian {}');
    expect(row('adatron').learningRule).toBe('kernelAdatron {"tol":0.01}');
    expect(row('hebbian').theoryAlphaC).not.toBeNull();
  });
});
