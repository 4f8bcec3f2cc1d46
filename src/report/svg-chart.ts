/** One series of a chart. */
export interface Series {
  readonly name: string;
  readonly x: readonly number[];
  readonly y: readonly number[];
  /** Symmetric error bars (e.g. one standard deviation), same length as y. */
  readonly error?: readonly number[];
  /** `'line'` (default), `'points'`, `'line+points'`; `'dashed'` draws a theory curve. */
  readonly mode?: 'line' | 'points' | 'line+points' | 'dashed';
  /** CSS colour; defaults to a palette entry. */
  readonly color?: string;
}

/** A line/scatter chart. */
export interface ChartSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  readonly xScale?: 'linear' | 'log';
  readonly yScale?: 'linear' | 'log';
  readonly width?: number;
  readonly height?: number;
  /** Force the y range, e.g. `[0, 1]` for probabilities. */
  readonly yDomain?: readonly [number, number];
}

/**
 * A qualitative palette (Tableau 10), distinguishable in print.
 *
 * @example
 * ```ts
 * const color = palette[k % palette.length];
 * ```
 */
export const palette = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function niceTicks(lo: number, hi: number, count: number): number[] {
  if (lo === hi) return [lo];
  const step0 = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= step0) ?? 10 * mag;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9 * step; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/** Ticks of a log axis between 10^lo and 10^hi: 1-2-5 per decade, or 1..9 when that gives fewer than 3. */
function logTicks(lo: number, hi: number): number[] {
  const pick = (mantissas: number[]): number[] => {
    const out: number[] = [];
    for (let e = Math.floor(lo); e <= Math.ceil(hi); e++) {
      for (const m of mantissas) {
        const v = m * 10 ** e;
        const l = Math.log10(v);
        if (l >= lo - 1e-9 && l <= hi + 1e-9) out.push(Number(v.toPrecision(12)));
      }
    }
    return out;
  };
  const coarse = pick([1, 2, 5]);
  return coarse.length >= 3 ? coarse : pick([1, 2, 3, 4, 5, 6, 7, 8, 9]);
}

function formatTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e4 || a < 1e-3 ? v.toExponential(0) : String(Number(v.toPrecision(4)));
}

/**
 * Renders a line/scatter chart to a standalone SVG document (no dependencies, deterministic
 * output: the same spec always gives the same bytes).
 *
 * @example
 * ```ts
 * const svg = lineChart({ title: 'Capacity', xLabel: 'N', yLabel: 'alpha_c',
 *   series: [{ name: 'adatron', x: [32, 64], y: [1.9, 1.95], mode: 'line+points' }] });
 * ```
 */
export function lineChart(spec: ChartSpec): string {
  const width = spec.width ?? 640;
  const height = spec.height ?? 400;
  const m = { left: 64, right: 160, top: 36, bottom: 48 };
  const pw = width - m.left - m.right;
  const ph = height - m.top - m.bottom;
  const logX = spec.xScale === 'log';
  const logY = spec.yScale === 'log';
  const tx = (v: number): number => (logX ? Math.log10(v) : v);
  const ty = (v: number): number => (logY ? Math.log10(v) : v);
  const xs: number[] = [];
  const ys: number[] = [];
  for (const s of spec.series) {
    s.x.forEach((v, i) => {
      const y = s.y[i]!;
      if (!Number.isFinite(v) || !Number.isFinite(y) || (logX && v <= 0) || (logY && y <= 0)) return;
      xs.push(tx(v));
      const e = s.error?.[i] ?? 0;
      ys.push(ty(y));
      if (e > 0) {
        ys.push(ty(y + e));
        if (!logY || y - e > 0) ys.push(ty(y - e));
      }
    });
  }
  let [x0, x1] = xs.length ? [Math.min(...xs), Math.max(...xs)] : [0, 1];
  let [y0, y1] = spec.yDomain ? [ty(spec.yDomain[0]), ty(spec.yDomain[1])] : ys.length ? [Math.min(...ys), Math.max(...ys)] : [0, 1];
  if (x0 === x1) [x0, x1] = [x0 - 1, x1 + 1];
  const xPad = 0.03 * (x1 - x0);
  x0 -= xPad;
  x1 += xPad;
  if (y0 === y1) [y0, y1] = [y0 - 1, y1 + 1];
  if (!spec.yDomain) {
    const pad = 0.05 * (y1 - y0);
    y0 -= pad;
    y1 += pad;
  }
  const px = (v: number): number => m.left + ((tx(v) - x0) / (x1 - x0)) * pw;
  const py = (v: number): number => m.top + ph - ((ty(v) - y0) / (y1 - y0)) * ph;
  const f = (v: number): string => v.toFixed(2);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
  out.push(`<rect width="${width}" height="${height}" fill="white"/>`);
  out.push(`<text x="${m.left + pw / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${escapeXml(spec.title)}</text>`);
  const xTicks = logX ? logTicks(x0, x1) : niceTicks(x0, x1, 6);
  const yTicks = logY ? logTicks(y0, y1) : niceTicks(y0, y1, 6);
  for (const t of xTicks) {
    const x = px(t);
    out.push(`<line x1="${f(x)}" y1="${m.top}" x2="${f(x)}" y2="${m.top + ph}" stroke="#eee"/>`);
    out.push(`<text x="${f(x)}" y="${m.top + ph + 16}" text-anchor="middle">${formatTick(t)}</text>`);
  }
  for (const t of yTicks) {
    const y = py(t);
    out.push(`<line x1="${m.left}" y1="${f(y)}" x2="${m.left + pw}" y2="${f(y)}" stroke="#eee"/>`);
    out.push(`<text x="${m.left - 6}" y="${f(y + 4)}" text-anchor="end">${formatTick(t)}</text>`);
  }
  out.push(`<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="#333"/>`);
  out.push(`<text x="${m.left + pw / 2}" y="${height - 10}" text-anchor="middle">${escapeXml(spec.xLabel)}</text>`);
  out.push(`<text transform="translate(16 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle">${escapeXml(spec.yLabel)}</text>`);
  out.push(`<defs><clipPath id="plot"><rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}"/></clipPath></defs>`);
  spec.series.forEach((s, k) => {
    const color = s.color ?? palette[k % palette.length]!;
    const mode = s.mode ?? 'line';
    const pts = s.x.map((x, i) => [x, s.y[i]!, s.error?.[i] ?? 0] as const)
      .filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y) && (!logX || x > 0) && (!logY || y > 0));
    out.push(`<g clip-path="url(#plot)">`);
    if (mode !== 'points' && pts.length > 1) {
      const d = pts.map(([x, y], i) => `${i ? 'L' : 'M'}${f(px(x))} ${f(py(y))}`).join(' ');
      out.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="2"${mode === 'dashed' ? ' stroke-dasharray="6 4"' : ''}/>`);
    }
    for (const [x, y, e] of pts) {
      if (e > 0) {
        const lo = logY && y - e <= 0 ? y : y - e;
        out.push(`<line x1="${f(px(x))}" y1="${f(py(lo))}" x2="${f(px(x))}" y2="${f(py(y + e))}" stroke="${color}"/>`);
      }
      if (mode === 'points' || mode === 'line+points') out.push(`<circle cx="${f(px(x))}" cy="${f(py(y))}" r="3.5" fill="${color}"/>`);
    }
    out.push('</g>');
    const ly = m.top + 8 + 18 * k;
    const lx = m.left + pw + 12;
    out.push(mode === 'points'
      ? `<circle cx="${lx + 10}" cy="${ly}" r="3.5" fill="${color}"/>`
      : `<line x1="${lx}" y1="${ly}" x2="${lx + 20}" y2="${ly}" stroke="${color}" stroke-width="2"${mode === 'dashed' ? ' stroke-dasharray="6 4"' : ''}/>`);
    out.push(`<text x="${lx + 26}" y="${ly + 4}">${escapeXml(s.name)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** One point of a {@link scatterChart}. */
export interface ScatterPoint {
  readonly x: number;
  readonly y: number;
  readonly color: string;
  readonly r?: number;
}

/**
 * Renders coloured points on a square canvas (e.g. a map of basins of attraction), with an
 * optional legend.
 *
 * @example
 * ```ts
 * scatterChart({ title: 'Basins', xLabel: 'longitude', yLabel: 'latitude', points, legend: [{ name: 'agnostic', color: '#000' }] });
 * ```
 */
export function scatterChart(spec: { title: string; xLabel: string; yLabel: string; points: readonly ScatterPoint[]; legend?: readonly { name: string; color: string }[]; xDomain?: readonly [number, number]; yDomain?: readonly [number, number]; size?: number }): string {
  const size = spec.size ?? 420;
  const m = { left: 56, right: 150, top: 36, bottom: 44 };
  const width = size + m.left + m.right;
  const height = size + m.top + m.bottom;
  const xs = spec.points.map((p) => p.x);
  const ys = spec.points.map((p) => p.y);
  const [x0, x1] = spec.xDomain ?? [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = spec.yDomain ?? [Math.min(...ys), Math.max(...ys)];
  const px = (v: number): number => m.left + ((v - x0) / (x1 - x0 || 1)) * size;
  const py = (v: number): number => m.top + size - ((v - y0) / (y1 - y0 || 1)) * size;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
  out.push(`<rect width="${width}" height="${height}" fill="white"/>`);
  out.push(`<text x="${m.left + size / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${escapeXml(spec.title)}</text>`);
  for (const p of spec.points) out.push(`<circle cx="${px(p.x).toFixed(2)}" cy="${py(p.y).toFixed(2)}" r="${p.r ?? 2}" fill="${p.color}"/>`);
  out.push(`<rect x="${m.left}" y="${m.top}" width="${size}" height="${size}" fill="none" stroke="#333"/>`);
  for (const t of niceTicks(x0, x1, 5)) out.push(`<text x="${px(t).toFixed(2)}" y="${m.top + size + 16}" text-anchor="middle">${formatTick(t)}</text>`);
  for (const t of niceTicks(y0, y1, 5)) out.push(`<text x="${m.left - 6}" y="${(py(t) + 4).toFixed(2)}" text-anchor="end">${formatTick(t)}</text>`);
  out.push(`<text x="${m.left + size / 2}" y="${height - 8}" text-anchor="middle">${escapeXml(spec.xLabel)}</text>`);
  out.push(`<text transform="translate(16 ${m.top + size / 2}) rotate(-90)" text-anchor="middle">${escapeXml(spec.yLabel)}</text>`);
  (spec.legend ?? []).forEach((l, k) => {
    const ly = m.top + 8 + 18 * k;
    out.push(`<circle cx="${m.left + size + 20}" cy="${ly}" r="5" fill="${l.color}"/>`);
    out.push(`<text x="${m.left + size + 30}" y="${ly + 4}">${escapeXml(l.name)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
