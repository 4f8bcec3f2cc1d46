import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenario/run-scenario.js';
import { renderPlot } from '../../src/report/render-plot.js';
import { measuredTheoryChart } from '../../src/report/chart-spec.js';
import { figureProblems, labelsReadable, parseVegaSvg } from './svg-check.js';

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

describe('every scenario figure renders from its spec and can be read', () => {
  for (const [name, { trials, params }] of Object.entries(small)) {
    it(name, async () => {
      const scenario = (await import(`../../scenarios/${name}.ts`)).default;
      const { output } = await runScenario(scenario, { seed: 3, trials, params, workers: 1 });
      expect(output.plots.length).toBeGreaterThan(0);
      for (const plot of output.plots) {
        // The spec written beside the SVG is the plot's own.
        expect(JSON.parse((await renderPlot(plot)).specJson)).toEqual(JSON.parse(JSON.stringify(plot.spec)));
      }
      expect(await figureProblems(output.plots)).toEqual([]);
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

  it('figureProblems names a series without a legend entry, a spec without metadata, and two-label axes', async () => {
    const spec = measuredTheoryChart({ title: 't', x: { title: 'x' }, y: { title: 'y' }, series: [{ name: 'a', kind: 'measured', points: [{ x: 0, y: 0 }, { x: 1, y: 1 }] }] }) as Record<string, unknown>;
    expect(await figureProblems([{ name: 'ok', title: 'ok', spec }])).toEqual([]);
    const ghost = { ...spec, usermeta: { kmn: { chart: 'measured-theory', series: ['a', 'ghost'] } } };
    expect(await figureProblems([{ name: 'g', title: 'g', spec: ghost }])).toEqual(['g: no legend entry "ghost"']);
    const { usermeta: _, ...bare } = spec;
    expect((await figureProblems([{ name: 'b', title: 'b', spec: bare }]))[0]).toMatch(/no usermeta/);
    const sparse = { ...spec, layer: (spec.layer as Record<string, unknown>[]).map((l) => ({ ...l, encoding: { ...(l.encoding as object), x: { field: 'xPlot', type: 'quantitative', title: 'x', axis: { values: [0, 1] } } } })) };
    expect((await figureProblems([{ name: 's', title: 's', spec: sparse }])).join('\n')).toMatch(/only 2 tick labels/);
  });
});
