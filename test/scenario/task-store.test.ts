import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/errors.js';
import { prepareOutDir, publishRunDir, recoverRunDir } from '../../src/scenario/run-dir.js';
import { assignShards, parseShard } from '../../src/scenario/shard.js';
import { createTaskStore, openTaskStore, readManifest, type RunManifest } from '../../src/scenario/task-store.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'kmn-store-'));
const manifest: RunManifest = { format: 'kmn-task-store', formatVersion: 1, scenario: 's', source: 's', params: { n: 1 }, seed: 1, trials: 2, version: '0', taskCount: 5, shard: null, shardTasks: 5 };

describe('task store', () => {
  it('round-trips results that JSON would change (NaN, -0, typed arrays, undefined) and lists finished tasks', () => {
    const dir = join(tmp(), '.kmn');
    const store = createTaskStore(dir, manifest);
    const result = { a: NaN, b: -0, c: new Float64Array([1.5, Infinity]), d: undefined, e: [1, 'x'] };
    store.put(3, result);
    store.put(0, 7);
    writeFileSync(join(dir, 'tasks', '4.v8.123.tmp'), 'half'); // a write cut short by a crash
    const again = openTaskStore(dir);
    expect(again.finished()).toEqual([0, 3]);
    expect(readdirSync(join(dir, 'tasks')).sort()).toEqual(['0.v8', '3.v8']); // the partial file is gone
    const back = again.get(3) as typeof result;
    expect(Object.is(back.b, -0)).toBe(true);
    expect(back.a).toBeNaN();
    expect(back.c).toEqual(new Float64Array([1.5, Infinity]));
    expect('d' in back).toBe(true);
    expect(readManifest(dir)).toEqual(manifest);
  });

  it('refuses a manifest of another format version in one line', () => {
    const dir = join(tmp(), '.kmn');
    createTaskStore(dir, { ...manifest, formatVersion: 99 });
    expect(() => readManifest(dir)).toThrow(/format version 99, this kmn reads 1/);
  });
});

describe('run folder: prepared before work, replaced whole', () => {
  it('creates missing parents one level at a time and refuses files, paths under files and /proc', () => {
    const base = tmp();
    expect(prepareOutDir(join(base, 'a', 'b', 'c'))).toBe(join(base, 'a', 'b', 'c'));
    writeFileSync(join(base, 'f'), '');
    expect(() => prepareOutDir(join(base, 'f'))).toThrow(ParameterError);
    expect(() => prepareOutDir(join(base, 'f', 'x'))).toThrow(/--out: .* lies under a file/);
    expect(() => prepareOutDir('/proc/kmn-never')).toThrow(/--out: \/proc\/kmn-never (lies on a pseudo file system|is not writable)/);
    expect(existsSync('/proc/kmn-never')).toBe(false);
  });

  it('publish swaps the folder whole; a crash at each step leaves one run after recovery', async () => {
    const base = tmp();
    const dir = join(base, 'run');
    mkdirSync(dir);
    writeFileSync(join(dir, 'report.md'), 'old');
    writeFileSync(join(dir, 'extra.csv'), 'old');
    await publishRunDir(dir, (staging) => writeFileSync(join(staging, 'report.md'), 'new'));
    expect(readdirSync(dir)).toEqual(['report.md']); // no file of the old run is left
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toBe('new');
    expect(readdirSync(base)).toEqual(['run']);

    // Crash after staging was complete and the old run moved aside: recovery finishes the swap.
    mkdirSync(join(base, '.run.staging-1'));
    writeFileSync(join(base, '.run.staging-1', 'report.md'), 'newer');
    writeFileSync(join(base, '.run.staging-1', '.complete'), '');
    const { renameSync } = await import('node:fs');
    renameSync(dir, join(base, '.run.old-1'));
    recoverRunDir(dir);
    expect(readdirSync(base)).toEqual(['run']);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toBe('newer');

    // Crash while staging (no .complete marker): the staging folder is dropped, the run kept.
    mkdirSync(join(base, '.run.staging-2'));
    writeFileSync(join(base, '.run.staging-2', 'report.md'), 'partial');
    recoverRunDir(dir);
    expect(readdirSync(base)).toEqual(['run']);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toBe('newer');

    // Crash right after moving the old run aside, with nothing staged: the old run comes back.
    renameSync(dir, join(base, '.run.old-3'));
    recoverRunDir(dir);
    expect(readdirSync(base)).toEqual(['run']);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toBe('newer');
  });
});

describe('shards', () => {
  it('parses k/K and refuses everything else naming --shard', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/3', '4/3', '1/0', '1', '-1/2', '1/2/3', 'a/b', '1/100000']) expect(() => parseShard(bad), bad).toThrow(/^--shard: /);
  });

  it('assigns every task to exactly one shard, and the longest-processing-time rule stays within 4/3 of the best split (brute force)', () => {
    const costs = [7, 3, 3, 2, 2, 2, 9, 1, 4];
    for (const count of [1, 2, 3, 4]) {
      const shards = assignShards(costs, count);
      expect(shards.flat().sort((a, b) => a - b)).toEqual(costs.map((_, i) => i));
      const makespan = Math.max(...shards.map((s) => s.reduce((a, i) => a + costs[i]!, 0)));
      // The optimum by brute force over all count^n assignments.
      let best = Infinity;
      const load = new Array<number>(count).fill(0);
      const search = (i: number): void => {
        if (i === costs.length) return void (best = Math.min(best, Math.max(...load)));
        for (let s = 0; s < count; s++) {
          load[s]! += costs[i]!;
          if (Math.max(...load) < best) search(i + 1);
          load[s]! -= costs[i]!;
        }
      };
      search(0);
      // Graham (1969): LPT makespan <= (4/3 - 1/(3m)) of the optimum.
      expect(makespan).toBeLessThanOrEqual((4 / 3 - 1 / (3 * count)) * best + 1e-9);
      expect(assignShards(costs, count)).toEqual(shards); // deterministic
    }
  });
});
