import { describe, expect, it } from 'vitest';
import { runScenario } from '../../node.js';
import randomFeatures from '../../scenarios/random-features.js';

const params = {
  dim: 40, M: 30, features: '64,256,1024', betas: '1,10,40', betaFeatures: 256, queries: 15,
  retrievalFeatures: '64,1024', retrievalQueries: 4, depth: 40, costM: '10,1000',
};

describe('random-features scenario (small size)', () => {
  it('errors fall as ~1/sqrt(Y), grow with beta and with distance from the memories; trajectories converge with Y', async () => {
    const { result, output } = await runScenario(randomFeatures, { seed: 3, trials: 3, params });
    const row = (beta: number, Y: number, query: string) => result.rows.find((r) => r.beta === beta && r.Y === Y && r.query === query)!;
    for (const query of ['memories', 'near', 'random']) {
      // 16x the features: the Monte Carlo error shrinks by sqrt(16) = 4. Means over 3 trials x 15 queries of
      // absolute errors have a relative spread of ~15%, so the ratio lies well inside [2.5, 6.5].
      for (const key of ['energyMae', 'gradMae']) {
        const ratio = (row(10, 64, query)[key] as number) / (row(10, 1024, query)[key] as number);
        expect(ratio).toBeGreaterThan(2.5);
        expect(ratio).toBeLessThan(6.5);
      }
    }
    // The error level itself: at Y = 1024 the mean |E - E~| is sqrt(2/pi) sigma_Z / (beta u sqrt(Y)) (delta method, with
    // Var Z from featureEstimateVariance, itself checked against Monte Carlo). A mean of 45 half-normal errors, correlated
    // within a trial (same S), has a relative spread of ~20%: [0.6, 1.4].
    for (const query of ['memories', 'near', 'random']) {
      const r = row(10, 1024, query);
      expect((r.energyMae as number) / (r.energyTheory as number)).toBeGreaterThan(0.6);
      expect((r.energyMae as number) / (r.energyTheory as number)).toBeLessThan(1.4);
    }
    for (const e of result.tables.exponents!) {
      expect(e.exponent as number).toBeGreaterThan(-0.75);
      expect(e.exponent as number).toBeLessThan(-0.3);
      expect(e.lo as number).toBeLessThan(e.hi as number);
    }
    // The slope checks pass exactly when -0.5 lies inside the trials' 95% t interval (no hand-set band around it),
    // and the b checks when 1 lies inside the ratio's interval.
    const exps = result.tables.exponents!;
    const slopeChecks = output.checks.filter((c) => c.claim.includes('falls as Y^(-1/2)'));
    expect(slopeChecks.length).toBe(exps.length);
    slopeChecks.forEach((c, k) => {
      expect(c.pass).toBe((exps[k]!.lo as number) <= -0.5 && -0.5 <= (exps[k]!.hi as number));
      expect(c.criterion).toMatch(/^-0\.5 lies inside the 95% t interval/);
    });
    const withB = exps.filter((e) => e.theoryB !== null);
    const bChecks = output.checks.filter((c) => c.claim.includes('Monte Carlo prediction'));
    expect(bChecks.length).toBe(withB.length);
    bChecks.forEach((c, k) => expect(c.pass).toBe((withB[k]!.bRatioLo as number) <= 1 && 1 <= (withB[k]!.bRatioHi as number)));
    // At beta = 40 a random query's kernel sum is ~M exp(-beta/4) = 1e-3 against a Monte Carlo error ~sqrt(M / 2Y)
    // = 0.24: the estimate is noise (often clipped), while at a memory the own term exp(0) = 1 dominates.
    expect(row(40, 256, 'near').energyMae as number).toBeGreaterThan(row(1, 256, 'near').energyMae as number);
    expect(row(40, 256, 'random').energyMae as number).toBeGreaterThan(5 * (row(40, 256, 'memories').energyMae as number));
    expect(row(40, 256, 'random').clippedFraction as number).toBeGreaterThan(0.1);
    expect(row(1, 256, 'memories').clippedFraction).toBe(0);
    const [small, large] = result.tables.retrieval!;
    expect(large!.finalDistance as number).toBeLessThan(small!.finalDistance as number);
    // Trajectories start at the same cue.
    expect(result.tables['retrieval-trajectory']!.filter((r) => r.step === 0).every((r) => r.distance === 0)).toBe(true);
    expect(output.plots.map((p) => p.name)).toEqual(['energy-error-vs-features', 'gradient-error-vs-features', 'energy-error-vs-beta', 'clipped-fraction-vs-beta', 'retrieval-divergence', 'cost-vs-m']);
    for (const p of output.plots) expect((p.spec as { data: { values: unknown[] } }).data.values.length).toBeGreaterThan(0);
    expect(output.summary).toMatch(/falls as Y\^-0\.\d+ \(95% interval/);
  });

  it('same seed, same bits; unknown parameters are errors', async () => {
    const small = { ...params, features: '64,128', betas: '10', retrievalFeatures: '64', depth: 5 };
    const a = await runScenario(randomFeatures, { seed: 4, trials: 2, params: small });
    const b = await runScenario(randomFeatures, { seed: 4, trials: 2, params: small });
    expect(JSON.stringify(a.result.rows)).toBe(JSON.stringify(b.result.rows));
    await expect(runScenario(randomFeatures, { seed: 1, trials: 1, params: { Y: 3 } })).rejects.toThrow(/not a parameter/);
    // Orthogonal rows: a different S, and no i.i.d.-variance prediction is checked.
    const o = await runScenario(randomFeatures, { seed: 4, trials: 2, params: { ...small, rows: 'orthogonal' } });
    expect(JSON.stringify(o.result.rows)).not.toBe(JSON.stringify(a.result.rows));
    expect(o.output.checks.some((c) => c.claim.includes('Monte Carlo prediction'))).toBe(false);
    expect(a.output.checks.some((c) => c.claim.includes('Monte Carlo prediction'))).toBe(true);
  });
});
