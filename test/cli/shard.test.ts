import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, kmn, snapshot } from './kmn-process.js';

const coin = fixture('coin-scenario.ts');
const common = ['--set', 'flips=20000', '--trials', '10', '--seed', '11', '--quiet'];

describe('sharding over processes', () => {
  it('3 shards run as separate processes and merged give a run folder byte-identical to a single run', async () => {
    const base = mkdtempSync(join(tmpdir(), 'kmn-shard-'));
    const shards = [1, 2, 3].map((k) => join(base, `shard-${k}`));
    const [single, ...parts] = await Promise.all([
      kmn(['run', coin, ...common, '--out', join(base, 'single')]),
      ...shards.map((dir, k) => kmn(['run', coin, ...common, '--shard', `${k + 1}/3`, '--out', dir])),
    ]);
    expect(single!.code).toBe(0);
    for (const p of parts) expect(p.code, p.stderr).toBe(0);
    // Each shard holds only its own share: together exactly the 10 tasks, none twice.
    const held = shards.flatMap((d) => Object.keys(snapshot(d)).filter((f) => f.startsWith('.kmn/tasks/')));
    expect(held.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `.kmn/tasks/${i}.v8`).sort());
    const merged = await kmn(['merge', ...shards.reverse(), '--out', join(base, 'merged'), '--quiet']);
    expect(merged.code, merged.stderr).toBe(0);
    expect(snapshot(join(base, 'merged'))).toEqual(snapshot(join(base, 'single')));

    const missing = await kmn(['merge', shards[0]!, shards[1]!, '--out', join(base, 'm2')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^kmn: error: merge: shard\(s\) 1 of 3 are missing/);
    const twice = await kmn(['merge', shards[0]!, shards[0]!, shards[1]!, '--out', join(base, 'm3')]);
    expect(twice.stderr).toMatch(/is shard 3\/3 again/);
    const otherSeed = join(base, 'other');
    expect((await kmn(['run', coin, ...common.slice(0, -3), '--seed', '12', '--quiet', '--shard', '1/3', '--out', otherSeed])).code).toBe(0);
    const mixed = await kmn(['merge', otherSeed, shards[0]!, shards[1]!, '--out', join(base, 'm4')]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/belongs to another run/);
    expect(mixed.stderr.trim().split('\n')).toHaveLength(1);
  }, 120_000);
});
