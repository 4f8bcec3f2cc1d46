// Batched recall over worker threads with shared memory (Node only): the queries are split into
// contiguous ranges, one per thread; each thread runs the same batched code on its range, reading
// and writing SharedArrayBuffers, so results equal one thread's bit for bit.
import { Worker } from 'node:worker_threads';
import { InvalidValueError, ParameterError, ShapeError } from '../../errors.js';
import { buildBatched, type BatchedSpec, type ConvergeLimits } from './batched-spec.js';

/**
 * Options of {@link batchedRecallPool}.
 *
 * @example
 * ```ts
 * const options: BatchedRecallPoolOptions = { workers: 2, maxQueries: 256 };
 * ```
 */
export interface BatchedRecallPoolOptions {
  /** Worker threads (1 to 64). */
  readonly workers: number;
  /** Largest number of queries per call (sizes the shared buffers). */
  readonly maxQueries: number;
}

/**
 * A pool of threads doing batched recall of one network (see {@link batchedRecallPool}).
 *
 * @example
 * ```ts
 * const pool = await batchedRecallPool(spec, { workers: 2, maxQueries: 256 });
 * const next = await pool.step(cues, 256);
 * await pool.close();
 * ```
 */
export interface BatchedRecallPool {
  readonly workers: number;
  /** One step of q queries (query-major; Int8 or Float64 as the spec's kind), equal to the single-thread batched call. */
  step(states: ArrayLike<number>, q: number): Promise<Int8Array | Float64Array>;
  /**
   * Runs q queries to their fixed points (per query exactly the single-thread batched `run`:
   * `batchedRecall(...).run` with `maxSweeps = maxSteps`, or `batchedSoftmaxNetwork(...).run`).
   * Not for feed-forward networks, which have no dynamics.
   */
  run(cues: ArrayLike<number>, q: number, limits: ConvergeLimits): Promise<BatchedPoolRunResult>;
  /** Ends the threads. */
  close(): Promise<void>;
}

/**
 * Where a pooled run ended, per query.
 *
 * @example
 * ```ts
 * const { states, steps, converged } = await pool.run(cues, 256, { maxSteps: 50 });
 * ```
 */
export interface BatchedPoolRunResult {
  /** Final states, query-major (Int8 for recurrent networks, Float64 for softmax). */
  readonly states: Int8Array | Float64Array;
  /** Steps (sweeps) each query took. */
  readonly steps: Int32Array;
  /** 1 where the query reached a fixed point. */
  readonly converged: Uint8Array;
}

const workerUrl = (): URL =>
  import.meta.url.endsWith('.ts') ? new URL('./batched-worker-entry.mjs', import.meta.url) : new URL('./batched-worker.js', import.meta.url);

/**
 * Starts `workers` threads that each rebuild the network of `spec` (patterns shared, not copied,
 * when they live in a SharedArrayBuffer) and split every call's queries into contiguous ranges,
 * `[floor(w q / W), floor((w + 1) q / W))` for thread w. Every query's result depends only on its
 * own row (each field sums in a fixed order, see `batchedRecall`), so the output is identical to
 * one thread's whatever the number of workers. Issue 14, item 2 (worker threads with shared memory).
 *
 * @throws {@link ParameterError} for workers or maxQueries out of range; what `buildBatched` throws
 * for a bad spec (checked on this thread first, before any worker starts).
 * @example
 * ```ts
 * const pool = await batchedRecallPool({ kind: 'recurrent', patterns: X.data, count: M, dim: N, kernel: kernelSpec(polynomial({ degree: 3 })) }, { workers: 2, maxQueries: 256 });
 * ```
 */
export async function batchedRecallPool(spec: BatchedSpec, options: BatchedRecallPoolOptions): Promise<BatchedRecallPool> {
  const { workers, maxQueries } = options;
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new ParameterError('workers', `must be an integer in [1, 64], got ${workers}`, 'pass the number of threads, e.g. 2');
  if (!Number.isInteger(maxQueries) || maxQueries < 1) throw new ParameterError('maxQueries', `must be a positive integer, got ${maxQueries}`, 'pass the largest batch size');
  const probe = buildBatched(spec); // validates the spec here, with a clear stack, before any thread starts
  const inBytes = probe.inFloat ? 8 : 1;
  const outBytes = probe.outFloat ? 8 : 1;
  const input = new SharedArrayBuffer(maxQueries * probe.inWidth * inBytes);
  const output = new SharedArrayBuffer(maxQueries * probe.outWidth * outBytes);
  const inRows = probe.inFloat ? new Float64Array(input) : new Int8Array(input);
  const outRows = probe.outFloat ? new Float64Array(output) : new Int8Array(output);
  const steps = new SharedArrayBuffer(4 * maxQueries);
  const converged = new SharedArrayBuffer(maxQueries);
  const threads = await Promise.all(
    Array.from({ length: workers }, () => {
      const worker = new Worker(workerUrl(), { workerData: { spec, input, output, steps, converged } });
      return new Promise<Worker>((resolve, reject) => {
        worker.once('message', () => resolve(worker));
        worker.once('error', reject);
      });
    }),
  );
  const ask = (worker: Worker, from: number, to: number, limits?: ConvergeLimits): Promise<void> =>
    new Promise((resolve, reject) => {
      worker.once('message', (reply: { ok: boolean; message?: string }) => (reply.ok ? resolve() : reject(new InvalidValueError('states', reply.message ?? 'a worker failed', 'check the states'))));
      worker.postMessage(limits ? { from, to, limits } : { from, to });
    });
  const checkCall = (states: ArrayLike<number>, q: number): void => {
    if (!Number.isInteger(q) || q < 1 || q > maxQueries) throw new InvalidValueError('q', `must be an integer in [1, ${maxQueries}], got ${q}`, 'create the pool with a larger maxQueries');
    if (states.length !== q * probe.inWidth) throw new ShapeError('states', `has ${states.length} entries, expected ${q} x ${probe.inWidth}`, 'pass the queries query-major');
  };
  const split = (q: number, limits?: ConvergeLimits): Promise<void[]> =>
    Promise.all(threads.map((w, k) => ask(w, Math.floor((k * q) / workers), Math.floor(((k + 1) * q) / workers), limits)));
  return {
    workers,
    async step(states, q) {
      checkCall(states, q);
      inRows.set(states, 0);
      await split(q);
      return outRows.slice(0, q * probe.outWidth);
    },
    async run(cues, q, limits) {
      if (!probe.converge) throw new InvalidValueError('run', 'a feed-forward network has no dynamics to run', 'use step');
      checkCall(cues, q);
      if (!Number.isInteger(limits.maxSteps) || limits.maxSteps < 1) throw new InvalidValueError('maxSteps', `must be a positive integer, got ${limits.maxSteps}`, 'pass the step limit, e.g. 100');
      if (limits.tol !== undefined && !(limits.tol >= 0)) throw new InvalidValueError('tol', `must be a number >= 0, got ${limits.tol}`, 'pass a tolerance such as 1e-10');
      inRows.set(cues, 0);
      await split(q, limits);
      return { states: outRows.slice(0, q * probe.outWidth), steps: new Int32Array(steps).slice(0, q), converged: new Uint8Array(converged).slice(0, q) };
    },
    async close() {
      await Promise.all(threads.map((w) => w.terminate()));
    },
  };
}
