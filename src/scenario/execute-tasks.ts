import { Tinypool } from 'tinypool';
import { createRng } from '../rng/rng.js';
import { RunInterruptedError, TaskFailedError } from './run-errors.js';
import type { Scenario } from './scenario.js';
import { taskFailure, type TaskReply, type TaskRequest } from './task-protocol.js';
import { taskRng } from './task-rng.js';

/** What {@link executeTasks} needs. */
export interface ExecuteOptions {
  readonly scenario: Scenario;
  readonly params: Record<string, unknown>;
  readonly seed: number;
  /** All tasks of the run (indices refer to it). */
  readonly tasks: readonly unknown[];
  /** The tasks to run now, in the order to start them. */
  readonly pending: readonly number[];
  /** Worker threads; ignored (one thread) when `moduleUrl` is absent. */
  readonly workers: number;
  /**
   * URL of the module whose default export is the scenario. When given, tasks run in a
   * tinypool of worker threads (also for one worker, so a task that exits or crashes fails the
   * same way whatever the worker count).
   */
  readonly moduleUrl?: string;
  /** Aborting stops the run with a {@link RunInterruptedError}; finished results were already delivered. */
  readonly signal?: AbortSignal;
  /** Receives each result as its task finishes (in completion order). */
  readonly onResult: (index: number, result: unknown) => void;
}

function workerFile(): URL {
  // From the sources (vitest, KMN_FROM_SOURCE=1) this module is a .ts file: the .mjs bootstrap
  // registers tsx in the worker. Compiled kmn uses the compiled worker next to this file.
  return import.meta.url.endsWith('.ts') ? new URL('./task-worker-entry.mjs', import.meta.url) : new URL('./task-worker.js', import.meta.url);
}

function interrupted(signal: AbortSignal, finished: number, total: number): RunInterruptedError {
  const reason = signal.reason instanceof Error ? signal.reason.message : String(signal.reason ?? 'abort');
  return new RunInterruptedError(reason, finished, total);
}

/**
 * Runs the pending tasks of a run and hands each result to `onResult` as it finishes. The first
 * failing task stops the run with a {@link TaskFailedError} naming it; a worker thread that
 * exits or crashes fails the run the same way (never a hang).
 *
 * @example
 * ```ts
 * await executeTasks({ scenario, params, seed, tasks, pending: [0, 1, 2], workers: 2, moduleUrl, onResult: (i, r) => store.put(i, r) });
 * ```
 */
export async function executeTasks(options: ExecuteOptions): Promise<void> {
  if (options.pending.length === 0) return;
  if (!options.moduleUrl) return runInThread(options);
  return runInPool(options, options.moduleUrl);
}

async function runInThread(o: ExecuteOptions): Promise<void> {
  const root = createRng(o.seed);
  let finished = 0;
  for (const index of o.pending) {
    if (o.signal?.aborted) throw interrupted(o.signal, finished, o.pending.length);
    let result: unknown;
    try {
      result = await o.scenario.runTask(o.tasks[index], o.params, taskRng(root, index));
    } catch (error) {
      throw new TaskFailedError(index, o.tasks[index], taskFailure(error));
    }
    o.onResult(index, result);
    finished++;
  }
}

function runInPool(o: ExecuteOptions, moduleUrl: string): Promise<void> {
  const threads = Math.max(1, Math.min(o.workers, o.pending.length));
  const pool = new Tinypool({ filename: workerFile().href, minThreads: threads, maxThreads: threads, idleTimeout: 60_000 });
  const inFlight = new Set<number>();
  let next = 0;
  let finished = 0;
  let settled = false;
  return new Promise<void>((resolve, reject) => {
    const close = (): void => {
      o.signal?.removeEventListener('abort', onAbort);
      void pool.destroy();
    };
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      close();
      reject(error);
    };
    const onAbort = (): void => fail(interrupted(o.signal!, finished, o.pending.length));
    // A thread that ends without an error event (tinypool would wait for it forever).
    const onExit = (code: number): void => {
      if (settled) return;
      const running = [...inFlight];
      if (running.length === 0) return fail(new Error(`a worker thread exited with code ${code} outside any task`));
      fail(new TaskFailedError(running[0]!, o.tasks[running[0]!], { name: 'WorkerExit', message: `a worker thread exited with code ${code} while running task(s) ${running.join(', ')}` }));
    };
    // An error of a thread that runs no task (e.g. its start-up failed): a failed run, exit status 1.
    pool.on('error', (error: Error) => {
      const e = new Error(`a worker thread failed outside any task: ${error.message}`);
      if (error.stack) e.stack = `${e.message}\n  caused by: ${error.stack}`;
      fail(e);
    });
    for (const t of pool.threads) t.on('exit', onExit);
    if (o.signal?.aborted) return onAbort();
    o.signal?.addEventListener('abort', onAbort);
    const start = (): void => {
      if (settled || next >= o.pending.length) return;
      const index = o.pending[next++]!;
      inFlight.add(index);
      const request: TaskRequest = { moduleUrl, params: o.params, seed: o.seed, index, task: o.tasks[index] };
      pool.run(request).then(
        (reply: TaskReply) => {
          inFlight.delete(index);
          if (settled) return;
          if (!reply.ok) return fail(new TaskFailedError(index, o.tasks[index], reply.error));
          try {
            o.onResult(index, reply.result);
          } catch (error) {
            return fail(error as Error);
          }
          finished++;
          if (finished === o.pending.length) {
            settled = true;
            close();
            resolve();
          } else {
            start();
          }
        },
        (error: unknown) => {
          inFlight.delete(index);
          fail(new TaskFailedError(index, o.tasks[index], taskFailure(error)));
        },
      );
    };
    for (let k = 0; k < threads; k++) start();
  });
}
