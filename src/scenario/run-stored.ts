import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ParameterError } from '../errors.js';
import { version } from '../version.js';
import { executeTasks } from './execute-tasks.js';
import { RunInterruptedError } from './run-errors.js';
import { inspectRunDir, prepareOutDir, publishRunDir, recoverRunDir } from './run-dir.js';
import { planRun, progressCounter, startOrder, summarizeRun, type RunPlan, type ScenarioRun, type ScenarioRunOptions } from './run-scenario.js';
import type { Scenario } from './scenario.js';
import { assignShards } from './shard.js';
import { TASK_STORE_DIR, TASK_STORE_FORMAT, createTaskStore, manifestDifference, openTaskStore, readManifest, type RunManifest, type ShardSpec, type TaskStore } from './task-store.js';

/** Writes a finished run's outputs (result.json, CSV, plots, reports) into a folder. */
export type RunWriter = (dir: string, run: ScenarioRun) => unknown;

/** Options for {@link runStored}. */
export interface StoredRunOptions extends ScenarioRunOptions {
  /** The run directory: outputs plus the task store in `<out>/.kmn`. */
  readonly out: string;
  /** How the scenario was named (a built-in name or a module path); recorded in the manifest. */
  readonly source: string;
  /** Continue the run in `out`, skipping finished tasks; refused when its manifest differs. */
  readonly resume?: boolean;
  /** Start over even though `out` holds an unfinished run (its finished tasks are discarded). */
  readonly force?: boolean;
  /** Run only this share of the tasks (no outputs; combine shards with `mergeShards`). */
  readonly shard?: ShardSpec;
  /** Writes the outputs (into a staging folder that then replaces `out` whole). */
  readonly write: RunWriter;
  /** Called once the run directory is ready, before the first task. */
  readonly onStart?: (info: { dir: string; pending: number; finished: number; total: number }) => void;
}

/** What {@link runStored} did. */
export interface StoredRun {
  /** Absolute path of the run directory. */
  readonly dir: string;
  /** The summarised run; absent for a shard. */
  readonly run?: ScenarioRun;
  /** Tasks run by this call, and tasks found finished in the store. */
  readonly ran: number;
  readonly skipped: number;
}

/**
 * The manifest of a run (or of one shard of it).
 *
 * @example
 * ```ts
 * const manifest = runManifest(plan, 'capacity', null);
 * ```
 */
export function runManifest(plan: RunPlan, source: string, shard: ShardSpec | null, shardTasks = plan.tasks.length): RunManifest {
  return {
    format: 'kmn-task-store',
    formatVersion: TASK_STORE_FORMAT,
    scenario: plan.scenario.name,
    source,
    params: plan.params,
    seed: plan.seed,
    trials: plan.trials,
    version,
    taskCount: plan.tasks.length,
    shard,
    shardTasks,
  };
}

/**
 * Whether the run directory's store holds every task it should (and, for a whole run, its outputs).
 *
 * @example
 * ```ts
 * storeFinished('/abs/out/capacity', store);
 * ```
 */
export function storeFinished(dir: string, store: TaskStore): boolean {
  return store.finished().length === store.manifest.shardTasks && (store.manifest.shard !== null || existsSync(join(dir, 'result.json')));
}

/**
 * Opens the task store of a run directory for a new run, a resumed run or a merge, refusing
 * (one line, before any work) what would lose work or mix runs.
 *
 * @example
 * ```ts
 * const store = claimRunDir(abs, manifest, { resume: true });
 * ```
 */
export function claimRunDir(abs: string, manifest: RunManifest, options: { resume?: boolean; force?: boolean; shown: string }): TaskStore {
  const state = inspectRunDir(abs);
  const storeDir = join(abs, TASK_STORE_DIR);
  if (state === 'foreign') {
    throw new ParameterError('--out', `${options.shown} is not empty and holds no kmn run`, 'pass --out a new or empty folder (kmn replaces its run folder whole)');
  }
  if (state === 'store') {
    const existing = readManifest(storeDir)!;
    if (options.resume) {
      const diff = manifestDifference(existing, manifest);
      if (diff) throw new ParameterError('--resume', `${options.shown} holds a different run (${diff})`, 'resume with the same scenario, --set, --seed, --trials and --shard, or choose another --out');
      return openTaskStore(storeDir);
    }
    const store = openTaskStore(storeDir);
    if (!storeFinished(abs, store) && !options.force) {
      throw new ParameterError('--out', `${options.shown} holds an unfinished run of ${existing.scenario} (${store.finished().length} of ${existing.shardTasks} tasks done)`, 'continue it with --resume, start over with --force, or choose another --out');
    }
  }
  // A new run replaces the old one from its start, so the folder never holds files of both.
  if (state !== 'empty') for (const name of readdirSync(abs)) rmSync(join(abs, name), { recursive: true, force: true });
  return createTaskStore(storeDir, manifest);
}

/**
 * Runs a scenario with its run directory as a task store: validates everything first (including
 * that `out` can be written), persists each finished task atomically as it completes, skips
 * finished tasks on `resume`, runs one shard's share with `shard`, and finally replaces `out`
 * whole with the outputs (a folder never mixes two runs). Interrupting (`signal`) keeps every
 * finished task.
 *
 * @example
 * ```ts
 * await runStored(capacity, { out: 'out/capacity', source: 'capacity', moduleUrl, workers: 2, write: (dir, run) => writeRun(dir, run, meta) });
 * ```
 */
export async function runStored(scenario: Scenario, options: StoredRunOptions): Promise<StoredRun> {
  const plan = planRun(scenario, options);
  const shard = options.shard ?? null;
  const shardIndices = shard ? assignShards(plan.costs, shard.count)[shard.index - 1]! : plan.tasks.map((_, i) => i);
  const manifest = runManifest(plan, options.source, shard, shardIndices.length);
  const abs = resolve(options.out);
  try {
    recoverRunDir(abs);
  } catch (error) {
    throw new ParameterError('--out', `${options.out} could not be recovered from an interrupted publish (${(error as Error).message})`, 'remove the folder and its hidden .staging/.old siblings');
  }
  prepareOutDir(options.out, { parentWritable: shard === null });
  const store = claimRunDir(abs, manifest, { shown: options.out, ...(options.resume !== undefined && { resume: options.resume }), ...(options.force !== undefined && { force: options.force }) });
  const finished = new Set(store.finished());
  const done = shardIndices.filter((i) => finished.has(i));
  const pending = shardIndices.filter((i) => !finished.has(i));
  const position = new Map(shardIndices.map((i, k) => [i, k]));
  const tick = progressCounter(shardIndices.map((i) => plan.costs[i]!), done.map((i) => position.get(i)!), options.onProgress);
  options.onStart?.({ dir: abs, pending: pending.length, finished: done.length, total: shardIndices.length });
  try {
    await executeTasks({
      scenario,
      params: plan.params,
      seed: plan.seed,
      tasks: plan.tasks,
      pending: startOrder(plan, pending),
      workers: plan.workers,
      ...(options.moduleUrl !== undefined && { moduleUrl: options.moduleUrl }),
      ...(options.signal !== undefined && { signal: options.signal }),
      onResult: (index, result) => {
        store.put(index, result);
        tick(position.get(index)!);
      },
    });
  } catch (error) {
    // Count the tasks kept in the store, not only those of this session.
    if (error instanceof RunInterruptedError) throw new RunInterruptedError(error.reason, done.length + error.finished, shardIndices.length);
    throw error;
  }
  if (shard) return { dir: abs, ran: pending.length, skipped: done.length };
  const results = plan.tasks.map((_, i) => store.get(i));
  const run = summarizeRun(plan, results);
  await publishRunDir(abs, async (staging) => {
    await options.write(staging, run);
  }, { carry: [TASK_STORE_DIR] });
  return { dir: abs, run, ran: pending.length, skipped: done.length };
}
