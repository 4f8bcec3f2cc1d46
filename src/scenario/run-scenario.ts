import { Worker } from 'node:worker_threads';
import { KmnError, ParameterError, assertPositiveInteger } from '../errors.js';
import { createRng } from '../rng/rng.js';
import { version } from '../version.js';
import { parseParams } from './params.js';
import type { Row, Scenario, ScenarioOutput, ScenarioResult } from './scenario.js';
import { taskRng } from './task-rng.js';

/** Options for {@link runScenario}. */
export interface ScenarioRunOptions {
  /** Raw parameters (strings from `--set` or typed values); validated against the schema. */
  readonly params?: Record<string, unknown>;
  /** Seed of the run; every task's stream derives from it. Defaults to 1. */
  readonly seed?: number;
  /** Trials; defaults to the scenario's `defaultTrials`. */
  readonly trials?: number;
  /** Worker threads; 1 runs in this thread. The result does not depend on it. */
  readonly workers?: number;
  /**
   * URL of the module whose default export is the scenario; required for `workers > 1`
   * (workers import the scenario themselves).
   */
  readonly moduleUrl?: string;
  /** Called after each finished task. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** A finished run: the result contract plus the rendered output (plots, summary). */
export interface ScenarioRun {
  readonly result: ScenarioResult;
  readonly output: ScenarioOutput;
}

/**
 * Runs a scenario: validates parameters, splits into tasks, runs them (in worker threads when
 * `workers > 1`), and summarises in task order. Bit-identical for any number of workers.
 *
 * @example
 * ```ts
 * const { result } = await runScenario(capacity, { params: { N: '32' }, seed: 7, workers: 2, moduleUrl });
 * result.rows; // the main table
 * ```
 */
export async function runScenario(scenario: Scenario, options: ScenarioRunOptions = {}): Promise<ScenarioRun> {
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new ParameterError('--seed', `must be a non-negative integer, got ${seed}`, 'pass e.g. --seed 42');
  const trials = options.trials ?? scenario.defaultTrials;
  assertPositiveInteger('--trials', trials);
  const workers = options.workers ?? 1;
  assertPositiveInteger('--workers', workers);
  const params = parseParams(scenario.name, scenario.params, options.params ?? {});
  const context = { trials };
  const tasks = scenario.tasks(params, context);
  const results = workers > 1 && tasks.length > 1
    ? await runInWorkers(scenario, params, seed, tasks, Math.min(workers, tasks.length), options)
    : await runInThread(scenario, params, seed, tasks, options);
  const output = scenario.summarize(params, results, context);
  const result: ScenarioResult = {
    scenario: scenario.name,
    params,
    seed,
    version,
    trials,
    rows: output.rows,
    tables: output.tables ?? {},
    checks: output.checks,
  };
  return { result, output };
}

async function runInThread(scenario: Scenario, params: Record<string, unknown>, seed: number, tasks: unknown[], options: ScenarioRunOptions): Promise<unknown[]> {
  const root = createRng(seed);
  const results: unknown[] = [];
  for (let i = 0; i < tasks.length; i++) {
    results.push(await scenario.runTask(tasks[i], params, taskRng(root, i)));
    options.onProgress?.(i + 1, tasks.length);
  }
  return results;
}

function runInWorkers(scenario: Scenario, params: Record<string, unknown>, seed: number, tasks: unknown[], count: number, options: ScenarioRunOptions): Promise<unknown[]> {
  if (!options.moduleUrl) {
    throw new ParameterError('--workers', `scenario "${scenario.name}" was not loaded from a module, so workers cannot import it`, 'pass moduleUrl, or use --workers 1');
  }
  const results: unknown[] = new Array(tasks.length);
  const order = tasks.map((_, i) => i);
  if (scenario.taskCost) {
    const cost = tasks.map((t) => scenario.taskCost!(t, params));
    order.sort((a, b) => cost[b]! - cost[a]! || a - b);
  }
  let next = 0;
  let done = 0;
  return new Promise((resolve, reject) => {
    const pool: Worker[] = [];
    let failed = false;
    const fail = (error: Error): void => {
      if (failed) return;
      failed = true;
      for (const w of pool) void w.terminate();
      reject(error);
    };
    const feed = (w: Worker): void => {
      if (next < tasks.length) {
        const index = order[next++]!;
        w.postMessage({ index, task: tasks[index] });
      }
    };
    for (let k = 0; k < count; k++) {
      const w = new Worker(new URL('./task-worker-entry.mjs', import.meta.url), {
        workerData: { moduleUrl: options.moduleUrl, params, seed },
      });
      pool.push(w);
      w.on('error', (e) => fail(e));
      w.on('message', (msg: { ready?: boolean; index?: number; result?: unknown; error?: { name: string; message: string } }) => {
        if (msg.ready) return feed(w);
        if (msg.error) return fail(new KmnError('task', `task ${msg.index}`, msg.error.message, 'see the scenario parameters'));
        results[msg.index!] = msg.result;
        done++;
        options.onProgress?.(done, tasks.length);
        if (done === tasks.length) {
          for (const p of pool) void p.terminate();
          resolve(results);
        } else {
          feed(w);
        }
      });
    }
  });
}
