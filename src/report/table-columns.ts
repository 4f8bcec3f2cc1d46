import type { Row } from '../scenario/scenario.js';

/**
 * Column names of a table, in first-seen order.
 *
 * @example
 * ```ts
 * tableColumns([{ a: 1 }, { a: 2, b: 3 }]); // ['a', 'b']
 * ```
 */
export function tableColumns(rows: readonly Row[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
}
