import { describe, expect, it } from 'vitest';
import { hebbianBitError, runScenario } from '../../node.js';
import crosstalk from '../../scenarios/hebbian-crosstalk.js';

describe('hebbian-crosstalk scenario (small size)', () => {
  it('one-step bit error follows Phi(-1/sqrt(alpha)) at N = 500', async () => {
    const { result, output } = await runScenario(crosstalk, { seed: 2, trials: 3, params: { N: '500', alphas: '0.2,0.4' } });
    for (const r of result.rows) {
      const p = hebbianBitError(r.alpha as number);
      // 3 networks x 500 x M bits; the trial-to-trial SE is reported per row. The asymptotic
      // formula differs from the finite-N one by less than 2% of P here.
      expect(Math.abs((r.bitError as number) - p)).toBeLessThan(4 * (r.se as number) + 0.05 * p);
    }
    expect(result.rows[1]!.bitError as number).toBeGreaterThan(result.rows[0]!.bitError as number);
    expect(output.checks.every((c) => c.pass)).toBe(true);
  });
});
