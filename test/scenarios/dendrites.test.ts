import { describe, expect, it } from 'vitest';
import { coverSeparableProbability, runScenario } from '../../node.js';
import dendrites from '../../scenarios/dendrites.js';

/** Cover's E[M_max] for N independent neurons with `inputs` features (Cover 1965, nested sets). */
function cover(inputs: number, neurons: number): number {
  let expected = 0;
  for (let m = 1; m < 8 * inputs + 64; m++) expected += coverSeparableProbability(m, inputs) ** neurons;
  return expected;
}

describe('dendrites scenario (small size)', () => {
  it('sigma-pi and pyramidal fields agree to rounding; degree-2 dendrites multiply the capacity as the feature dimension predicts', async () => {
    const n = 10;
    const trials = 3;
    const { result, output } = await runScenario(dendrites, { seed: 5, trials, params: { N: String(n), degree: '2' } });
    const row = (model: string) => result.rows.find((r) => r.model === model)!;
    // Feature form and kernel form are the same polynomial: only rounding separates them.
    expect(row('sigma-pi').fieldMaxDiff as number).toBeLessThan(1e-9);
    expect(row('sigma-pi').mMax).toBe(row('pyramidal').mMax);
    // Point neurons' synaptic weights w_ij = sum_mu alpha_i^mu xi_i^mu xi_j^mu are the linear kernel form summed out.
    expect(row('point').fieldMaxDiff as number).toBeLessThan(1e-9);
    // Feature dimensions: N - 1 = 9 (point) and 1 + 9 + C(9, 2) = 46 (degree 2).
    expect(row('point').featureDim).toBe(9);
    expect(row('pyramidal').featureDim).toBe(46);
    // Cover predicts E[M_max] = 12.4 (point) and 78.1 (dendrites) for N = 10 independent neurons;
    // allow 3 trial SEs plus 25% (bipolar monomials are not in general position, and the patterns
    // are drawn at Hamming distance >= 2 so that no neuron sees one input with two targets).
    for (const [model, dim] of [['point', n - 1], ['pyramidal', 46]] as const) {
      const r = row(model);
      const theory = cover(dim, n);
      expect(r.theoryMMax as number).toBeCloseTo(theory, 6);
      expect(Math.abs((r.mMax as number) - theory)).toBeLessThan((3 * (r.mMaxStd as number)) / Math.sqrt(trials) + 0.25 * theory);
    }
    // The capacity gain is about the ratio of feature dimensions (46 / 9 = 5.1): at least 3x.
    expect((row('pyramidal').mMax as number) / (row('point').mMax as number)).toBeGreaterThan(3);
    expect(output.checks.every((c) => c.pass)).toBe(true);
    expect(JSON.stringify(output.plots[0]!.spec)).toContain('Cover, dendrites');
  });
});
