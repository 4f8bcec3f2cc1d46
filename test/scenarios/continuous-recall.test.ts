import { describe, expect, it } from 'vitest';
import { expBetaCapacityBound, expBetaRecallProbability, runScenario } from '../../node.js';
import continuousRecall from '../../scenarios/continuous-recall.js';
import { linearFit } from '../../scenarios/lib/geometry.js';

describe('continuous-recall scenario (small size)', () => {
  it('recall follows P(chi2_N < r^2/sigma^2), about 1/2 at sigma^2 = r^2/N, and capacity grows exponentially above Eq. 24', async () => {
    const { result, output } = await runScenario(continuousRecall, {
      seed: 3, trials: 12,
      params: { N: '32', M: '20', sigma2: '0.08,0.16', capacityN: '8,12,16,20' },
    });
    // Default r = sqrt(N / 8): threshold variance 1/8 at every N.
    expect(result.rows.map((r) => r.sigma2)).toEqual([0.08, 0.125, 0.16]);
    for (const row of result.rows) {
      const theory = expBetaRecallProbability({ n: 32, r: row.r as number, sigma2: row.sigma2 as number });
      expect(row.theory).toBeCloseTo(theory, 12);
      // 12 sets x 20 cues = 240 independent Bernoulli cues (patterns > 2r apart, so the outcome
      // depends on the noise only): binomial SE sqrt(p (1 - p) / 240) <= 0.032; allow 4 SE.
      const se = Math.sqrt(Math.max(theory * (1 - theory), 1 / 240) / 240);
      expect(Math.abs((row.recall as number) - theory)).toBeLessThanOrEqual(4 * se);
    }
    const atThreshold = result.rows.find((r) => r.sigma2 === 0.125)!;
    // Property 6: >= 50% at the threshold; P(chi2_32 < 32) = 0.53, SE 0.032, so >= 0.5 - 4 SE.
    expect(atThreshold.recall as number).toBeGreaterThan(0.5 - 4 * 0.033);
    const cap = result.tables.capacity!;
    for (const c of cap) {
      // Eq. 24 is a lower bound: the mean M_max (relative sd ~0.5, SE ~0.15 of the mean over 12
      // runs) exceeds it by a factor of 2 or more at these N.
      expect(c.mMax as number).toBeGreaterThan(expBetaCapacityBound({ n: c.N as number, sigma2Max: 0.125 }));
      expect(c.verified).toBe(c.trials);
      expect(c.censored).toBe(0);
    }
    // ln M_max against N: the pair-statistics slope is about 0.17 per neuron; SE of ln(mean) ~0.15
    // per point over 12 N-units gives a slope SE of ~0.015, so > 0.07 (the Eq. 24 exponent) is safe.
    const fit = linearFit(cap.map((c) => c.N as number), cap.map((c) => Math.log(c.mMax as number)));
    expect(fit.slope).toBeGreaterThan(0.07);
    expect(output.checks.every((c) => c.pass)).toBe(true);
    expect(output.plots.map((p) => p.name)).toEqual(['recall-vs-sigma2-N32', 'capacity-vs-n']);
  });
});
