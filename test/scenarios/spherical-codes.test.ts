import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenario/run-scenario.js';
import scenario from '../../scenarios/spherical-codes.js';

describe('spherical-codes scenario (small sizes)', () => {
  it('reaches the universally optimal codes and removes mixtures above beta*', async () => {
    const { result, output } = await runScenario(scenario, { seed: 4, trials: 2, params: { codeSizes: '4,6,12', steps: '1500', queries: '40', betas: '2,16' } });
    // Regular tetrahedron, octahedron, icosahedron: 1 - cos theta = 4/3, 1, 1 - 1/sqrt(5) (Fejes Toth 1943).
    const exact: Record<number, number> = { 4: 4 / 3, 6: 1, 12: 1 - 1 / Math.sqrt(5) };
    for (const r of result.rows) expect(Math.abs((r.bestSeparation as number) - exact[r.M as number]!)).toBeLessThan(1e-3);
    const retrieval = output.tables!.retrieval!;
    const at = (beta: number, map: boolean) => retrieval.find((r) => r.beta === beta && r.map === map)!;
    // beta = 2 is far below ln(0.91 / 0.01) / Delta (Delta <= 10/9 for 10 points): mixtures for both.
    expect(at(2, false).meanMetastableSize as number).toBeGreaterThan(1);
    expect(at(2, true).meanMetastableSize as number).toBeGreaterThan(1);
    expect(at(16, true).meanMetastableSize as number).toBeLessThanOrEqual(at(16, false).meanMetastableSize as number);
    expect(output.checks.every((c) => c.pass)).toBe(true);
  }, 20000);
});
