/**
 * kmn for Node.js (`kmn/node`): the scenario runtime (worker threads), the built-in scenarios,
 * and the writers of result.json, CSV, figures and reports. Everything in the core entry `kmn` is
 * re-exported, so one import serves a Node program.
 *
 * @example
 * ```ts
 * import { builtinScenarios, loadScenario, runScenario, writeRun } from 'kmn/node';
 * const { scenario, moduleUrl } = await loadScenario('capacity', builtinScenarios);
 * const run = await runScenario(scenario, { seed: 1, workers: 1, moduleUrl });
 * ```
 *
 * @packageDocumentation
 */
export * from './index.js';
export * from './src/scenario/run-scenario.js';
export * from './src/scenario/load.js';
export * from './src/report/atomic-write.js';
export * from './src/report/csv.js';
export * from './src/report/table-columns.js';
export * from './src/report/html-report.js';
export * from './src/report/markdown.js';
export * from './src/report/write-run.js';
export { builtinScenarios } from './scenarios/index.js';
export * from './src/data/node/mnist.js';
export * from './src/data/node/idx-file.js';
export * from './src/report/render-plot.js';
export * from './src/report/svg-to-png.js';
export * from './src/scenario/run-stored.js';
export * from './src/scenario/merge-shards.js';
export * from './src/scenario/task-store.js';
export * from './src/scenario/run-dir.js';
export * from './src/scenario/shard.js';
export * from './src/scenario/run-errors.js';
export * from './src/scenario/task-protocol.js';
export * from './src/network/node/batched-pool.js';
export * from './src/network/node/batched-spec.js';
