import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenario/run-scenario.js';
import { renderPlot } from '../../src/report/render-plot.js';
import type { Plot } from '../../src/scenario/scenario.js';
import { labelsReadable, parseVegaSvg } from './svg-check.js';

/** Each built-in scenario converted to Vega-Lite, at parameters small enough for a few seconds. */
const small: Record<string, { trials: number; params: Record<string, string> }> = {
  capacity: { trials: 2, params: { N: '8,12', rules: 'hebbian,pseudoinverse,adatron' } },
  'hebbian-crosstalk': { trials: 2, params: { N: '200', alphas: '0.02,0.1,0.2' } },
  basins: { trials: 2, params: { N: '40', cues: '4', noise: '0,0.1,0.2,0.3', rules: 'hebbian,perceptron,adatron' } },
  'sdm-kernel': { trials: 2, params: { dim: '16', radius: '5', nPhi: '100,200,400', capacityNPhi: '100,200,400', capacityDim: '32', capacityRadius: '12', points: '4' } },
  dendrites: { trials: 2, params: { N: '6,7,8' } },
  'continuous-recall': { trials: 3, params: { N: '16', M: '10', capacityN: '6,8,10' } },
  'sphere-basins': { trials: 1, params: { M: '6', grid: '300' } },
};

/** The series a figure declares (its spec's usermeta, written by the spec builders). */
function declaredSeries(plot: Plot): { chart: string; series: string[] } {
  const meta = (plot.spec.usermeta as { kmn?: { chart: string; series: string[] } } | undefined)?.kmn;
  if (!meta) throw new Error(`plot ${plot.name} has no usermeta.kmn`);
  return meta;
}

describe('every scenario figure renders from its spec and can be read', () => {
  for (const [name, { trials, params }] of Object.entries(small)) {
    it(name, async () => {
      const scenario = (await import(`../../scenarios/${name}.ts`)).default;
      const { output } = await runScenario(scenario, { seed: 3, trials, params, workers: 1 });
      expect(output.plots.length).toBeGreaterThan(0);
      for (const plot of output.plots) {
        const { svg, specJson } = await renderPlot(plot);
        expect(svg.startsWith('<svg'), plot.name).toBe(true);
        expect(JSON.parse(specJson)).toEqual(JSON.parse(JSON.stringify(plot.spec)));
        const fig = parseVegaSvg(svg);
        const { chart, series } = declaredSeries(plot);
        // A legend entry for each series, printed in full.
        for (const s of series) expect(fig.legendLabels, `${plot.name}: legend entry "${s}"`).toContain(s);
        if (chart === 'sphere-basins') continue;
        // Two axes, each titled (no ASCII math), each with at least three readable tick labels.
        expect(fig.axisTitles, plot.name).toHaveLength(2);
        for (const t of fig.axisTitles) {
          expect(t.trim().length, plot.name).toBeGreaterThan(0);
          expect(t, plot.name).not.toMatch(/sigma\^|alpha_|chi2|\^2/);
        }
        expect(fig.axes, plot.name).toHaveLength(2);
        for (const axis of fig.axes) {
          expect(axis.length, `${plot.name}: tick labels ${axis.map((l) => l.text).join(' ')}`).toBeGreaterThanOrEqual(3);
          expect(labelsReadable(axis), plot.name).toBeNull();
        }
      }
    }, 30_000);
  }
});

describe('rendering is deterministic', () => {
  it('the same spec gives the same SVG bytes, whatever was rendered before', async () => {
    const scenario = (await import('../../scenarios/continuous-recall.js')).default;
    const { output } = await runScenario(scenario, { seed: 3, trials: 3, params: small['continuous-recall']!.params, workers: 1 });
    const [a, b] = output.plots;
    const first = (await renderPlot(a!)).svg;
    await renderPlot(b!);
    expect((await renderPlot(a!)).svg).toBe(first);
    // Clip-path ids restart for every figure, so they do not depend on the order either.
    expect(first).toMatch(/id="clip1"/);
  });
});

describe('the figure checks catch what they look for (controls)', () => {
  it('flags crowded tick labels, truncated legend labels and a missing axis title', async () => {
    const spec = {
      width: 120, height: 100,
      data: { values: Array.from({ length: 40 }, (_, k) => ({ x: k, y: k, s: k % 2 ? 'a rather long series name' : 'b' })) },
      mark: 'point',
      encoding: {
        x: { field: 'x', type: 'quantitative', title: null, axis: { values: Array.from({ length: 40 }, (_, k) => k), labelOverlap: false } },
        y: { field: 'y', type: 'quantitative', title: 'y' },
        color: { field: 's', type: 'nominal', legend: { labelLimit: 40 } },
      },
    };
    const fig = parseVegaSvg((await renderPlot({ name: 'control', title: 'control', spec })).svg);
    expect(fig.axisTitles).toEqual(['y']);
    const xAxis = fig.axes.find((a) => new Set(a.map((l) => l.y)).size === 1)!;
    expect(labelsReadable(xAxis)).toMatch(/overlap/);
    expect(fig.legendLabels).not.toContain('a rather long series name');
    expect(fig.legendLabels.some((l) => l.includes('…'))).toBe(true);
  });
});
