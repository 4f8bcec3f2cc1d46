import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenario/run-scenario.js';
import { coverCapacity } from '../../src/theory/cover.js';
import { polynomialFeatureDimension } from '../../src/theory/dense-capacity.js';
import scenario from '../../scenarios/structured-capacity.js';

describe('structured-capacity scenario (small sizes)', () => {
  it('pools meet their separation; correlation lowers A = 1 capacity; max margin sits near Cover once d >= 2', async () => {
    const { result, output } = await runScenario(scenario, {
      seed: 2,
      trials: 2,
      params: { N: '16', separations: '1,2,3,4', degrees: '3', marginN: '10', marginDegrees: '2', poolSize: '300', maxEpochs: '300' },
    });
    for (const r of result.rows) {
      expect(r.achievedDistance as number).toBeGreaterThanOrEqual(r.separation as number);
      expect(r.mMax as number).toBeLessThanOrEqual(r.poolSize as number);
      if (r.censored === r.trials) expect(r.mMax).toBe(r.poolSize);
    }
    const row = (rule: string, correlated: boolean, d: number) => result.rows.find((r) => r.rule === rule && r.correlated === correlated && r.separation === d)!;
    // Block correlation rho = 0.5 adds crosstalk between patterns that share latent bits: at d = 1
    // (nearly i.i.d. pools) the A = 1 capacity of h^3 drops well below the uncorrelated one.
    expect(row('hebbian', true, 1).mMax as number).toBeLessThan(row('hebbian', false, 1).mMax as number);
    // Pairs at distance 1 differ in one neuron's bit only: that neuron cannot separate them, so
    // max-margin capacity at d = 1 is far below Cover; from d = 2 it is Cover's count in D = C(9, 2) + 1.
    const cover = coverCapacity({ inputs: polynomialFeatureDimension(9, 2), neurons: 10 });
    expect(row('adatron', false, 1).mMax as number).toBeLessThan(0.6 * cover);
    const r2 = row('adatron', false, 2);
    expect(r2.mMax as number).toBeGreaterThan(0.6 * cover);
    expect(r2.mMax as number).toBeLessThan(1.2 * cover);
    expect(output.tables!.fits!.length).toBeGreaterThan(0);
    expect(output.plots.map((p) => p.name)).toEqual(['capacity-vs-separation-hebbian-independent', 'capacity-vs-separation-hebbian-correlated', 'capacity-vs-separation-adatron-independent', 'capacity-vs-separation-adatron-correlated']);
  }, 20000);

  it('criterion = recall: capacities from cues with rho N flipped bits stay within the pools and below the fixed-point ones', async () => {
    const params = { rules: 'hebbian', N: '16', separations: '1,3', degrees: '3', poolSize: '200' };
    const recall = await runScenario(scenario, { seed: 7, trials: 2, params: { ...params, criterion: 'recall', rho: '0.125' } });
    const fixed = await runScenario(scenario, { seed: 7, trials: 2, params });
    for (const r of recall.result.rows) {
      expect(r.mMax as number).toBeGreaterThan(0);
      expect(r.mMax as number).toBeLessThanOrEqual(r.poolSize as number);
      // Same pools (same seed and task); exact recall at M implies fixed points at M (recallsAll test), and here the searched capacities are ordered too.
      const f = fixed.result.rows.find((x) => x.correlated === r.correlated && x.separation === r.separation)!;
      expect(r.mMax as number).toBeLessThanOrEqual(f.mMax as number);
    }
  }, 20000);

  it('rejects a separation outside its bounds before running', async () => {
    await expect(runScenario(scenario, { params: { separations: '0' } })).rejects.toThrow(/separations/);
  });
});
