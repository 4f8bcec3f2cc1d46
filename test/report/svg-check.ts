/** What a rendered Vega SVG shows: axis titles, tick labels per axis, legend labels. */
export interface SvgFigure {
  readonly axisTitles: string[];
  /** One entry per axis with labels: each label's text and position. */
  readonly axes: { text: string; x: number; y: number; opacity: number }[][];
  readonly legendLabels: string[];
}

const unescape = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

function texts(group: string): { text: string; x: number; y: number; opacity: number }[] {
  const out = [];
  for (const m of group.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)) {
    const attrs = m[1]!;
    const t = /translate\(([-\d.e]+),([-\d.e]+)\)/.exec(attrs);
    const o = /opacity="([\d.]+)"/.exec(attrs);
    out.push({ text: unescape(m[2]!), x: t ? Number(t[1]) : NaN, y: t ? Number(t[2]) : NaN, opacity: o ? Number(o[1]) : 1 });
  }
  return out;
}

/**
 * Reads a Vega SVG (renderer output: `<g class="mark-text role-axis-label">` groups of `<text>`
 * elements with `translate(x,y)` positions, one group per axis).
 */
export function parseVegaSvg(svg: string): SvgFigure {
  const groups = (role: string): string[] => [...svg.matchAll(new RegExp(`<g class="mark-text role-${role}"[^>]*>((?:<text[^>]*>[^<]*</text>)*)</g>`, 'g'))].map((m) => m[1]!);
  return {
    axisTitles: groups('axis-title').flatMap((g) => texts(g).map((t) => t.text)),
    axes: groups('axis-label').map(texts),
    legendLabels: groups('legend-label').flatMap((g) => texts(g).map((t) => t.text)),
  };
}

/**
 * Whether the labels of one axis can be read: visible, not truncated, and apart from each other
 * (horizontal axis: the gap between neighbouring centres exceeds half the sum of their widths,
 * estimated generously at 0.62 em per character; vertical axis: centres a line height apart).
 */
export function labelsReadable(labels: readonly { text: string; x: number; y: number; opacity: number }[], fontSize = 11): string | null {
  for (const l of labels) {
    if (l.opacity === 0 || l.text.trim() === '') return `hidden or empty label "${l.text}"`;
    if (l.text.includes('…')) return `truncated label "${l.text}"`;
  }
  const horizontal = new Set(labels.map((l) => l.y)).size === 1;
  const sorted = [...labels].sort((a, b) => (horizontal ? a.x - b.x : a.y - b.y));
  for (let k = 1; k < sorted.length; k++) {
    const a = sorted[k - 1]!;
    const b = sorted[k]!;
    const gap = horizontal ? b.x - a.x : b.y - a.y;
    const need = horizontal ? (0.62 * fontSize * (a.text.length + b.text.length)) / 2 + 2 : fontSize;
    if (gap < need) return `labels "${a.text}" and "${b.text}" overlap (${gap.toFixed(1)} px apart, need ${need.toFixed(1)})`;
  }
  return null;
}

/**
 * Renders each plot and lists what a reader would trip over: a legend entry missing for a declared
 * series (`usermeta.kmn.series`, written by the spec builders), and for charts (not maps) anything
 * but two titled axes with at least three readable tick labels each. Empty when all is well.
 * Scenario tests can call it on their `output.plots`.
 */
export async function figureProblems(plots: readonly { name: string; title: string; spec: Readonly<Record<string, unknown>> }[]): Promise<string[]> {
  const { renderPlot } = await import('../../src/report/render-plot.js');
  const problems: string[] = [];
  for (const plot of plots) {
    const { svg } = await renderPlot(plot);
    if (!svg.startsWith('<svg')) problems.push(`${plot.name}: not an SVG document`);
    const fig = parseVegaSvg(svg);
    const meta = (plot.spec.usermeta as { kmn?: { chart: string; series: string[] } } | undefined)?.kmn;
    if (!meta) {
      problems.push(`${plot.name}: no usermeta.kmn (build it with a spec builder from src/report)`);
      continue;
    }
    for (const s of meta.series) if (!fig.legendLabels.includes(s)) problems.push(`${plot.name}: no legend entry "${s}"`);
    if (meta.chart === 'sphere-basins') continue;
    if (fig.axisTitles.length !== 2 || fig.axisTitles.some((t) => t.trim() === '')) problems.push(`${plot.name}: axis titles ${JSON.stringify(fig.axisTitles)}`);
    for (const t of fig.axisTitles) if (/sigma\^|alpha_|chi2|\^2/.test(t)) problems.push(`${plot.name}: ASCII math in axis title "${t}"`);
    if (fig.axes.length !== 2) problems.push(`${plot.name}: ${fig.axes.length} labelled axes`);
    for (const axis of fig.axes) {
      if (axis.length < 3) problems.push(`${plot.name}: only ${axis.length} tick labels (${axis.map((l) => l.text).join(' ')})`);
      const readable = labelsReadable(axis);
      if (readable) problems.push(`${plot.name}: ${readable}`);
    }
  }
  return problems;
}
