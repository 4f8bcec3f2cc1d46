import { describe, expect, it } from 'vitest';
import { runScenario } from '../../node.js';
import scenario from '../../scenarios/sequential-learning.js';

describe('sequential-learning scenario (tiny)', () => {
  const options = {
    seed: 4, trials: 1,
    params: { N: '12', T: '3', perTask: '3', degrees: '1,2', methods: 'naive,rehearsal,pseudorehearsal,consolidation,supportVectors', probes: '6', maxEpochs: '200', maxSweeps: '10' },
  };

  it('gives identical results on 1 and 2 workers ; the recall matrix is complete and consistent with the rows', async () => {
    const one = await runScenario(scenario, { ...options, workers: 1 });
    const two = await runScenario(scenario, { ...options, workers: 2, moduleUrl: new URL('../../scenarios/sequential-learning.ts', import.meta.url).href });
    expect(two.result.rows).toEqual(one.result.rows);
    expect(two.result.tables).toEqual(one.result.tables);
    // 3 rules x 5 methods x 2 degrees, without Hebbian + support vectors.
    expect(one.result.rows).toHaveLength((3 * 5 - 1) * 2);
    const matrix = one.result.tables.matrix!;
    expect(matrix).toHaveLength(one.result.rows.length * 9);
    for (const r of one.result.rows) {
      const cells = matrix.filter((c) => c.rule === r.rule && c.method === r.method && c.degree === r.degree);
      const last = cells.filter((c) => c.after === 3);
      // finalRecall is the mean of the last row (mean over trials commutes with the mean over tasks)
      expect(r.finalRecall as number).toBeCloseTo(last.reduce((s, c) => s + (c.recall as number), 0) / 3, 12);
      for (const c of cells) expect(c.recall as number).toBeGreaterThanOrEqual(0);
    }
    // Hebbian coefficients are order-free: naive Hebbian stores nothing and keeps every example
    const heb = one.result.rows.find((r) => r.rule === 'hebbian' && r.method === 'naive' && r.degree === 2)!;
    expect(heb.storedPatterns).toBe(0);
    expect(heb.networkExamples).toBe(9);
    expect(one.result.rows.find((r) => r.rule === 'pa' && r.method === 'rehearsal')!.storedPatterns).toBe(3 * Math.round(0.25 * 3)); // one kept pattern per task, the last task's included
    expect(one.output.plots.map((p) => p.name)).toEqual(['recall-matrix-degree-1', 'recall-matrix-degree-2', 'final-recall']);
  });
});
