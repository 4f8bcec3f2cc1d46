import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenario/run-scenario.js';
import { writeRun } from '../../src/report/write-run.js';
import recall from '../../scenarios/continuous-recall.js';

describe('report.html', () => {
  it('is one self-contained page: parameters, every check with pass/fail, each figure inline, no network', async () => {
    const run = await runScenario(recall, { seed: 2, trials: 3, params: { N: '16', M: '10', capacityN: '6,8,10' }, workers: 1 });
    expect(run.output.plots.length).toBeGreaterThanOrEqual(2);
    const dir = mkdtempSync(join(tmpdir(), 'kmn-html-'));
    await writeRun(dir, run, { description: recall.description });
    const files = readdirSync(dir);
    expect(files).toEqual(expect.arrayContaining(['report.html', 'report.md', 'recall-vs-sigma2-N16.svg', 'recall-vs-sigma2-N16.vl.json', 'capacity-vs-n.svg']));
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    for (const [k, v] of Object.entries(run.result.params)) expect(html).toContain(`<td>${k}</td>`), expect(html).toContain(Array.isArray(v) ? v.join(', ') : String(v));
    for (const c of run.output.checks) {
      const claim = c.claim.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      expect(html).toContain(claim);
    }
    const verdicts = html.match(/<td class="(pass|fail)">/g) ?? [];
    expect(verdicts).toHaveLength(run.output.checks.length);
    // Figures inline: one <svg> per plot, the same drawing as the file beside it.
    expect(html.match(/<svg[\s>]/g)).toHaveLength(run.output.plots.length);
    const svg = readFileSync(join(dir, 'recall-vs-sigma2-N16.svg'), 'utf8');
    expect(html).toContain(svg.match(/<text[^>]*>[^<]+<\/text>/)![0]);
    // Nothing to fetch: no scripts, no external sources or stylesheets (the SVG namespace is a name, not a request).
    expect(html).not.toMatch(/<script|<link|src="https?:|href="https?:|@import|url\(https?:/);
    // Definitions (clip paths) are unique in the page, and every reference resolves.
    expect(svg).toMatch(/clip-path="url\(#/);
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of html.matchAll(/url\(#([^)]+)\)/g)) expect(ids).toContain(m[1]);
    // The spec beside the SVG is the plot's own.
    expect(JSON.parse(readFileSync(join(dir, 'recall-vs-sigma2-N16.vl.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(run.output.plots[0]!.spec)));
  });
});
