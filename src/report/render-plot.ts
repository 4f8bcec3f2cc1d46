import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { InvalidValueError } from '../errors.js';
import type { Plot } from '../scenario/scenario.js';

/** A rendered figure: the SVG document and the Vega-Lite spec it came from, as JSON text. */
export interface RenderedPlot {
  readonly svg: string;
  readonly specJson: string;
}

/**
 * A spec as JSON text: indented, but every flat object (a data row, a scale) on one line, so a
 * table of thousands of rows stays readable and small.
 *
 * @example
 * ```ts
 * specToJson({ data: { values: [{ x: 1, y: 2 }] } }); // '{\n  "data": {\n    "values": [\n      { "x": 1, "y": 2 }\n    ]\n  }\n}\n'
 * ```
 */
export function specToJson(spec: unknown): string {
  return `${JSON.stringify(spec, null, 2).replace(/\{\n\s*([^{}[\]]*?)\n\s*\}/g, (_, body: string) => `{ ${body.split(/,\n\s*/).join(', ')} }`)}\n`;
}

/**
 * Renders a plot's Vega-Lite spec to a standalone SVG document, headless: Vega-Lite compiles the
 * spec to Vega, and a Vega view with the `none` renderer writes SVG (no canvas, no browser, no
 * native module). Also returns the spec as pretty JSON (written beside the SVG as
 * `<name>.vl.json`, so a user can restyle the figure in the Vega editor). Each call builds its
 * own view, so concurrent calls do not interfere.
 *
 * @throws InvalidValueError when the plot has no spec, or Vega-Lite rejects it.
 * @example
 * ```ts
 * const { svg, specJson } = await renderPlot(plot);
 * writeFileSync(`${plot.name}.svg`, svg);
 * ```
 */
export async function renderPlot(plot: Plot): Promise<RenderedPlot> {
  if (plot.spec === undefined) throw new InvalidValueError(`plot "${plot.name}"`, 'has no Vega-Lite spec', 'build the figure with measuredTheoryChart or another spec builder in src/report');
  let compiled;
  try {
    compiled = compile(plot.spec as unknown as TopLevelSpec).spec;
  } catch (error) {
    throw new InvalidValueError(`plot "${plot.name}"`, `is not a valid Vega-Lite spec (${(error as Error).message})`, 'check the spec against https://vega.github.io/schema/vega-lite/v6.json');
  }
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Warn });
  try {
    // A tenth of a pixel is plenty; Vega writes full doubles, which doubles the file size.
    const svg = (await view.toSVG()).replace(/<[^>]+>/g, (tag) => tag.replace(/(\d\.\d)\d+/g, '$1'));
    return { svg: `${svg}\n`, specJson: specToJson(plot.spec) };
  } finally {
    view.finalize();
  }
}
