import { describe, expect, it } from 'vitest';
import { InvalidValueError } from '../../src/errors.js';
import { measuredTheoryChart, type ChartOptions } from '../../src/report/chart-spec.js';
import { renderPlot } from '../../src/report/render-plot.js';
import { parseVegaSvg } from './svg-check.js';

type Layer = { transform?: { filter: string }[]; mark: { type: string; shape?: string }; encoding: Record<string, { scale?: { domain?: number[]; range?: string[] } }> };

const base: ChartOptions = {
  title: 'bit error', x: { title: 'load α' }, y: { title: 'P', scale: 'log' },
  series: [
    { name: 'simulation', kind: 'measured', points: [{ x: 0.05, y: 0, lo: 0, hi: 1e-4 }, { x: 0.1, y: 1e-3, lo: 8e-4, hi: 1.2e-3 }, { x: 0.2, y: 1e-2, lo: 9e-3, hi: 1.1e-2 }] },
    { name: 'Φ(−1/√α)', kind: 'theory', points: [0.02, 0.05, 0.1, 0.2].map((a) => ({ x: a, y: a === 0.02 ? 1e-13 : a === 0.05 ? 4e-6 : a === 0.1 ? 8e-4 : 1.3e-2 })) },
  ],
};

describe('measuredTheoryChart', () => {
  it('the y range follows the measurements: a theory value at 1e-13 does not stretch the log axis', () => {
    const spec = measuredTheoryChart(base) as { layer: Layer[] };
    const domain = spec.layer[0]!.encoding.y!.scale!.domain!;
    // Measured values span 1e-3 .. 1.2e-2; theory is admitted within one decade of them.
    expect(domain[0]!).toBeGreaterThan(1e-5);
    expect(domain[0]!).toBeLessThan(1e-3);
    expect(domain[1]!).toBeGreaterThan(1.2e-2);
  });

  it('a measured zero on a log axis is a downward triangle at the axis floor, and the caption says so', async () => {
    const spec = measuredTheoryChart(base) as { layer: Layer[]; data: { values: { kind: string; yPlot: number; y: number }[] }; title: { subtitle: string[] } };
    const zeros = spec.data.values.filter((r) => r.kind === 'zero');
    expect(zeros).toHaveLength(1);
    expect(zeros[0]!.y).toBe(0);
    expect(zeros[0]!.yPlot).toBe(spec.layer[0]!.encoding.y!.scale!.domain![0]);
    expect(spec.layer.some((l) => l.mark.shape === 'triangle-down' && l.transform?.[0]?.filter.includes("'zero'"))).toBe(true);
    expect(spec.title.subtitle.join(' ')).toMatch(/measured 0/);
    const { svg } = await renderPlot({ name: 'z', title: 'z', spec });
    expect(svg).toContain('measured 0');
  });

  it('a theory line can take the colour of its measured series; colours are distinct otherwise', () => {
    const spec = measuredTheoryChart({
      ...base,
      series: [
        { name: 'a', kind: 'measured', points: [{ x: 1, y: 1 }] },
        { name: 'b', kind: 'measured', points: [{ x: 2, y: 2 }] },
        { name: 'theory of b', kind: 'theory', colorOf: 'b', points: [{ x: 1, y: 1 }, { x: 2, y: 2 }] },
      ],
    }) as { layer: Layer[] };
    const theory = spec.layer[0]!.encoding.color!.scale!;
    const measured = spec.layer[spec.layer.length - 1]!.encoding.color!.scale!;
    expect(new Set(measured.range).size).toBe(2);
    expect(theory.range![0]).toBe(measured.range![1]);
  });

  it('renders with a legend entry per series and the interval named under the title', async () => {
    const { svg } = await renderPlot({ name: 'c', title: 'c', spec: measuredTheoryChart({ ...base, interval: 'bars: 95% t interval over 4 networks' }) });
    const fig = parseVegaSvg(svg);
    expect(fig.legendLabels).toEqual(expect.arrayContaining(['simulation', 'Φ(−1/√α)']));
    expect(svg).toContain('bars: 95% t interval over 4 networks');
  });

  it('refuses duplicate names, an unknown colorOf and series without a finite x', () => {
    expect(() => measuredTheoryChart({ ...base, series: [base.series[0]!, base.series[0]!] })).toThrow(InvalidValueError);
    expect(() => measuredTheoryChart({ ...base, series: [{ name: 't', kind: 'theory', colorOf: 'nobody', points: [{ x: 1, y: 1 }] }] })).toThrow(/colorOf/);
    expect(() => measuredTheoryChart({ ...base, series: [{ name: 't', kind: 'measured', points: [{ x: Number.NaN, y: 1 }] }] })).toThrow(/finite x/);
  });
});
