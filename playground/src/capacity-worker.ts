/// <reference lib="webworker" />
import { capacitySweep, type CapacitySweepOptions } from './capacity-sweep.js';

/** Messages from the capacity worker: progress, the result, or an error. */
export type WorkerReply = { type: 'progress'; done: number; total: number } | { type: 'done'; points: ReturnType<typeof capacitySweep>; ms: number } | { type: 'error'; message: string };

self.onmessage = (event: MessageEvent<CapacitySweepOptions>) => {
  const t0 = performance.now();
  try {
    const points = capacitySweep(event.data, (done, total) => self.postMessage({ type: 'progress', done, total } satisfies WorkerReply));
    self.postMessage({ type: 'done', points, ms: performance.now() - t0 } satisfies WorkerReply);
  } catch (error) {
    self.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) } satisfies WorkerReply);
  }
};
