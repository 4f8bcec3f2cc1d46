/** One task sent to a worker thread. */
export interface TaskRequest {
  readonly moduleUrl: string;
  readonly params: Record<string, unknown>;
  readonly seed: number;
  readonly index: number;
  readonly task: unknown;
}

/** A task failure as plain data (errors do not survive structured cloning whole). */
export interface TaskFailure {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
}

/** What a worker answers: the result, or the failure. */
export type TaskReply = { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly error: TaskFailure };

/**
 * Converts a thrown value into plain data, the same way in a worker thread and in the main
 * thread (so messages do not depend on the worker count).
 *
 * @example
 * ```ts
 * taskFailure(new Error('boom')); // { name: 'Error', message: 'boom', stack: '...' }
 * ```
 */
export function taskFailure(error: unknown): TaskFailure {
  if (error instanceof Error) return { name: error.name, message: error.message, ...(error.stack !== undefined && { stack: error.stack }) };
  let text: string;
  try {
    text = typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error));
  } catch {
    text = String(error);
  }
  return { name: 'Error', message: `threw ${text}` };
}
