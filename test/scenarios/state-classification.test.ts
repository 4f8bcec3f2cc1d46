import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenario/run-scenario.js';
import scenario from '../../scenarios/state-classification.js';
import { pairedTTest } from '../../scenarios/lib/paired-t.js';

describe('one-sided paired t test over networks', () => {
  it('matches a hand computation and the tabulated t quantiles (t_0.95 = 2.919986 at 2 df, 1.833113 at 9 df)', () => {
    // d = (0.1, 0.2, 0.3): mean 0.2, sd 0.1, se 0.1 / sqrt 3, t = 2 sqrt 3 = 3.4641 > 2.919986.
    const t = pairedTTest([0.1, 0.2, 0.3]);
    expect(t.mean).toBeCloseTo(0.2, 15);
    expect(t.se).toBeCloseTo(0.1 / Math.sqrt(3), 14);
    expect(t.t).toBeCloseTo(2 * Math.sqrt(3), 12);
    expect(t.df).toBe(2);
    expect(t.critical).toBeCloseTo(2.919986, 5);
    expect(t.significant).toBe(true);
    // Ten networks, nine of them unchanged and one much better: the pooled states could look decisive,
    // the network-level test is not (mean 0.05, sd 0.158, t = 1.0 < 1.833113).
    const one = pairedTTest([0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(one.t).toBeCloseTo(1, 12);
    expect(one.critical).toBeCloseTo(1.833113, 5);
    expect(one.significant).toBe(false);
    expect(pairedTTest([0.3]).significant).toBe(false); // 0 df: no test
    expect(pairedTTest([0, 0, 0]).significant).toBe(false);
  });
});

const small = { N: '32', P: '2', K: '2', R: '2', prototypeSweep: '2', examplesSweep: '2', noiseSweep: '0.1', networks: '3', probes: '15', classifierEpochs: '10', maxTrain: '60' };

describe('state-classification scenario (small sizes)', () => {
  it('pools confusion counts consistently: accuracies inside their Wilson intervals, per-class counts add up, generalisation sets at 2P and the shifted noise', async () => {
    const { result, output } = await runScenario(scenario, { seed: 3, trials: 1, workers: 1, params: small });
    const sets = new Set(result.rows.map((r) => r.testSet));
    expect([...sets].sort()).toEqual(['4 prototypes', 'in-distribution', 'noise 0.2']);
    for (const r of result.rows) {
      const n = (r.learnedStates as number) + (r.prototypeStates as number) + (r.spuriousStates as number);
      expect(n).toBe(r.states);
      if (n === 0) continue;
      expect(r.accuracy as number).toBeGreaterThanOrEqual(r.accuracyLo as number);
      expect(r.accuracy as number).toBeLessThanOrEqual(r.accuracyHi as number);
      // Overall accuracy is the count-weighted mean of the per-class accuracies.
      let right = 0;
      for (const c of ['learned', 'prototype', 'spurious']) if ((r[`${c}States`] as number) > 0) right += (r[`${c}Accuracy`] as number) * (r[`${c}States`] as number);
      expect(right / n).toBeCloseTo(r.accuracy as number, 12);
    }
    // The confusion table of the base condition holds every in-distribution test state once per classifier.
    const confusion = output.tables!.confusion!;
    const base = result.rows.find((r) => r.testSet === 'in-distribution' && r.classifier === 'stability-ratio')!;
    expect(confusion.filter((r) => r.classifier === 'stability-ratio').reduce((s, r) => s + (r.count as number), 0)).toBe(base.states);
    expect(output.plots.map((p) => p.name)).toContain('confusion');
    expect(result.checks.length).toBeGreaterThan(0);
    // The classifier check is the network-level paired t test: its verdict is t > t_0.95 with (networks with states - 1) df.
    for (const r of result.rows.filter((x) => x.classifier !== 'stability-ratio')) {
      expect(r.testNetworks as number).toBeLessThanOrEqual(3);
      expect(r.pairedDf).toBe(Math.max((r.testNetworks as number) - 1, 0));
      if (r.pairedT !== null && r.tCritical !== null) expect(r.pairedSignificant).toBe((r.pairedT as number) > (r.tCritical as number));
    }
    const classifierChecks = result.checks.filter((c) => c.claim.includes('beats the stability ratio'));
    expect(classifierChecks.length).toBeGreaterThan(0);
    for (const c of classifierChecks) expect(c.criterion).toMatch(/paired t test at the network level/);
  }, 15000);

  it('rejects a base P whose generalisation set would exceed the bounds', async () => {
    await expect(runScenario(scenario, { params: { P: '20' } })).rejects.toThrow(/P/);
  });
});
