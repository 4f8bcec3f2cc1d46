import { describe, expect, it } from 'vitest';
import { coverNetworkCapacity, runScenario } from '../../src/index.js';
import capacity from '../../scenarios/capacity.js';

describe('capacity scenario (small size)', () => {
  it('separating rules reach Cover capacity, pseudoinverse stores N - 1, Hebbian far less', async () => {
    const n = 24;
    const { result, output } = await runScenario(capacity, { seed: 3, trials: 3, params: { N: String(n), rules: 'hebbian,pseudoinverse,adatron,perceptron' } });
    const row = (rule: string) => result.rows.find((r) => r.rule === rule)!;
    // Cover + independent neurons predicts E[M_max]/N = 1.43 at N = 24; allow 3 trial SEs plus the
    // model's 15% (bipolar points are not in general position, neurons are not independent).
    const cover = coverNetworkCapacity(n) / n;
    for (const rule of ['adatron', 'perceptron']) {
      const r = row(rule);
      expect(Math.abs((r.alphaC as number) - cover)).toBeLessThan(3 * (r.alphaCStd as number) / Math.sqrt(3) + 0.15 * cover + 1 / n);
    }
    // Pseudoinverse: K_i is invertible iff the M patterns restricted to N - 1 inputs are independent.
    expect(row('pseudoinverse').mMax).toBeLessThanOrEqual(n - 1);
    expect(row('pseudoinverse').mMax).toBeGreaterThanOrEqual(n - 3);
    // Hebbian error-free capacity ~ N / (2 ln N) = 3.8 at N = 24: far below max margin.
    expect(row('hebbian').alphaC as number).toBeLessThan((row('adatron').alphaC as number) / 3);
    expect(output.checks.every((c) => c.pass)).toBe(true);
    expect(output.plots[0]!.svg).toContain('Cover, finite N');
  });
});
