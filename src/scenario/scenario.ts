import type { z } from 'zod';
import type { Rng } from '../rng/rng.js';

/** One flat record of a result table: plain JSON values only. */
export type Row = Record<string, number | string | boolean | null>;

/**
 * A measured value set beside the theory it checks; the report prints one line per check.
 */
export interface Check {
  /** The claim, e.g. "Max-margin linear capacity alpha_c = 2 (Cover 1965)". */
  readonly claim: string;
  readonly measured: number | string;
  readonly theory: number | string;
  /** Whether the measurement agrees with theory within the stated tolerance. */
  readonly pass: boolean;
  /** The tolerance or criterion used, in words. */
  readonly criterion: string;
}

/**
 * A figure: a Vega-Lite v6 spec over the result rows, plain JSON with its data inline (isomorphic:
 * the report writer renders it to SVG in Node, a page can render it in the browser). Build specs
 * with the builders in `src/report` (`measuredTheoryChart`, `sphereBasinsSpec`).
 */
export interface Plot {
  /** File stem, e.g. `"alpha-vs-n"` (written as `alpha-vs-n.svg` and `alpha-vs-n.vl.json`). */
  readonly name: string;
  readonly title: string;
  /** A Vega-Lite v6 spec with inline data (plain JSON). */
  readonly spec: Readonly<Record<string, unknown>>;
}

/** What a scenario's `summarize` returns. */
export interface ScenarioOutput {
  /** The main table (also `rows` of the result contract and the main CSV). */
  readonly rows: Row[];
  /** Further tables, each written as `<name>.csv`. */
  readonly tables?: Readonly<Record<string, Row[]>>;
  readonly checks: readonly Check[];
  readonly plots: readonly Plot[];
  /** A short paragraph for the report: what was run and what it shows. */
  readonly summary?: string;
}

/** The context a scenario's `tasks` and `summarize` see. */
export interface ScenarioContext {
  /** Number of independent trials requested (`--trials`). */
  readonly trials: number;
}

/**
 * A scripted experiment. It splits its work into independent tasks (plain data), runs each as
 * a pure function of the task, the parameters and the task's own random stream, and summarises
 * the results in task order. That contract is what makes results bit-identical for any number
 * of worker threads.
 *
 * @typeParam P - parsed parameters; T - a task; R - a task's result (structured-cloneable).
 * @example
 * ```ts
 * export default defineScenario({
 *   name: 'coin', description: 'Fraction of heads', defaultTrials: 4,
 *   params: z.object({ flips: param.int(100, { min: 1 }) }),
 *   tasks: (p, ctx) => Array.from({ length: ctx.trials }, (_, t) => ({ t })),
 *   runTask: (_task, p, rng) => { let h = 0; for (let i = 0; i < p.flips; i++) h += rng.uniform() < 0.5 ? 1 : 0; return h / p.flips; },
 *   summarize: (p, results) => ({ rows: results.map((heads, trial) => ({ trial, heads })), checks: [], plots: [] }),
 * });
 * ```
 */
export interface Scenario<P extends Record<string, unknown> = any, T = any, R = any> {
  readonly name: string;
  /** One line, shown by `kmn list`. */
  readonly description: string;
  /** Parameter schema (a zod object with defaults for every key). */
  readonly params: z.ZodType<P>;
  /** Trials when `--trials` is not given. */
  readonly defaultTrials: number;
  /** Splits a run into independent tasks (plain, structured-cloneable data). */
  tasks(params: P, context: ScenarioContext): T[];
  /**
   * Runs one task: a pure function of the task, the parameters and the task's own stream. The
   * result must survive structured cloning (it is stored with node:v8 serialisation).
   */
  runTask(task: T, params: P, rng: Rng): R | Promise<R>;
  /**
   * Optional relative cost of a task (only ratios matter, e.g. N^3 for a factorisation). Progress
   * and its ETA are weighted by it, worker threads start the costliest tasks first (a shorter
   * tail), and `--shard` balances shards by it; results are still placed by task index.
   */
  taskCost?(task: T, params: P): number;
  /** Combines the task results (in task order) into tables, checks, plots and a summary. */
  summarize(params: P, results: R[], context: ScenarioContext): ScenarioOutput;
}

/**
 * Declares a scenario (identity function that fixes the type parameters).
 *
 * @example
 * ```ts
 * export default defineScenario({ name: 'mine', description: '...', defaultTrials: 1, params, tasks, runTask, summarize });
 * ```
 */
export function defineScenario<P extends Record<string, unknown>, T, R>(scenario: Scenario<P, T, R>): Scenario<P, T, R> {
  return scenario;
}

/**
 * The result contract other tools read (`--json`, `result.json`): keep it stable.
 */
export interface ScenarioResult {
  readonly scenario: string;
  readonly params: Record<string, unknown>;
  readonly seed: number;
  readonly version: string;
  readonly trials: number;
  /** The main table: flat records, the same rows as the main CSV. */
  readonly rows: Row[];
  readonly tables: Readonly<Record<string, Row[]>>;
  readonly checks: readonly Check[];
}
