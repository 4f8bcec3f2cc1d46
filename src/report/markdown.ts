import { tableColumns } from './table-columns.js';
import type { Row, ScenarioOutput, ScenarioResult } from '../scenario/scenario.js';

function fmt(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : Number(v.toPrecision(4)).toString();
  if (v === null || v === undefined) return '';
  return String(v).replace(/\|/g, '\\|');
}

/**
 * A Markdown table of rows (at most `limit` rows, with a note on how many were left out).
 *
 * @example
 * ```ts
 * markdownTable([{ a: 1, b: 0.123456 }]); // "| a | b |\n|---|---|\n| 1 | 0.1235 |"
 * ```
 */
export function markdownTable(rows: readonly Row[], limit = 40): string {
  if (rows.length === 0) return '_(no rows)_';
  const cols = tableColumns(rows);
  const lines = [`| ${cols.join(' | ')} |`, `|${cols.map(() => '---').join('|')}|`];
  for (const r of rows.slice(0, limit)) lines.push(`| ${cols.map((c) => fmt(r[c])).join(' | ')} |`);
  if (rows.length > limit) lines.push(`\n_${rows.length - limit} more rows in the CSV._`);
  return lines.join('\n');
}

/**
 * The run's `report.md`: parameters, each measured value beside the theory it checks, the
 * embedded plots and the main table.
 *
 * @example
 * ```ts
 * const md = renderReport(result, output, { description: scenario.description, csv: 'capacity.csv' });
 * ```
 */
export function renderReport(result: ScenarioResult, output: ScenarioOutput, meta: { description: string; csv: string }): string {
  const parts: string[] = [];
  parts.push(`# ${result.scenario}\n\n${meta.description}\n`);
  parts.push(`kmn ${result.version}, seed ${result.seed}, ${result.trials} trial(s). Reproduce with \`kmn run ${result.scenario} --seed ${result.seed} --trials ${result.trials} ${Object.entries(result.params).map(([k, v]) => `--set ${k}=${Array.isArray(v) ? v.join(',') : String(v)}`).join(' ')}\`.\n`);
  if (output.summary) parts.push(`${output.summary}\n`);
  if (output.checks.length > 0) {
    parts.push('## Measured against theory\n');
    parts.push(markdownTable(output.checks.map((c) => ({ claim: c.claim, measured: c.measured, theory: c.theory, criterion: c.criterion, agrees: c.pass ? 'yes' : 'NO' })), 200));
    parts.push('');
  }
  if (output.plots.length > 0) {
    parts.push('## Plots\n');
    for (const p of output.plots) parts.push(`![${p.title}](${p.name}.svg)\n`);
  }
  parts.push(`## Results\n\nThe main table ([${meta.csv}](${meta.csv})):\n`);
  parts.push(markdownTable(result.rows));
  return `${parts.join('\n')}\n`;
}
