import { chmodSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, kmn } from './kmn-process.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'kmn-fail-'));
const oneLine = (stderr: string): string[] => stderr.trim().split('\n');

describe('failing tasks: same exit status and message whatever --workers', () => {
  for (const mode of ['throw', 'exit'] as const) {
    it(`a task that ${mode}s fails the run with status 1 and one line naming the task, under 1 and 2 workers`, async () => {
      const results = await Promise.all([1, 2].map((w) => kmn(['run', fixture('fail-scenario.ts'), '--set', `mode=${mode}`, '--set', 'at=2', '--trials', '4', '--workers', String(w), '--out', join(tmp(), 'o'), '--quiet'])));
      for (const r of results) {
        expect(r.code).toBe(1);
        expect(r.stdout).toBe('');
        expect(oneLine(r.stderr)).toHaveLength(1);
        expect(r.stderr).toMatch(/^kmn: error: task 2: \{"t":2\} failed: /);
        expect(r.stderr).toMatch(mode === 'throw' ? /RangeError: task 2 refuses/ : /called process\.exit\(3\)/);
      }
      expect(results[1]!.stderr).toBe(results[0]!.stderr);
    });
  }

  it('KMN_DEBUG keeps the stack of the failing task', async () => {
    const r = await kmn(['run', fixture('fail-scenario.ts'), '--set', 'mode=throw', '--workers', '2', '--out', join(tmp(), 'o'), '--quiet'], { KMN_DEBUG: '1' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/caused by: RangeError: task 2 refuses\n\s+at /);
    expect(r.stderr).toContain('fail-scenario.ts');
  });
});

describe('--out is checked before any work', () => {
  it('a file, a path under a file, a read-only folder and /proc give one-line errors with status 2 at once', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'file'), 'x');
    chmodSync(dir, 0o755);
    const ro = join(dir, 'ro');
    mkdirSync(ro);
    chmodSync(ro, 0o555);
    const cases: [string, RegExp][] = [
      [join(dir, 'file'), /--out: .*file exists and is a file/],
      [join(dir, 'file', 'sub'), /--out: .*file\/sub lies under a file/],
      ['/proc/kmn-test-out', /--out: \/proc\/kmn-test-out (lies on a pseudo file system|is not writable)/],
    ];
    cases.push([join(ro, 'run'), /--out: .*ro\/run is not writable \(EACCES/]);
    // root ignores permission bits: the read-only case runs kmn as the unprivileged user nobody.
    const asUser = process.getuid?.() === 0 ? { uid: 65534 } : {};
    for (const [out, pattern] of cases) {
      const started = Date.now();
      const r = await kmn(['run', fixture('coin-scenario.ts'), '--set', 'flips=100000000', '--trials', '50', '--out', out], {}, out.startsWith(ro) ? asUser : {});
      expect(r.code, out).toBe(2);
      expect(oneLine(r.stderr), out).toHaveLength(1);
      expect(r.stderr).toMatch(pattern);
      // 50 tasks of 1e8 flips take minutes: an error within 20 s (tsx start-up on a busy machine) means no task ran.
      expect(Date.now() - started).toBeLessThan(20_000);
    }
  });

  it('refuses a non-empty folder that holds no kmn run, and leaves it untouched', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'thesis.tex'), 'mine');
    const r = await kmn(['run', fixture('coin-scenario.ts'), '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out: .* is not empty and holds no kmn run/);
    expect(readdirSync(dir)).toEqual(['thesis.tex']);
  });
});

describe('progress when stderr is not a terminal', () => {
  it('prints plain lines (what will run, then what was written); --quiet prints nothing', async () => {
    const out = join(tmp(), 'o');
    const r = await kmn(['run', fixture('coin-scenario.ts'), '--trials', '3', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`^kmn: coin: 3 of 3 tasks to run, into ${out}\n`));
    expect(r.stderr).toMatch(/kmn: wrote .*report\.md and .*result\.json \(3 tasks run, [\d.]+ s\)\n$/);
    const again = await kmn(['run', fixture('coin-scenario.ts'), '--trials', '3', '--out', out, '--resume']);
    expect(again.stderr).toMatch(/^kmn: coin: 0 of 3 tasks to run \(3 kept from before\)/);
    const quiet = await kmn(['run', fixture('coin-scenario.ts'), '--trials', '3', '--out', out, '--quiet']);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
  });
});

describe('checks that differ from theory', () => {
  it('exit with status 3 after writing the outputs', async () => {
    const out = join(tmp(), 'o');
    const r = await kmn(['run', fixture('coin-scenario.ts'), '--set', 'maxFraction=0.1', '--out', out]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('[DIFFERS]');
    expect(r.stderr).toMatch(/1 of 1 checks differ from theory \(exit status 3\)/);
    expect(readdirSync(out)).toContain('result.json');
  });
});
