import { describe, expect, it } from 'vitest';
import { runScenario } from '../../node.js';
import sphereBasins, { capFraction, fibonacciSphere } from '../../scenarios/sphere-basins.js';

describe('sphere-basins scenario (small size)', () => {
  it('a chordal cap of radius r covers r^2 / 4 of the sphere', () => {
    const n = 20000;
    const pts = fibonacciSphere(n);
    for (const r of [0.3, 1, 1.5]) {
      let inside = 0;
      // Distance to the north pole (0, 0, 1): r^2 = 2 - 2 z.
      for (let i = 0; i < n; i++) if (2 - 2 * pts[3 * i + 2]! < r * r) inside++;
      // The lattice has equal-area latitude bands of width 2 / n in z: error below 1 / n.
      expect(Math.abs(inside / n - capFraction(r))).toBeLessThanOrEqual(1 / n);
    }
  });

  it('Exp_beta recalls inside caps of radius r and is agnostic elsewhere; softmax fills the Voronoi cells (Fig. 2)', async () => {
    const { result, output } = await runScenario(sphereBasins, { seed: 7, trials: 3, params: { grid: '1500' } });
    const row = (model: string) => result.rows.find((r) => r.model === model)!;
    const n = 3 * 1500;
    for (const model of ['exp-beta', 'zero-temperature']) {
      // Deterministic at beta -> infinity: every cue off the blurred shell lands where geometry says.
      expect(row(model).agreeWithGeometry).toBe(1);
      expect(row(model).other).toBe(0);
      // Agnostic fraction: mean of 1 - M r^2 / 4 over 3 sets; binomial SE of 4500 uniform cues is
      // at most sqrt(0.25 / 4500) = 0.0075 (the lattice integrates better); allow 4 SE.
      expect(Math.abs((row(model).agnostic as number) - (row(model).theoryAgnostic as number))).toBeLessThanOrEqual(4 * Math.sqrt(0.25 / n));
    }
    // Softmax never answers agnostically and sends every cue off a Voronoi boundary to its cell's
    // pattern; even counting the boundary cues, at most 1% end elsewhere.
    expect(row('softmax').agnostic).toBe(0);
    expect(row('softmax').agreeWithGeometry).toBe(1);
    expect(row('softmax').recalledNearest as number).toBeGreaterThan(0.99);
    // The softmax basins (the whole sphere) are larger than the Exp_beta caps.
    expect(row('softmax').recalledNearest as number).toBeGreaterThan(row('exp-beta').recalledNearest as number);
    expect(result.tables.cues!.length).toBe(1500);
    expect(output.plots.map((p) => p.name)).toEqual(['basins-exp-beta', 'basins-zero-temperature', 'basins-softmax']);
    expect(output.checks.every((c) => c.pass)).toBe(true);
  });
});
