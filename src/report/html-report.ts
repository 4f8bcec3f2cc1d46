import type { Row, ScenarioOutput, ScenarioResult } from '../scenario/scenario.js';
import { tableColumns } from './table-columns.js';

/** A figure for the HTML report: its title and its rendered SVG document. */
export interface HtmlFigure {
  readonly name: string;
  readonly title: string;
  readonly svg: string;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function fmt(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : Number(v.toPrecision(4)).toString();
  if (v === null || v === undefined) return '';
  return String(v);
}

function table(rows: readonly Row[], limit: number): string {
  if (rows.length === 0) return '<p><em>(no rows)</em></p>';
  const cols = tableColumns(rows);
  const head = `<tr>${cols.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>`;
  const body = rows.slice(0, limit).map((r) => `<tr>${cols.map((c) => `<td${typeof r[c] === 'number' ? ' class="num"' : ''}>${escapeHtml(fmt(r[c]))}</td>`).join('')}</tr>`).join('\n');
  const more = rows.length > limit ? `<p><em>${rows.length - limit} more rows in the CSV.</em></p>` : '';
  return `<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>${more}`;
}

/**
 * An SVG document made safe to inline next to others: the XML prolog dropped and every `id`
 * (clip paths, gradients) and its `url(#...)`/`href="#..."` references prefixed, so figures in one
 * page never resolve each other's definitions.
 */
function inlineSvg(svg: string, prefix: string): string {
  return svg
    .replace(/<\?xml[^>]*>\s*/, '')
    .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${prefix}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${prefix}-${id})`)
    .replace(/href="#([^"]+)"/g, (_, id: string) => `href="#${prefix}-${id}"`);
}

const style = `body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.6em}h2{font-size:1.25em;margin-top:1.8em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;font-size:.88em;margin:.6em 0}th,td{border:1px solid #ddd;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#f4f4f4}td.num{text-align:right;font-variant-numeric:tabular-nums}
.pass{color:#006d4f;font-weight:bold}.fail{color:#b23a00;font-weight:bold}
figure{margin:1.2em 0}figure svg{max-width:100%;height:auto}figcaption{font-size:.9em;color:#444}
code{background:#f4f4f4;padding:0 .2em}`;

/**
 * The run's `report.html`: one self-contained page (no scripts, no network) with the parameters,
 * every check (measured beside theory, the criterion, pass or fail), the figures inline as SVG,
 * and the main table, with links to the CSV, JSON and Vega-Lite files written beside it.
 *
 * @example
 * ```ts
 * const html = renderHtmlReport(run.result, run.output, { description: scenario.description, csv: 'capacity.csv', figures });
 * ```
 */
export function renderHtmlReport(result: ScenarioResult, output: ScenarioOutput, meta: { description: string; csv: string; figures: readonly HtmlFigure[] }): string {
  const passed = output.checks.filter((c) => c.pass).length;
  const reproduce = `kmn run ${result.scenario} --seed ${result.seed} --trials ${result.trials} ${Object.entries(result.params).map(([k, v]) => `--set ${k}=${Array.isArray(v) ? v.join(',') : String(v)}`).join(' ')}`;
  const parts: string[] = [];
  parts.push(`<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>kmn: ${escapeHtml(result.scenario)}</title>\n<style>\n${style}\n</style>\n</head>\n<body>`);
  parts.push(`<h1>${escapeHtml(result.scenario)}</h1>\n<p>${escapeHtml(meta.description)}</p>`);
  parts.push(`<p>kmn ${escapeHtml(result.version)}, seed ${result.seed}, ${result.trials} trial(s). Reproduce with <code>${escapeHtml(reproduce)}</code>.</p>`);
  if (output.summary) parts.push(`<p>${escapeHtml(output.summary)}</p>`);
  parts.push('<h2>Parameters</h2>');
  parts.push(table(Object.entries(result.params).map(([parameter, v]) => ({ parameter, value: Array.isArray(v) ? v.join(', ') : fmt(v) })), 1000));
  if (output.checks.length > 0) {
    parts.push(`<h2>Measured against theory</h2>\n<p>${passed} of ${output.checks.length} checks agree.</p>`);
    const rows = output.checks.map((c) => `<tr><td>${escapeHtml(c.claim)}</td><td class="num">${escapeHtml(fmt(c.measured))}</td><td class="num">${escapeHtml(fmt(c.theory))}</td><td>${escapeHtml(c.criterion)}</td><td class="${c.pass ? 'pass' : 'fail'}">${c.pass ? 'pass' : 'FAIL'}</td></tr>`);
    parts.push(`<table>\n<thead><tr><th>claim</th><th>measured</th><th>theory</th><th>criterion</th><th>result</th></tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`);
  }
  if (meta.figures.length > 0) {
    parts.push('<h2>Figures</h2>');
    meta.figures.forEach((f, k) => {
      parts.push(`<figure id="figure-${escapeHtml(f.name)}">\n${inlineSvg(f.svg, `f${k}`)}\n<figcaption>${escapeHtml(f.title)} (<a href="${escapeHtml(f.name)}.svg">SVG</a>, <a href="${escapeHtml(f.name)}.vl.json">Vega-Lite spec</a>)</figcaption>\n</figure>`);
    });
  }
  parts.push(`<h2>Results</h2>\n<p>The main table (<a href="${escapeHtml(meta.csv)}">${escapeHtml(meta.csv)}</a>; all values in <a href="result.json">result.json</a>):</p>`);
  parts.push(table(result.rows, 60));
  parts.push('</body>\n</html>\n');
  return parts.join('\n');
}
