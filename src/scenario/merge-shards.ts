import { copyFileSync, existsSync, linkSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ParameterError } from '../errors.js';
import { version } from '../version.js';
import { prepareOutDir, publishRunDir, recoverRunDir } from './run-dir.js';
import { planRun, summarizeRun, type ScenarioRun } from './run-scenario.js';
import { claimRunDir, runManifest, type RunWriter } from './run-stored.js';
import type { Scenario } from './scenario.js';
import { assignShards } from './shard.js';
import { TASK_STORE_DIR, createTaskStore, openTaskStore, readManifest, runIdentity, type TaskStore } from './task-store.js';

/** Options for {@link mergeShards}. */
export interface MergeOptions {
  /** The run directory to write (outputs and the whole run's task store); default `out/<scenario>`. */
  readonly out?: string;
  /** Loads the scenario a manifest names (`source`: a built-in name or a module path). */
  readonly load: (source: string) => Promise<Scenario>;
  /** Writes the outputs (into a staging folder that then replaces `out` whole). */
  readonly write: RunWriter;
  /** Replace `out` even if it holds an unfinished run. */
  readonly force?: boolean;
}

function shardError(dir: string, problem: string, fix = 'pass the folders of all K shards of one run, each finished'): ParameterError {
  return new ParameterError('merge', `${dir} ${problem}`, fix);
}

function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/**
 * Combines the task stores of the K shards of one run (`kmn run --shard k/K`) into one run
 * directory with the same outputs, byte for byte, as a single-machine run with the same seed.
 * Refuses, in one line and before writing anything, shards of different runs (scenario,
 * parameters, seed, trials, kmn version), a missing or repeated shard, or an unfinished one.
 *
 * @example
 * ```ts
 * await mergeShards(['out/s1', 'out/s2', 'out/s3'], { out: 'out/capacity', load, write });
 * ```
 */
export async function mergeShards(dirs: readonly string[], options: MergeOptions): Promise<{ dir: string; run: ScenarioRun }> {
  if (dirs.length === 0) throw new ParameterError('merge', 'needs the shard folders', 'write `kmn merge DIR1 DIR2 ... --out DIR`');
  const stores: TaskStore[] = dirs.map((d) => {
    const m = existsSync(join(d, TASK_STORE_DIR)) ? readManifest(join(d, TASK_STORE_DIR)) : undefined;
    if (!m) throw shardError(d, 'holds no kmn task store');
    if (!m.shard) throw shardError(d, 'holds a whole run, not a shard', 'merge only folders written with --shard k/K');
    return openTaskStore(join(d, TASK_STORE_DIR));
  });
  const first = stores[0]!.manifest;
  const count = first.shard!.count;
  const seen = new Map<number, string>();
  stores.forEach((s, k) => {
    const m = s.manifest;
    if (runIdentity(m) !== runIdentity(first)) throw shardError(dirs[k]!, `belongs to another run than ${dirs[0]} (scenario, parameters, seed, trials or version differ)`);
    if (m.shard!.count !== count) throw shardError(dirs[k]!, `is shard ${m.shard!.index}/${m.shard!.count}, not of ${count}`);
    const dup = seen.get(m.shard!.index);
    if (dup) throw shardError(dirs[k]!, `is shard ${m.shard!.index}/${count} again (also ${dup})`);
    seen.set(m.shard!.index, dirs[k]!);
  });
  if (seen.size !== count) {
    const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
    throw new ParameterError('merge', `shard(s) ${missing.join(', ')} of ${count} are missing`, 'pass the folders of all shards');
  }
  if (first.version !== version) throw shardError(dirs[0]!, `was run by kmn ${first.version}, this is kmn ${version}`, 'merge with the kmn version that ran the shards');
  const scenario = await options.load(first.source);
  const out = options.out ?? `out/${scenario.name}`;
  const abs = resolve(out);
  recoverRunDir(abs);
  prepareOutDir(out);
  const plan = planRun(scenario, { params: first.params, seed: first.seed, trials: first.trials });
  if (plan.tasks.length !== first.taskCount) throw shardError(dirs[0]!, `says ${first.taskCount} tasks, the scenario now splits into ${plan.tasks.length}`, 'merge with the scenario version that ran the shards');
  const assignment = assignShards(plan.costs, count);
  const owner = new Array<TaskStore>(plan.tasks.length);
  stores.forEach((s, k) => {
    const mine = assignment[s.manifest.shard!.index - 1]!;
    const have = s.finished();
    if (have.length !== mine.length || have.some((i, j) => i !== mine[j])) {
      throw shardError(dirs[k]!, `holds ${have.length} of its ${mine.length} tasks`, `finish it first: rerun its kmn run --shard ${s.manifest.shard!.index}/${count} with --resume`);
    }
    for (const i of mine) owner[i] = s;
  });
  const results = plan.tasks.map((_, i) => owner[i]!.get(i));
  const run = summarizeRun(plan, results);
  const manifest = runManifest(plan, first.source, null);
  claimRunDir(abs, manifest, { shown: out, ...(options.force !== undefined && { force: options.force }) });
  await publishRunDir(abs, async (staging) => {
    const store = createTaskStore(join(staging, TASK_STORE_DIR), manifest);
    mkdirSync(join(store.dir, 'tasks'), { recursive: true });
    for (let i = 0; i < plan.tasks.length; i++) linkOrCopy(join(owner[i]!.dir, 'tasks', `${i}.v8`), join(store.dir, 'tasks', `${i}.v8`));
    await options.write(staging, run);
  });
  return { dir: abs, run };
}
