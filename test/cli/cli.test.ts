import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = new URL('../../bin/kmn.mjs', import.meta.url).pathname;
const fixture = new URL('../fixtures/coin-scenario.ts', import.meta.url).pathname;

async function kmn(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { env: { ...process.env, KMN_DEBUG: '', KMN_FROM_SOURCE: '1' } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('kmn command, end to end', () => {
  it('runs a user scenario from a file and writes result.json, CSV and report.md atomically', async () => {
    const out = mkdtempSync(join(tmpdir(), 'kmn-cli-'));
    const r = await kmn(['run', fixture, '--set', 'flips=50', '--seed', '9', '--trials', '3', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('heads');
    const files = readdirSync(out).filter((f) => !f.startsWith('.') && !f.endsWith('.html')).sort();
    expect(files).toEqual(['coin.csv', 'report.md', 'result.json']);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]); // no temp files left behind
    expect(readdirSync(join(out, '.kmn', 'tasks')).sort()).toEqual(['0.v8', '1.v8', '2.v8']); // the task store
    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
    expect(result).toMatchObject({ scenario: 'coin', seed: 9, trials: 3, params: { flips: 50 }, version: expect.any(String) });
    expect(result.rows).toHaveLength(3);
    const csv = readFileSync(join(out, 'coin.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('trial,heads');
    expect(csv.slice(1).map((l) => Number(l.split(',')[1]))).toEqual(result.rows.map((r: { heads: number }) => r.heads));
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('--seed 9');
  });

  it('--json prints exactly the result object on stdout, identical for 1 and 2 workers', async () => {
    const out = mkdtempSync(join(tmpdir(), 'kmn-cli-'));
    const one = await kmn(['run', fixture, '--json', '--trials', '5', '--workers', '1', '--out', join(out, 'a')]);
    const two = await kmn(['run', fixture, '--json', '--trials', '5', '--workers', '2', '--out', join(out, 'b')]);
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    const a = JSON.parse(one.stdout);
    expect(Object.keys(a)).toEqual(expect.arrayContaining(['scenario', 'params', 'seed', 'version', 'rows']));
    expect(two.stdout).toBe(one.stdout);
  });

  it('bad parameters are one-line errors with exit code 2 and no stack trace', async () => {
    const cases: [string[], RegExp][] = [
      [['run', fixture, '--set', 'flops=3'], /flops: is not a parameter of scenario "coin".*flips/],
      [['run', fixture, '--set', 'flips=abc'], /flips: .*"abc"/],
      [['run', fixture, '--set', 'flips=0'], /flips: /],
      [['run', fixture, '--set', 'flips'], /--set: expects key=value/],
      [['run', fixture, '--seed', '-1'], /--seed: expects a non-negative integer/],
      [['run', fixture, '--trials', '1000000000'], /--trials: must be an integer in \[1, 100000\]/],
      [['run', fixture, '--workers', '1000'], /--workers: must be an integer in \[1, \d+\] \(the cores of this machine\)/],
      [['run', fixture, '--shard', '4/3'], /--shard: expects k\/K/],
      [['run', fixture, '--resume', '--force'], /--force: contradicts --resume/],
      [['merge'], /merge: needs the shard folders/],
      [['run', fixture, '--bogus'], /--bogus: is not an option/],
      [['run', 'no-such-scenario'], /unknown scenario "no-such-scenario"/],
      [['frobnicate'], /unknown command "frobnicate"/],
    ];
    for (const [args, pattern] of cases) {
      const r = await kmn(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trim().split('\n');
      expect(lines, args.join(' ')).toHaveLength(1);
      expect(lines[0]).toMatch(/^kmn: error: /);
      expect(lines[0]).toMatch(pattern);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('runs a built-in scenario end to end: result.json, CSV, SVG plot and report.md', async () => {
    const out = mkdtempSync(join(tmpdir(), 'kmn-cli-'));
    const r = await kmn(['run', 'capacity', '--set', 'N=16', '--set', 'rules=hebbian,adatron', '--trials', '2', '--out', out]); // N >= 16: at N = 12 bipolar patterns are too far from general position for Cover's count (the exact oracle finds 0.67 vs 1.29)
    expect(r.code).toBe(0);
    expect(readdirSync(out).filter((f) => !f.startsWith('.')).sort()).toEqual(expect.arrayContaining(['alpha-vs-n-linear.svg', 'alpha-vs-n-linear.vl.json', 'capacity.csv', 'report.html', 'report.md', 'result.json']));
    const report = readFileSync(join(out, 'report.md'), 'utf8');
    expect(report).toContain('![Capacity per neuron, linear kernel](alpha-vs-n-linear.svg)');
    expect(report).toMatch(/\| claim \| measured \| theory \|/);
    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
    expect(result.rows.map((row: { rule: string }) => row.rule)).toEqual(['hebbian', 'adatron']);
    for (const row of result.rows) expect(Object.keys(row)).toEqual(expect.arrayContaining(['rule', 'kernel', 'N', 'mMax', 'alphaC', 'alphaCStd', 'trials']));
  });

  it('kmn list names every built-in scenario with a description', async () => {
    const r = await kmn(['list']);
    expect(r.code).toBe(0);
    const { builtinScenarios } = await import('../../scenarios/index.js');
    for (const name of Object.keys(builtinScenarios)) expect(r.stdout).toMatch(new RegExp(`^${name}\\s+\\S`, 'm'));
  });

  it('kmn help prints usage', async () => {
    const r = await kmn(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('kmn run <scenario');
    expect(existsSync(bin)).toBe(true);
  });
});
