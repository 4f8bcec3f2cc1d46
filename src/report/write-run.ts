import { join } from 'node:path';
import type { ScenarioRun } from '../scenario/run-scenario.js';
import { writeFileAtomic } from './atomic-write.js';
import { toCsv } from './csv.js';
import { renderReport } from './markdown.js';

/**
 * Writes a run's files under `dir`, each atomically: `result.json`, `<scenario>.csv` (the main
 * table), one CSV per further table, one SVG per plot, and `report.md`.
 *
 * @returns the paths written.
 * @example
 * ```ts
 * writeRun('out/capacity', run, { description: scenario.description });
 * ```
 */
export function writeRun(dir: string, run: ScenarioRun, meta: { description: string }): string[] {
  const { result, output } = run;
  const written: string[] = [];
  const put = (name: string, content: string): void => {
    const path = join(dir, name);
    writeFileAtomic(path, content);
    written.push(path);
  };
  const csv = `${result.scenario}.csv`;
  put(csv, toCsv(result.rows));
  for (const [name, rows] of Object.entries(result.tables)) put(`${name}.csv`, toCsv(rows));
  for (const plot of output.plots) if (plot.svg !== undefined) put(`${plot.name}.svg`, plot.svg);
  put('report.md', renderReport(result, output, { description: meta.description, csv }));
  put('result.json', `${JSON.stringify(result, null, 2)}\n`);
  return written;
}
