import { join } from 'node:path';
import type { ScenarioRun } from '../scenario/run-scenario.js';
import { writeFileAtomic } from './atomic-write.js';
import { toCsv } from './csv.js';
import { renderHtmlReport, type HtmlFigure } from './html-report.js';
import { renderReport } from './markdown.js';
import { renderPlot } from './render-plot.js';
import { svgToPng } from './svg-to-png.js';

/**
 * Writes a run's files under `dir`, each atomically: `result.json`, `<scenario>.csv` (the main
 * table), one CSV per further table, per plot its SVG (rendered from its Vega-Lite spec) and the spec
 * as `<name>.vl.json` (and `<name>.png` with `png: true`), `report.md`, and the self-contained
 * `report.html`.
 *
 * @returns the paths written.
 * @example
 * ```ts
 * await writeRun('out/capacity', run, { description: scenario.description });
 * ```
 */
export async function writeRun(dir: string, run: ScenarioRun, meta: { description: string; png?: boolean }): Promise<string[]> {
  const { result, output } = run;
  const written: string[] = [];
  const put = (name: string, content: string | Uint8Array): void => {
    const path = join(dir, name);
    writeFileAtomic(path, content);
    written.push(path);
  };
  const csv = `${result.scenario}.csv`;
  put(csv, toCsv(result.rows));
  for (const [name, rows] of Object.entries(result.tables)) put(`${name}.csv`, toCsv(rows));
  const figures: HtmlFigure[] = [];
  for (const plot of output.plots) {
    const { svg, specJson } = await renderPlot(plot);
    put(`${plot.name}.svg`, svg);
    put(`${plot.name}.vl.json`, specJson);
    if (meta.png) put(`${plot.name}.png`, await svgToPng(svg));
    figures.push({ name: plot.name, title: plot.title, svg });
  }
  put('report.md', renderReport(result, output, { description: meta.description, csv }));
  put('report.html', renderHtmlReport(result, output, { description: meta.description, csv, figures }));
  put('result.json', `${JSON.stringify(result, null, 2)}\n`);
  return written;
}
