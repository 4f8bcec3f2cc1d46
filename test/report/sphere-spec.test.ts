import { describe, expect, it } from 'vitest';
import { ShapeError } from '../../src/errors.js';
import { renderPlot } from '../../src/report/render-plot.js';
import { sphereBasinsSpec } from '../../src/report/sphere-spec.js';
import { createRng } from '../../src/rng/rng.js';
import { spherePatterns } from '../../src/patterns/generate.js';
import { fibonacciSphere } from '../../scenarios/sphere-basins.js';
import { parseVegaSvg } from './svg-check.js';

const toRad = Math.PI / 180;
const unit = (lon: number, lat: number): number[] => [Math.cos(lat * toRad) * Math.cos(lon * toRad), Math.cos(lat * toRad) * Math.sin(lon * toRad), Math.sin(lat * toRad)];

/** Voronoi destinations (largest overlap) for every cue: what a softmax network at large beta gives. */
function nearest(cues: Float64Array, patterns: Float64Array, m: number): number[] {
  return Array.from({ length: cues.length / 3 }, (_, i) => {
    let best = -1;
    let h = -Infinity;
    for (let mu = 0; mu < m; mu++) {
      const d = cues[3 * i]! * patterns[3 * mu]! + cues[3 * i + 1]! * patterns[3 * mu + 1]! + cues[3 * i + 2]! * patterns[3 * mu + 2]!;
      if (d > h) { h = d; best = mu; }
    }
    return best;
  });
}

describe('sphereBasinsSpec (Fig. 2)', () => {
  const m = 17;
  const patterns = spherePatterns({ count: m, dim: 3 }, createRng(5)).data;
  const cues = fibonacciSphere(3000);
  const spec = sphereBasinsSpec({ title: 't', cues, destinations: nearest(cues, patterns, m), patterns, capRadius: 0.3, capLabel: 'cap' }) as {
    datasets: { cues: { lon: number; lat: number }[]; caps: { geometry: { coordinates: [number, number][] } }[] };
    hconcat: { layer: { encoding?: { color?: { scale: { domain: string[]; range: string[] } } } }[] }[];
  };

  it('touching basins never share a colour: no cue has its two nearest patterns in one colour', () => {
    const scale = spec.hconcat[0]!.layer.find((l) => l.encoding?.color)!.encoding!.color!.scale;
    const colour = new Map(scale.domain.map((d, k) => [d, scale.range[k]]));
    let clashes = 0;
    for (const c of spec.datasets.cues) {
      const x = unit(c.lon, c.lat);
      const h = Array.from({ length: m }, (_, mu) => x[0]! * patterns[3 * mu]! + x[1]! * patterns[3 * mu + 1]! + x[2]! * patterns[3 * mu + 2]!);
      const order = [...h.keys()].sort((a, b) => h[b]! - h[a]!);
      if (colour.get(`ξ${order[0]! + 1}`) === colour.get(`ξ${order[1]! + 1}`)) clashes++;
    }
    expect(clashes).toBe(0);
    // At most six colours (a planar graph coloured in smallest-last order), the agnostic grey apart.
    expect(new Set(scale.range.slice(0, m)).size).toBeLessThanOrEqual(6);
    expect(scale.range.slice(0, m)).not.toContain(scale.range[m]);
  });

  it('each cap outline lies at chordal distance r from its pattern', () => {
    const caps = spec.datasets.caps;
    expect(caps).toHaveLength(m);
    caps.forEach((f, mu) => {
      for (const [lon, lat] of f.geometry.coordinates) {
        const q = unit(lon, lat);
        const d = Math.hypot(q[0]! - patterns[3 * mu]!, q[1]! - patterns[3 * mu + 1]!, q[2]! - patterns[3 * mu + 2]!);
        // Coordinates are rounded to 0.01 degree (1.7e-4 rad).
        expect(Math.abs(d - 0.3)).toBeLessThan(5e-4);
      }
    });
  });

  it('renders a legend with every basin, the agnostic state, the cap and the stored patterns', async () => {
    const fig = parseVegaSvg((await renderPlot({ name: 's', title: 's', spec })).svg);
    for (let mu = 1; mu <= m; mu++) expect(fig.legendLabels).toContain(`ξ${mu}`);
    expect(fig.legendLabels).toEqual(expect.arrayContaining(['agnostic state (origin)', 'cap', 'stored pattern ξμ']));
  });

  it('refuses mismatched inputs', () => {
    expect(() => sphereBasinsSpec({ title: 't', cues, destinations: [1, 2], patterns })).toThrow(ShapeError);
    expect(() => sphereBasinsSpec({ title: 't', cues: [1, 2], destinations: [], patterns })).toThrow(ShapeError);
  });
});
