// `npm run bench`: runs every test/bench/*.bench.ts (each default-exports async () => BenchRow[])
// and prints one table of ratios measured in this run (a row without a target is informational);
// `--json` prints only the rows as JSON.
// `--only <substring>` runs the bench files whose name contains it.
import { readdirSync } from 'node:fs';
import type { BenchRow } from './bench-row.js';

const args = process.argv.slice(2).flatMap((a) => (a.startsWith('--only=') ? ['--only', a.slice(7)] : [a]));
const json = args.includes('--json');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
// An unknown flag (or --only without a value) must not silently run every bench on a shared machine.
const unknown = args.filter((a, k) => a.startsWith('-') && a !== '--json' && a !== '--only' && args[k - 1] !== '--only');
if (unknown.length > 0 || (args.includes('--only') && !only)) {
  process.stderr.write(`bench: ${unknown.length > 0 ? `unknown option ${unknown[0]}` : '--only needs a value'}; use --json and --only <part of a file name>\n`);
  process.exit(2);
}
const dir = new URL('./', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only))).sort();
const rows: BenchRow[] = [];
for (const file of files) {
  if (!json) process.stderr.write(`bench: ${file}\n`);
  const mod = (await import(new URL(file, dir).href)) as { default: () => Promise<BenchRow[]> };
  try {
    rows.push(...(await mod.default()));
  } catch (error) {
    rows.push({ name: file, skipped: `failed: ${(error as Error).message}`, pass: false });
  }
}
if (json) {
  process.stdout.write(`${JSON.stringify(rows)}\n`);
} else {
  const fmt = (v: unknown): string => (typeof v === 'number' ? Number(v.toPrecision(3)).toString() : v === undefined ? '' : String(v));
  const table = [['benchmark', 'ratio', 'target', 'pass', 'notes'], ...rows.map((r) => {
    const { name, ratio, target, pass, skipped, ...extra } = r;
    const notes = skipped ? `skipped: ${skipped}` : Object.entries(extra).map(([k, v]) => `${k}=${fmt(v)}`).join(' ');
    return [name, fmt(ratio), target ?? '', skipped ? '-' : target === undefined ? '' : pass ? 'yes' : 'NO', notes];
  })];
  const widths = table[0]!.map((_, j) => Math.max(...table.map((row) => row[j]!.length)));
  for (const row of table) process.stdout.write(`${row.map((c, j) => (j === 4 ? c : c.padEnd(widths[j]!))).join('  ')}\n`);
}
