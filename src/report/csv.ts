import type { Row } from '../scenario/scenario.js';
import { tableColumns } from './table-columns.js';

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Formats rows as CSV (RFC 4180 quoting), columns in first-seen order.
 *
 * @example
 * ```ts
 * toCsv([{ rule: 'hebbian', alphaC: 0.12 }]); // "rule,alphaC\nhebbian,0.12\n"
 * ```
 */
export function toCsv(rows: readonly Row[]): string {
  const cols = tableColumns(rows);
  const lines = [cols.map(cell).join(',')];
  for (const r of rows) lines.push(cols.map((c) => cell(r[c])).join(','));
  return `${lines.join('\n')}\n`;
}
