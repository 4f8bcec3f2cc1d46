import { describe, expect, it } from 'vitest';
import { runScenario } from '../../node.js';
import sdmKernel from '../../scenarios/sdm-kernel.js';

describe('sdm-kernel scenario (small size, ~3 s)', () => {
  it('finite SDM estimates are binomial around Eqs. 16-17 and SDM capacity grows with N_phi', async () => {
    // Small capacity runs (N_phi = 150..600 at N_in = 256, r = 113, activation probability ~0.03):
    // the default sizes take ~40 s, and the largest N_phi dominates (O(M^2 N_phi) per recall check).
    const { result, output } = await runScenario(sdmKernel, {
      seed: 5, trials: 3,
      params: { nPhi: '500,8000', capacityNPhi: '150,300,600', capacityRadius: '113', points: '5' },
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
    // Capacity grows with the number of hard locations (Sec. 3.3): at least doubling from 150 to 600
    // locations (linear growth would quadruple it; small N_phi bends the curve, so only growth is asserted).
    const capacity = result.tables['sdm-capacity']!;
    expect(capacity.map((r) => r.nPhi)).toEqual([150, 300, 600]);
    expect((capacity[2]!.mMax as number) / (capacity[0]!.mMax as number)).toBeGreaterThan(2);
    expect(output.checks.filter((c) => !c.claim.startsWith('SDM capacity')).every((c) => c.pass)).toBe(true);
  });
});
