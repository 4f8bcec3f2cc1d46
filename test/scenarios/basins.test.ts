import { describe, expect, it } from 'vitest';
import { runScenario } from '../../node.js';
import basins from '../../scenarios/basins.js';

describe('basins scenario (small size)', () => {
  it('max-margin networks recall from noisier cues than perceptron and Hebbian networks', async () => {
    const { result, output } = await runScenario(basins, {
      seed: 4, trials: 3, params: { N: '100', load: '0.1', rules: 'hebbian,perceptron,adatron', noise: '0,0.1,0.2,0.3', cues: '15' },
    });
    const row = (rule: string, noise: number) => result.rows.find((r) => r.rule === rule && r.noise === noise)!;
    const recall = (rule: string, noise: number) => row(rule, noise).recall as number;
    // Difference of two binomial proportions, 2 standard errors (45 cues per rule and level).
    const twoSe = (a: string, b: string, noise: number) => 2 * Math.hypot(row(a, noise).se as number, row(b, noise).se as number);
    // Every separating rule stores the patterns: noise-free cues are fixed points.
    expect(recall('adatron', 0)).toBe(1);
    expect(recall('perceptron', 0)).toBe(1);
    expect(recall('adatron', 0.2) - recall('perceptron', 0.2)).toBeGreaterThan(twoSe('adatron', 'perceptron', 0.2));
    expect(recall('adatron', 0.3) - recall('hebbian', 0.3)).toBeGreaterThan(twoSe('adatron', 'hebbian', 0.3));
    expect(output.checks.length).toBe(2);
    expect(output.checks.every((c) => c.pass)).toBe(true);
  });
});
