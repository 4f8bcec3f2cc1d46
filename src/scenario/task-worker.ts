import { createRng, type Rng } from '../rng/rng.js';
import { importModule } from './import-module.js';
import type { Scenario } from './scenario.js';
import { taskFailure, type TaskReply, type TaskRequest } from './task-protocol.js';
import { taskRng } from './task-rng.js';

/** Thrown in place of `process.exit` inside a task, so an exiting task fails the run instead of the thread. */
class TaskExitError extends Error {
  constructor(code: unknown) {
    super(`called process.exit(${code ?? ''})`);
    this.name = 'TaskExit';
  }
}

// A task that calls process.exit would end this thread silently and leave its task unanswered.
process.exit = ((code?: number) => {
  throw new TaskExitError(code);
}) as typeof process.exit;

const scenarios = new Map<string, Promise<Scenario>>();
let roots: { seed: number; rng: Rng } | undefined;

/**
 * Runs one task inside a worker thread (tinypool calls the default export): imports the
 * scenario module once per thread, derives the task's stream from seed and index only, and
 * answers with the result or the failure.
 *
 * @example
 * ```ts
 * await runTaskInWorker({ moduleUrl, params, seed: 1, index: 3, task });
 * ```
 */
export default async function runTaskInWorker(request: TaskRequest): Promise<TaskReply> {
  try {
    let scenario = scenarios.get(request.moduleUrl);
    if (!scenario) {
      scenario = importModule(request.moduleUrl).then((m) => (m as { default: Scenario }).default);
      scenarios.set(request.moduleUrl, scenario);
    }
    const s = await scenario;
    if (roots?.seed !== request.seed) roots = { seed: request.seed, rng: createRng(request.seed) };
    const result = await s.runTask(request.task, request.params, taskRng(roots.rng, request.index));
    return { ok: true, result };
  } catch (error) {
    return { ok: false, error: taskFailure(error) };
  }
}
