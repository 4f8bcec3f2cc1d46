import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { bin, fixture, kmn, snapshot } from './kmn-process.js';

const exec = promisify(execFile);
const script = new URL('../../deploy/slurm/kmn-sweep.sbatch', import.meta.url).pathname;
const manifest = new URL('../../deploy/k8s/kmn-sweep.yaml', import.meta.url).pathname;

describe('cluster files', () => {
  it('the Slurm array script, run for each array index and then with MERGE=1, gives the single-machine run folder', async () => {
    const run = mkdtempSync(join(tmpdir(), 'kmn-slurm-'));
    const env = { ...process.env, KMN_FROM_SOURCE: '1', KMN_DEBUG: '', SCENARIO: fixture('coin-scenario.ts'), RUN: run, SHARDS: '3', SEED: '4', KMN: `${process.execPath} ${bin}`, KMN_ARGS: '--set flips=5000 --trials 7' };
    await Promise.all([0, 1, 2].map((id) => exec('bash', [script], { env: { ...env, SLURM_ARRAY_TASK_ID: String(id), SLURM_CPUS_PER_TASK: '1' } })));
    await exec('bash', [script], { env: { ...env, MERGE: '1' } });
    const single = join(run, 'single');
    expect((await kmn(['run', fixture('coin-scenario.ts'), '--set', 'flips=5000', '--trials', '7', '--seed', '4', '--out', single, '--quiet'])).code).toBe(0);
    expect(snapshot(join(run, 'merged'))).toEqual(snapshot(single));
  }, 120_000);

  it('the Kubernetes Indexed Job passes shard JOB_COMPLETION_INDEX+1 of SHARDS, with SHARDS equal to completions', () => {
    const text = readFileSync(manifest, 'utf8');
    expect(text).toMatch(/completionMode: Indexed/);
    const completions = Number(/completions: (\d+)/.exec(text)![1]);
    const shards = [...text.matchAll(/name: SHARDS, value: "(\d+)"/g)].map((m) => Number(m[1]));
    expect(shards.length).toBe(2);
    for (const s of shards) expect(s).toBe(completions);
    expect(text).toContain('--shard "$((JOB_COMPLETION_INDEX + 1))/$SHARDS"');
    expect(text).toContain('--resume');
  });
});
