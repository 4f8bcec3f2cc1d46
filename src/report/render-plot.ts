import type { TopLevelSpec } from 'vega-lite';
import { InvalidValueError } from '../errors.js';
import type { Plot } from '../scenario/scenario.js';

/** A rendered figure: the SVG document and the Vega-Lite spec it came from, as JSON text. */
export interface RenderedPlot {
  readonly svg: string;
  readonly specJson: string;
}

/**
 * Approximate advance width of a text in DejaVu Sans (the figures' first font), in em per
 * character class. Vega lays out legends, titles and label limits with text widths; without a
 * canvas it guesses 0.8 em per character, which pads every figure with empty space.
 */
function textWidth(text: string, size: number, bold: boolean): number {
  let em = 0;
  for (const ch of text) {
    if (' .,:;\'|!ijlI()[]'.includes(ch)) em += 0.32;
    else if ('ftr-'.includes(ch)) em += 0.42;
    else if ('mwMW—'.includes(ch)) em += 0.9;
    else if (ch >= 'A' && ch <= 'Z') em += 0.72;
    else em += 0.6;
  }
  return em * size * (bold ? 1.1 : 1);
}

interface TextItem {
  readonly text?: unknown;
  readonly fontSize?: number;
  readonly fontWeight?: string | number;
}

type VegaModule = typeof import('vega');
type Compile = typeof import('vega-lite').compile;
let engine: Promise<{ vega: VegaModule; compile: Compile }> | undefined;

// Vega is loaded on first use, not at import: its Node build has a top-level await (an optional
// canvas), which would stop `require('kmn/node')` from working and slow every CLI start.
function loadVega(): Promise<{ vega: VegaModule; compile: Compile }> {
  engine ??= Promise.all([import('vega'), import('vega-lite')]).then(([vega, vegaLite]) => {
    const metrics = (vega as unknown as { textMetrics: { width: (item: TextItem, text?: unknown) => number } }).textMetrics;
    metrics.width = (item, text) => {
      const value = text ?? item.text;
      const s = Array.isArray(value) ? value.join(' ') : value == null ? '' : String(value);
      const w = item.fontWeight;
      return textWidth(s, item.fontSize ?? 11, w === 'bold' || (typeof w === 'number' && w >= 600));
    };
    return { vega, compile: vegaLite.compile };
  });
  return engine;
}

/**
 * Numbers the SVG's definition ids (clip paths, gradients) in order of appearance: Vega draws them
 * from a process-wide counter (in whichever copy of its scenegraph the renderer uses), so without
 * this a figure's bytes would depend on what was rendered before it.
 */
function renumberIds(svg: string): string {
  const renamed = new Map<string, string>();
  for (const m of svg.matchAll(/\sid="([^"]+)"/g)) if (!renamed.has(m[1]!)) renamed.set(m[1]!, `${m[1]!.replace(/\d+$/, '')}${renamed.size + 1}`);
  if (renamed.size === 0) return svg;
  return svg.replace(/(\sid="|url\(#|href="#)([^")]+)/g, (whole, lead: string, id: string) => (renamed.has(id) ? `${lead}${renamed.get(id)}` : whole));
}

/**
 * A spec as JSON text: indented, but every flat object (a data row, a scale) and every list of
 * numbers on one line, so a table of thousands of rows stays readable and small.
 *
 * @example
 * ```ts
 * specToJson({ data: { values: [{ x: 1, y: 2 }] } }); // '{\n  "data": {\n    "values": [\n      { "x": 1, "y": 2 }\n    ]\n  }\n}\n'
 * ```
 */
export function specToJson(spec: unknown): string {
  return `${JSON.stringify(spec, null, 2)
    .replace(/\[\n\s*([-\d.e+,\s]*?)\n\s*\]/g, (_, body: string) => `[${body.split(/,\n\s*/).join(', ')}]`)
    .replace(/\{\n\s*([^{}[\]]*?)\n\s*\}/g, (_, body: string) => `{ ${body.split(/,\n\s*/).join(', ')} }`)}\n`;
}

/**
 * Renders a plot's Vega-Lite spec to a standalone SVG document, headless: Vega-Lite compiles the
 * spec to Vega, and a Vega view with the `none` renderer writes SVG (no canvas, no browser, no
 * native module). Also returns the spec as pretty JSON (written beside the SVG as
 * `<name>.vl.json`, so a user can restyle the figure in the Vega editor). The same spec always gives
 * the same bytes when figures are rendered one at a time (await each call).
 *
 * @throws InvalidValueError when the plot has no spec, or Vega-Lite rejects it.
 * @example
 * ```ts
 * const { svg, specJson } = await renderPlot(plot);
 * writeFileSync(`${plot.name}.svg`, svg);
 * ```
 */
export async function renderPlot(plot: Plot): Promise<RenderedPlot> {
  const { vega, compile } = await loadVega();
  if (!plot.spec) throw new InvalidValueError(`plot "${plot.name}"`, 'has no Vega-Lite spec', 'build the figure with measuredTheoryChart or another spec builder in src/report');
  let compiled;
  try {
    compiled = compile(plot.spec as unknown as TopLevelSpec).spec;
  } catch (error) {
    throw new InvalidValueError(`plot "${plot.name}"`, `is not a valid Vega-Lite spec (${(error as Error).message})`, 'check the spec against https://vega.github.io/schema/vega-lite/v6.json');
  }
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Warn });
  try {
    // A tenth of a pixel is plenty; Vega writes full doubles, which doubles the file size.
    const svg = renumberIds((await view.toSVG()).replace(/<[^>]+>/g, (tag) => tag.replace(/(\d\.\d)\d+/g, '$1')));
    return { svg: `${svg}\n`, specJson: specToJson(plot.spec) };
  } finally {
    view.finalize();
  }
}
