import { KmnError } from '../errors.js';
import type { TaskFailure } from './task-protocol.js';

function describeTask(task: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(task) ?? String(task);
  } catch {
    text = String(task);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * A task of a run threw, exited or lost its worker thread. The message names the task (index
 * and data) and the cause in one line; `stack` keeps the task's own stack below this one.
 * The CLI exits with status 1, whatever the number of workers.
 *
 * @example
 * ```ts
 * throw new TaskFailedError(3, { trial: 3 }, { name: 'Error', message: 'boom' });
 * ```
 */
export class TaskFailedError extends KmnError {
  /** Index of the task that failed. */
  readonly index: number;

  constructor(index: number, task: unknown, failure: TaskFailure) {
    super('task-failed', `task ${index}`, `${describeTask(task)} failed: ${failure.name}: ${failure.message}`, '');
    this.index = index;
    if (failure.stack) this.stack = `${this.name}: ${this.message}\n  caused by: ${failure.stack}`;
  }
}

/**
 * A run stopped on request (SIGINT, SIGTERM or an aborted signal); finished tasks are kept in
 * the run's task store.
 *
 * @example
 * ```ts
 * throw new RunInterruptedError('SIGINT', 12, 72);
 * ```
 */
export class RunInterruptedError extends KmnError {
  /** What stopped the run, e.g. `"SIGINT"`. */
  readonly reason: string;
  /** Tasks finished (and kept) when the run stopped, of `total`. */
  readonly finished: number;
  readonly total: number;

  constructor(reason: string, finished: number, total: number) {
    super('interrupted', 'run', `interrupted by ${reason} with ${finished} of ${total} tasks finished`, '');
    this.reason = reason;
    this.finished = finished;
    this.total = total;
  }
}
