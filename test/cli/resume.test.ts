import { cpSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/rng/rng.js';
import { fixture, kmn, snapshot, spawnKmn } from './kmn-process.js';

const coin = fixture('coin-scenario.ts');
// 24 tasks of 1e6 flips: a run of a few seconds, so kills land before, during and after the tasks.
const runArgs = (out: string, workers: number): string[] => ['run', coin, '--set', 'flips=1000000', '--trials', '24', '--seed', '5', '--workers', String(workers), '--out', out, '--quiet'];

function waitExit(child: ReturnType<typeof spawnKmn>): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  child.stdout!.resume();
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
}

describe('interrupt and resume', () => {
  it('20 runs killed (SIGKILL) at random points and resumed give byte-identical run folders', async () => {
    const base = mkdtempSync(join(tmpdir(), 'kmn-kill-'));
    const reference = join(base, 'reference');
    const ref = await kmn(runArgs(reference, 2));
    expect(ref.code).toBe(0);
    const expected = snapshot(reference);
    expect(Object.keys(expected)).toContain('result.json');
    expect(Object.keys(expected).filter((f) => f.startsWith('.kmn/tasks/'))).toHaveLength(24);
    // Kill points from a seeded stream, independent of the machine's speed: wait until a random
    // number of tasks (0 to 24: before the first task up to the publishing of the outputs) is
    // stored, then a random 0-150 ms more, then SIGKILL.
    const rng = createRng(2026);
    const points = Array.from({ length: 20 }, () => ({ tasks: rng.int(25), extraMs: 150 * rng.uniform() }));
    const outcomes: string[] = [];
    const stored = (out: string): number => (existsSync(join(out, '.kmn', 'tasks')) ? readdirSync(join(out, '.kmn', 'tasks')).filter((f) => f.endsWith('.v8')).length : 0);
    const one = async (k: number): Promise<void> => {
      const out = join(base, `run-${k}`);
      const child = spawnKmn(runArgs(out, 1 + (k % 2)));
      let running = true;
      const exited = waitExit(child).finally(() => (running = false));
      while (running && stored(out) < points[k]!.tasks) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, points[k]!.extraMs));
      child.kill('SIGKILL');
      const first = await exited;
      const kept = stored(out);
      outcomes.push(first.signal === 'SIGKILL' ? `killed with ${kept} tasks kept` : 'finished before the kill');
      const resumed = await kmn([...runArgs(out, 2 - (k % 2)), '--resume']);
      expect(resumed.stderr, `run ${k}`).toBe('');
      expect(resumed.code, `run ${k}`).toBe(0);
      expect(snapshot(out), `run ${k}`).toEqual(expected);
      // No staging or old copies left beside the folder.
      expect(readdirSync(base).filter((f) => f.startsWith(`.run-${k}.`)), `run ${k}`).toEqual([]);
    };
    for (let k = 0; k < 20; k += 2) await Promise.all([one(k), one(k + 1)]);
    // The kills must have hit runs in progress, most with finished tasks kept, or the test proves little.
    expect(outcomes.filter((o) => o.startsWith('killed')).length, outcomes.join('; ')).toBeGreaterThanOrEqual(15);
    expect(outcomes.filter((o) => /killed with [1-9]\d* tasks kept/.test(o)).length, outcomes.join('; ')).toBeGreaterThanOrEqual(10);
  }, 400_000);

  it('a run killed at random points over a folder holding an older run never leaves files of both', async () => {
    const base = mkdtempSync(join(tmpdir(), 'kmn-mix-'));
    const older = join(base, 'older');
    const newer = join(base, 'newer');
    const [a, b] = await Promise.all([kmn(runArgs(older, 1).map((x) => (x === '5' ? '6' : x))), kmn(runArgs(newer, 1))]);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    const old = snapshot(older);
    const fresh = snapshot(newer);
    const outputs = Object.keys(fresh).filter((f) => !f.startsWith('.kmn/'));
    const rng = createRng(7);
    for (let k = 0; k < 6; k++) {
      const out = join(base, `run-${k}`);
      cpSync(older, out, { recursive: true });
      const child = spawnKmn(runArgs(out, 1));
      let running = true;
      const exited = waitExit(child).finally(() => (running = false));
      const target = [0, 12, 24][k % 3]!;
      const stored = (): number => (existsSync(join(out, '.kmn', 'tasks')) ? readdirSync(join(out, '.kmn', 'tasks')).length : 0);
      while (running && (target === 0 ? !existsSync(join(out, '.kmn')) : stored() < target)) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 150 * rng.uniform()));
      child.kill('SIGKILL');
      await exited;
      const now = snapshot(out);
      const from = (s: Record<string, string>): number => outputs.filter((f) => now[f] !== undefined && now[f] === s[f]).length;
      // Either the whole older run, or no output at all (tasks of the new run only), or the whole new run.
      const present = outputs.filter((f) => now[f] !== undefined).length;
      expect([0, outputs.length], `kill ${k}: ${present} of ${outputs.length} outputs`).toContain(present);
      if (present > 0) expect([from(old), from(fresh)], `kill ${k}`).toContain(outputs.length);
    }
  }, 300_000);

  it('SIGINT stops cleanly with status 130, keeps finished tasks and prints the resume command', async () => {
    const base = mkdtempSync(join(tmpdir(), 'kmn-int-'));
    const out = join(base, 'run');
    const args = ['run', coin, '--set', 'flips=2000000', '--trials', '40', '--seed', '5', '--out', out];
    const child = spawnKmn(args);
    const exited = waitExit(child);
    const tasks = join(out, '.kmn', 'tasks');
    while (!(existsSync(tasks) && readdirSync(tasks).length >= 2)) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGINT');
    const r = await exited;
    expect(r.code).toBe(130);
    const line = r.stderr.trim().split('\n').at(-1)!;
    expect(line).toMatch(/^kmn: run: interrupted by SIGINT with \d+ of 40 tasks finished; they are kept in .*Resume with: kmn run .* --resume$/);
    const kept = readdirSync(tasks).filter((f) => f.endsWith('.v8')).length;
    expect(kept).toBeGreaterThanOrEqual(2);
    expect(existsSync(join(out, 'result.json'))).toBe(false);
    const command = line.slice(line.indexOf('Resume with: kmn ') + 'Resume with: kmn '.length).split(' ');
    const resumed = await kmn(command);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(new RegExp(`${40 - kept} tasks run, ${kept} resumed`));
    const reference = join(base, 'reference');
    expect((await kmn([...args.slice(0, -1), reference, '--quiet'])).code).toBe(0);
    expect(snapshot(out)).toEqual(snapshot(reference));
  }, 120_000);

  it('--resume refuses, in one line, a folder holding a different run; a new run refuses an unfinished one', async () => {
    const base = mkdtempSync(join(tmpdir(), 'kmn-mismatch-'));
    const out = join(base, 'run');
    const child = spawnKmn(['run', coin, '--set', 'flips=2000000', '--trials', '40', '--seed', '5', '--out', out]);
    const exited = waitExit(child);
    const tasks = join(out, '.kmn', 'tasks');
    while (!(existsSync(tasks) && readdirSync(tasks).length >= 1)) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await exited;
    const other = await kmn(['run', coin, '--set', 'flips=2000000', '--trials', '40', '--seed', '6', '--out', out, '--resume']);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/^kmn: error: --resume: .* holds a different run \(seed 5 vs 6\)/);
    expect(other.stderr.trim().split('\n')).toHaveLength(1);
    const fresh = await kmn(['run', coin, '--set', 'flips=2000000', '--trials', '40', '--seed', '5', '--out', out]);
    expect(fresh.code).toBe(2);
    expect(fresh.stderr).toMatch(/holds an unfinished run of coin \(\d+ of 40 tasks done\).*--resume.*--force/);
  }, 120_000);
});
