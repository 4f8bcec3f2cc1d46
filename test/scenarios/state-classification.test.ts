import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenario/run-scenario.js';
import scenario from '../../scenarios/state-classification.js';

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
  }, 15000);

  it('rejects a base P whose generalisation set would exceed the bounds', async () => {
    await expect(runScenario(scenario, { params: { P: '20' } })).rejects.toThrow(/P/);
  });
});
