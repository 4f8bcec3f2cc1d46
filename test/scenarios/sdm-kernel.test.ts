import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/index.js';
import sdmKernel from '../../scenarios/sdm-kernel.js';

describe('sdm-kernel scenario (small size)', () => {
  it('finite SDM estimates are binomial around Eqs. 16-17 and SDM capacity grows about linearly in N_phi', async () => {
    const { result, output } = await runScenario(sdmKernel, {
      seed: 5, trials: 3,
      params: { nPhi: '500,8000', capacityNPhi: '250,1000,4000', points: '5' },
    });
    // Error ratio between N_phi = 500 and 8000 is sqrt(16) = 4 for a binomial estimate.
    for (const g of ['hypercube', 'hypersphere']) {
      const rows = result.rows.filter((r) => r.geometry === g);
      const shrink = (rows[0]!.rmsError as number) / (rows[1]!.rmsError as number);
      expect(shrink).toBeGreaterThan(2);
      expect(shrink).toBeLessThan(8);
    }
    const curve = result.tables['sdm-kernel-curve']!;
    for (const r of curve) {
      const k = r.kernel as number;
      // 3 trials x 8000 addresses: the mean estimate has sd sqrt(k (1 - k) / 24000); allow 4 sd.
      expect(Math.abs((r.estimate as number) - k)).toBeLessThanOrEqual(4 * Math.sqrt((k * (1 - k)) / 24000) + 1e-12);
    }
    expect(output.checks.every((c) => c.pass)).toBe(true);
  });
});
