import type { Row } from '../src/scenario/scenario.js';
import { tableColumns } from '../src/report/table-columns.js';

function fmt(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : Number(v.toPrecision(4)).toString();
  return v === null || v === undefined ? '' : String(v);
}

/**
 * Formats rows as an aligned plain-text table for the terminal.
 *
 * @example
 * ```ts
 * textTable([{ rule: 'hebbian', alphaC: 0.138 }]);
 * ```
 */
export function textTable(rows: readonly Row[]): string {
  const cols = tableColumns(rows);
  const cells = [cols, ...rows.map((r) => cols.map((c) => fmt(r[c])))];
  const widths = cols.map((_, j) => Math.max(...cells.map((row) => row[j]!.length)));
  return cells.map((row) => row.map((c, j) => c.padStart(widths[j]!)).join('  ')).join('\n');
}
