import { InvalidValueError } from '../errors.js';
import { neutral, palette, shapes } from './palette.js';
import { axisTicks, labelExpression, type AxisTicks } from './ticks.js';

/**
 * A Vega-Lite v6 specification: plain JSON with its data inline, so it renders the same in Node
 * (see `renderPlot`) and in a browser, and a user can restyle the `.vl.json` file.
 */
export type VegaLiteSpec = Readonly<Record<string, unknown>>;

/** One point of a series; `lo`/`hi` bound the measured value's interval (an error bar). */
export interface ChartPoint {
  readonly x: number;
  readonly y: number;
  readonly lo?: number;
  readonly hi?: number;
}

/** One series of a {@link measuredTheoryChart}: measured points with error bars, or a theory line. */
export interface ChartSeries {
  /** Legend label, with proper symbols (σ², α, β, χ²_N). */
  readonly name: string;
  /** `'measured'`: points (with error bars from `lo`/`hi`); `'theory'`: a line. */
  readonly kind: 'measured' | 'theory';
  readonly points: readonly ChartPoint[];
  /** A CSS colour; by default the next palette colour (measured) or a neutral grey (theory). */
  readonly color?: string;
  /** A theory line in the colour of the measured series of this name (its own theory). */
  readonly colorOf?: string;
  /** Theory: a dashed line (bounds, limits, asymptotes); solid by default. */
  readonly dashed?: boolean;
  /** Measured: join the points with a thin line (a trend over a parameter). */
  readonly connect?: boolean;
}

/** One axis of a {@link measuredTheoryChart}. */
export interface ChartAxis {
  /** Title with units and symbols, e.g. `"load α = M / N"`. */
  readonly title: string;
  readonly scale?: 'linear' | 'log';
  /** Fixed range, e.g. `[0, 1]` for a probability; by default from the measured points. */
  readonly domain?: readonly [number, number];
  /** Whole-number ticks only (N, M). */
  readonly integer?: boolean;
  /** Tick values to label instead of the automatic ones (e.g. the N of a sweep), at least three. */
  readonly ticks?: readonly number[];
}

/** Options of {@link measuredTheoryChart}. */
export interface ChartOptions {
  readonly title: string;
  /** What the error bars are, e.g. `"95% Wilson interval over 400 cues"`: printed under the title. */
  readonly interval?: string;
  /** Further lines under the title. */
  readonly notes?: readonly string[];
  readonly x: ChartAxis;
  readonly y: ChartAxis;
  readonly series: readonly ChartSeries[];
  /**
   * Offsets the measured series sideways by this fraction of the x range each, so series measured
   * at the same x do not hide each other (the true x stays in the data as `x`).
   */
  readonly dodge?: number;
  readonly width?: number;
  readonly height?: number;
}

const isNum = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v);

/** Range of the finite values (positive only on a log axis), or null when there are none. */
function extent(values: readonly number[], log: boolean): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v) || (log && v <= 0)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}

/** Widens a range by `fraction` of its span on each side (in log space on a log axis). */
function pad([lo, hi]: readonly [number, number], fraction: number, log: boolean): [number, number] {
  if (log) {
    const l0 = Math.log10(lo);
    const l1 = Math.log10(hi);
    const w = Math.max(l1 - l0, 0.3) * fraction + (l1 === l0 ? 0.15 : 0);
    return [10 ** (l0 - w), 10 ** (l1 + w)];
  }
  const w = hi === lo ? Math.max(Math.abs(lo) * 0.1, 0.5) : (hi - lo) * fraction;
  return [lo - w, hi + w];
}

/**
 * The y range: measured points and their intervals decide it; theory lines only widen it within
 * one decade (log) or half the span (linear) of the measurements, so a theory curve running to
 * 10⁻¹³ does not squeeze the points (it is clipped at the frame). An interval reaching far below
 * the lowest point (on a log axis, below a tenth of it) is clipped too, and the caption says so.
 */
function yDomain(options: ChartOptions, log: boolean): { domain: [number, number]; clippedBars: boolean } {
  const measured = options.series.filter((s) => s.kind === 'measured').flatMap((s) => s.points);
  const theory = options.series.filter((s) => s.kind === 'theory').flatMap((s) => s.points.map((p) => p.y));
  const core = extent(measured.map((p) => p.y), log);
  if (!core) {
    const t = extent(theory, log) ?? (log ? [0.1, 1] : [0, 1]);
    return { domain: pad(t, 0.05, log), clippedBars: false };
  }
  const [m0, m1] = core;
  const reach = log ? [m0 / 10, m1 * 10] : [m0 - (m1 - m0 || 1) / 2, m1 + (m1 - m0 || 1) / 2];
  let clippedBars = false;
  const values = [m0, m1];
  for (const p of measured) {
    if (log && !(p.y > 0)) continue;
    for (const b of [p.lo, p.hi]) {
      if (!isNum(b)) continue;
      if ((log && b <= 0) || b < reach[0]! || b > reach[1]!) clippedBars = true;
      else values.push(b);
    }
  }
  for (const t of theory) if (Number.isFinite(t) && t >= reach[0]! && t <= reach[1]! && (!log || t > 0)) values.push(t);
  return { domain: pad(extent(values, log)!, 0.06, log), clippedBars };
}

function xDomain(options: ChartOptions, log: boolean): [number, number] {
  const xs = options.series.flatMap((s) => s.points.map((p) => p.x));
  const e = extent(xs, log);
  if (!e) throw new InvalidValueError('series', 'have no finite x value to plot', 'give at least one point with a finite x (positive on a log axis)');
  return pad(e, 0.04, log);
}

/**
 * A Vega-Lite chart of measurements against theory: theory as lines (solid, or dashed for bounds
 * and limits), measurements as filled points with error bars (the interval named under the title),
 * one legend for the measured series (colour and shape) and one for the theory lines. Axes get
 * explicit ticks from {@link axisTicks} (never crowded, at least three labels). On a log y axis a
 * measured zero is drawn as a downward triangle at the axis floor and the caption explains it.
 * Colours are the Okabe-Ito palette, shapes vary with them.
 *
 * @throws InvalidValueError for duplicate series names, a `colorOf` naming no measured series, or
 * no finite point.
 * @example
 * ```ts
 * const spec = measuredTheoryChart({
 *   title: 'One-step bit error of the classical Hopfield network (N = 1000)',
 *   interval: 'bars: mean ± 2 SE over 4 networks',
 *   x: { title: 'load α = M / N' }, y: { title: 'bit error', scale: 'log' },
 *   series: [
 *     { name: 'measured', kind: 'measured', points: [{ x: 0.1, y: 1e-3, lo: 8e-4, hi: 1.2e-3 }] },
 *     { name: 'Φ(−1/√α)', kind: 'theory', points: [{ x: 0.05, y: 4e-6 }, { x: 0.1, y: 8e-4 }] },
 *   ],
 * });
 * ```
 */
export function measuredTheoryChart(options: ChartOptions): VegaLiteSpec {
  const names = new Set<string>();
  for (const s of options.series) {
    if (names.has(s.name)) throw new InvalidValueError('series', `name "${s.name}" appears twice`, 'give every series its own name');
    names.add(s.name);
  }
  const logX = options.x.scale === 'log';
  const logY = options.y.scale === 'log';
  const measured = options.series.filter((s) => s.kind === 'measured');
  const theory = options.series.filter((s) => s.kind === 'theory');
  const measuredColor = new Map(measured.map((s, k) => [s.name, s.color ?? palette[k % palette.length]!]));
  const theoryColor = theory.map((s, k) => {
    if (s.colorOf !== undefined) {
      const c = measuredColor.get(s.colorOf);
      if (c === undefined) throw new InvalidValueError('colorOf', `"${s.colorOf}" (series "${s.name}") names no measured series`, `use one of: ${[...measuredColor.keys()].join(', ')}`);
      return c;
    }
    return s.color ?? [neutral.reference, neutral.light, '#000000'][k % 3]!;
  });
  const xd = options.x.domain ? [...options.x.domain] as [number, number] : xDomain(options, logX);
  const { domain: yd, clippedBars } = options.y.domain ? { domain: [...options.y.domain] as [number, number], clippedBars: false } : yDomain(options, logY);
  const hasZero = logY && measured.some((s) => s.points.some((p) => Number.isFinite(p.y) && p.y <= 0));
  if (hasZero && !options.y.domain) yd[0] = 10 ** (Math.log10(yd[0]) - 0.04 * Math.log10(yd[1] / yd[0]));
  const floor = yd[0];

  const rows: Record<string, number | string | boolean | null>[] = [];
  const shift = (x: number, k: number): number => {
    if (!options.dodge || measured.length < 2) return x;
    const off = (k - (measured.length - 1) / 2) * options.dodge;
    return logX ? x * 10 ** (off * Math.log10(xd[1] / xd[0])) : x + off * (xd[1] - xd[0]);
  };
  measured.forEach((s, k) => {
    for (const p of s.points) {
      if (!Number.isFinite(p.x) || !Number.isFinite(p.y) || (logX && p.x <= 0)) continue;
      const zero = logY && p.y <= 0;
      const lo = isNum(p.lo) ? (logY && p.lo <= floor ? floor : p.lo) : null;
      rows.push({ series: s.name, kind: zero ? 'zero' : 'measured', x: p.x, xPlot: shift(p.x, k), y: p.y, yPlot: zero ? floor : p.y, lo, hi: isNum(p.hi) ? p.hi : null, connect: s.connect ?? false });
    }
  });
  for (const s of theory) {
    for (const p of s.points) {
      if (!Number.isFinite(p.x) || !Number.isFinite(p.y) || (logX && p.x <= 0) || (logY && p.y <= 0)) continue;
      rows.push({ series: s.name, kind: 'theory', x: p.x, xPlot: p.x, y: p.y, yPlot: p.y, lo: null, hi: null, connect: false });
    }
  }

  const ticksFor = (axis: ChartAxis, d: [number, number], log: boolean): AxisTicks => {
    const given = axis.ticks?.filter((v) => v >= d[0] && v <= d[1]);
    if (given && given.length >= 3) return { values: given, labels: given.map((v) => String(Number(v.toPrecision(6)))) };
    return axisTicks(d, { scale: log ? 'log' : 'linear', integer: axis.integer ?? false });
  };
  const xTicks = ticksFor(options.x, xd, logX);
  const yTicks = ticksFor(options.y, yd, logY);
  const x = {
    field: 'xPlot', type: 'quantitative', title: options.x.title,
    scale: { type: logX ? 'log' : 'linear', domain: xd, nice: false, ...(!logX && { zero: false }) },
    axis: { values: xTicks.values, labelExpr: labelExpression(xTicks), labelOverlap: false, labelFlush: false, grid: true },
  };
  const y = {
    field: 'yPlot', type: 'quantitative', title: options.y.title,
    scale: { type: logY ? 'log' : 'linear', domain: yd, nice: false, ...(!logY && { zero: false }) },
    axis: { values: yTicks.values, labelExpr: labelExpression(yTicks), labelOverlap: false, grid: true },
  };
  const measuredNames = measured.map((s) => s.name);
  const measuredScale = { domain: measuredNames, range: measuredNames.map((n) => measuredColor.get(n)!) };
  const filter = (test: string): { filter: string } => ({ filter: test });
  const layers: Record<string, unknown>[] = [];
  if (theory.length > 0) {
    layers.push({
      transform: [filter("datum.kind === 'theory'")],
      mark: { type: 'line', clip: true, strokeWidth: 2 },
      encoding: {
        x, y,
        color: { field: 'series', type: 'nominal', scale: { domain: theory.map((s) => s.name), range: theoryColor }, legend: { title: 'theory', symbolType: 'stroke', symbolStrokeWidth: 2, symbolSize: 500, labelLimit: 0, orient: 'right' } },
        strokeDash: { field: 'series', type: 'nominal', scale: { domain: theory.map((s) => s.name), range: theory.map((s) => (s.dashed ? [6, 4] : [1, 0])) }, legend: { title: 'theory', labelLimit: 0 } },
        order: { field: 'x', type: 'quantitative' },
        detail: { field: 'series', type: 'nominal' },
      },
    });
  }
  if (measured.some((s) => s.connect)) {
    layers.push({
      transform: [filter("datum.kind !== 'theory' && datum.connect")],
      mark: { type: 'line', clip: true, strokeWidth: 1, opacity: 0.55 },
      encoding: { x, y, color: { field: 'series', type: 'nominal', scale: measuredScale, legend: null }, order: { field: 'x', type: 'quantitative' } },
    });
  }
  if (measured.some((s) => s.points.some((p) => isNum(p.lo) && isNum(p.hi)))) {
    layers.push({
      transform: [filter("datum.kind !== 'theory' && isValid(datum.lo) && isValid(datum.hi)")],
      mark: { type: 'rule', clip: true, strokeWidth: 1.5 },
      encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, color: { field: 'series', type: 'nominal', scale: measuredScale, legend: null } },
    });
  }
  if (measured.length > 0) {
    const legendTitle = 'measured';
    layers.push({
      transform: [filter("datum.kind === 'measured'")],
      mark: { type: 'point', filled: true, size: 55, opacity: 0.95, clip: true },
      encoding: {
        x, y,
        color: { field: 'series', type: 'nominal', scale: measuredScale, legend: { title: legendTitle, labelLimit: 0, orient: 'right' } },
        shape: { field: 'series', type: 'nominal', scale: { domain: measuredNames, range: measuredNames.map((_, k) => shapes[k % shapes.length]!) }, legend: { title: legendTitle, labelLimit: 0 } },
      },
    });
  }
  if (hasZero) {
    layers.push({
      transform: [filter("datum.kind === 'zero'")],
      mark: { type: 'point', shape: 'triangle-down', filled: true, size: 90, clip: false },
      encoding: { x, y, color: { field: 'series', type: 'nominal', scale: measuredScale, legend: null } },
    });
  }
  const subtitle = [
    ...(options.interval ? [options.interval] : []),
    ...(hasZero ? ['▼ at the axis floor: measured 0 (none observed), which a log axis cannot show'] : []),
    ...(clippedBars ? ['bars reaching beyond the frame are cut at its edge'] : []),
    ...(options.notes ?? []),
  ];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: options.title, ...(subtitle.length > 0 && { subtitle }), anchor: 'start', fontSize: 14, subtitleFontSize: 11, subtitleColor: '#444' },
    padding: { left: 5, top: 10, right: 20, bottom: 5 },
    width: options.width ?? 440,
    height: options.height ?? 280,
    data: { values: rows },
    layer: layers,
    resolve: { scale: { color: 'independent', shape: 'independent', strokeDash: 'independent' } },
    config: {
      background: 'white',
      font: 'DejaVu Sans, Helvetica, Arial, sans-serif',
      axis: { titleFontSize: 12, labelFontSize: 11, titleFontWeight: 'normal', gridColor: '#e8e8e8', domainColor: '#444', tickColor: '#444' },
      legend: { titleFontSize: 11, labelFontSize: 11, symbolSize: 70, labelLimit: 0 },
      view: { stroke: '#bbb' },
    },
    usermeta: { kmn: { chart: 'measured-theory', series: options.series.map((s) => s.name) } },
  };
}
