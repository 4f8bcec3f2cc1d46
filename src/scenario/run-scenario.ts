import { availableParallelism } from 'node:os';
import { InvalidValueError, ParameterError } from '../errors.js';
import { version } from '../version.js';
import { executeTasks } from './execute-tasks.js';
import { parseParams } from './params.js';
import type { Scenario, ScenarioContext, ScenarioOutput, ScenarioResult } from './scenario.js';

/**
 * Most trials a run may ask for (`--trials`); beyond it the task list alone would not fit in memory.
 *
 * @example
 * ```ts
 * planRun(scenario, { trials: MAX_TRIALS + 1 }); // throws InvalidValueError naming --trials
 * ```
 */
export const MAX_TRIALS = 100_000;

/**
 * Most tasks a run may split into.
 *
 * @example
 * ```ts
 * planRun(scenario, options).tasks.length <= MAX_TASKS; // true, or planRun threw
 * ```
 */
export const MAX_TASKS = 1_000_000;

/** Progress of a run, weighted by each task's estimated cost ({@link Scenario.taskCost}). */
export interface RunProgress {
  /** Tasks finished (including those found finished in a resumed store). */
  readonly done: number;
  readonly total: number;
  /** Estimated cost of the finished tasks, and of all tasks. */
  readonly doneCost: number;
  readonly totalCost: number;
  /** Tasks, and their cost, that were already finished when this process started. */
  readonly resumed: number;
  readonly resumedCost: number;
}

/** Options for {@link runScenario}. */
export interface ScenarioRunOptions {
  /** Raw parameters (strings from `--set` or typed values); validated against the schema. */
  readonly params?: Record<string, unknown>;
  /** Seed of the run; every task's stream derives from it. Defaults to 1. */
  readonly seed?: number;
  /** Trials; defaults to the scenario's `defaultTrials`. */
  readonly trials?: number;
  /** Worker threads (at most the number of cores); the result does not depend on it. */
  readonly workers?: number;
  /**
   * URL of the module whose default export is the scenario. When given, tasks run in worker
   * threads (workers import the scenario themselves); required for `workers > 1`.
   */
  readonly moduleUrl?: string;
  /** Called after each finished task. */
  readonly onProgress?: (progress: RunProgress) => void;
  /** Aborting stops the run with a RunInterruptedError. */
  readonly signal?: AbortSignal;
}

/** A finished run: the result contract plus the rendered output (plots, summary). */
export interface ScenarioRun {
  readonly result: ScenarioResult;
  readonly output: ScenarioOutput;
}

/** A validated run, before any task has run: parameters, tasks and their estimated costs. */
export interface RunPlan {
  readonly scenario: Scenario;
  readonly params: Record<string, unknown>;
  readonly seed: number;
  readonly trials: number;
  readonly workers: number;
  readonly context: ScenarioContext;
  readonly tasks: readonly unknown[];
  /** Estimated relative cost of each task (1 each without `taskCost`). */
  readonly costs: readonly number[];
}

/**
 * Validates everything about a run before any work: seed, trials, workers (at most the number
 * of cores), the parameters against the scenario's schema (bounds and cross-parameter
 * constraints), and the size of the task list.
 *
 * @throws {@link ParameterError} or {@link InvalidValueError} naming the parameter and the fix.
 * @example
 * ```ts
 * const plan = planRun(capacity, { params: { N: '32' }, seed: 7 });
 * plan.tasks.length;
 * ```
 */
export function planRun(scenario: Scenario, options: ScenarioRunOptions = {}): RunPlan {
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new ParameterError('--seed', `must be a non-negative integer, got ${seed}`, 'pass e.g. --seed 42');
  const trials = options.trials ?? scenario.defaultTrials;
  if (!Number.isInteger(trials) || trials < 1 || trials > MAX_TRIALS) {
    throw new InvalidValueError('--trials', `must be an integer in [1, ${MAX_TRIALS}], got ${trials}`, `pass fewer trials, or split the work over seeds or shards`);
  }
  const workers = options.workers ?? 1;
  const cores = availableParallelism();
  if (!Number.isInteger(workers) || workers < 1 || workers > cores) {
    throw new InvalidValueError('--workers', `must be an integer in [1, ${cores}] (the cores of this machine), got ${workers}`, 'more threads than cores only cost memory; pass --workers 1 or up to the core count');
  }
  if (workers > 1 && !options.moduleUrl) {
    throw new ParameterError('--workers', `scenario "${scenario.name}" was not loaded from a module, so workers cannot import it`, 'pass moduleUrl, or use --workers 1');
  }
  const params = parseParams(scenario.name, scenario.params, options.params ?? {}) as Record<string, unknown>;
  const context = { trials };
  const tasks = scenario.tasks(params, context);
  if (tasks.length > MAX_TASKS) {
    throw new ParameterError('--trials', `the run splits into ${tasks.length} tasks, more than ${MAX_TASKS}`, 'pass fewer --trials or shorter parameter lists');
  }
  const costs = tasks.map((t) => {
    const c = scenario.taskCost ? scenario.taskCost(t, params) : 1;
    return Number.isFinite(c) && c > 0 ? c : 1;
  });
  return { scenario, params, seed, trials, workers, context, tasks, costs };
}

/**
 * The order in which to start tasks: costliest first (ties by index), which shortens the tail of
 * a parallel run; results are still placed by task index.
 *
 * @example
 * ```ts
 * startOrder(plan, [0, 1, 2]); // e.g. [2, 0, 1]
 * ```
 */
export function startOrder(plan: RunPlan, indices: readonly number[]): number[] {
  return [...indices].sort((a, b) => plan.costs[b]! - plan.costs[a]! || a - b);
}

/**
 * Summarises the results of every task (in task order) into the result contract and output.
 *
 * @example
 * ```ts
 * const { result } = summarizeRun(plan, results);
 * ```
 */
export function summarizeRun(plan: RunPlan, results: unknown[]): ScenarioRun {
  const output = plan.scenario.summarize(plan.params, results, plan.context);
  const result: ScenarioResult = {
    scenario: plan.scenario.name,
    params: plan.params,
    seed: plan.seed,
    version,
    trials: plan.trials,
    rows: output.rows,
    tables: output.tables ?? {},
    checks: output.checks,
  };
  return { result, output };
}

/**
 * A progress counter weighted by task cost.
 *
 * @example
 * ```ts
 * const tick = progressCounter(plan.costs, [], (p) => console.log(p.doneCost / p.totalCost));
 * tick(3); // task 3 finished
 * ```
 */
export function progressCounter(costs: readonly number[], finished: readonly number[], onProgress?: (p: RunProgress) => void): (index: number) => void {
  const totalCost = costs.reduce((a, b) => a + b, 0);
  const resumedCost = finished.reduce((a, i) => a + costs[i]!, 0);
  let done = finished.length;
  let doneCost = resumedCost;
  const report = (): void => onProgress?.({ done, total: costs.length, doneCost, totalCost, resumed: finished.length, resumedCost });
  report();
  return (index) => {
    done++;
    doneCost += costs[index]!;
    report();
  };
}

/**
 * Runs a scenario in memory: validates parameters, splits into tasks, runs them (in worker
 * threads when a `moduleUrl` is given), and summarises in task order. Bit-identical for any
 * number of workers. `runStored` (kmn/node) adds the task store, resume and shards.
 *
 * @example
 * ```ts
 * const { result } = await runScenario(capacity, { params: { N: '32' }, seed: 7, workers: 2, moduleUrl });
 * result.rows; // the main table
 * ```
 */
export async function runScenario(scenario: Scenario, options: ScenarioRunOptions = {}): Promise<ScenarioRun> {
  const plan = planRun(scenario, options);
  const results: unknown[] = new Array(plan.tasks.length);
  const tick = progressCounter(plan.costs, [], options.onProgress);
  await executeTasks({
    scenario,
    params: plan.params,
    seed: plan.seed,
    tasks: plan.tasks,
    pending: startOrder(plan, plan.tasks.map((_, i) => i)),
    workers: plan.workers,
    ...(options.moduleUrl !== undefined && { moduleUrl: options.moduleUrl }),
    ...(options.signal !== undefined && { signal: options.signal }),
    onResult: (index, result) => {
      results[index] = result;
      tick(index);
    },
  });
  return summarizeRun(plan, results);
}
