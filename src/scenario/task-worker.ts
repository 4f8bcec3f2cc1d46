import { parentPort, workerData } from 'node:worker_threads';
import { createRng } from '../rng/rng.js';
import type { Scenario } from './scenario.js';
import { taskRng } from './task-rng.js';

interface WorkerInit {
  readonly moduleUrl: string;
  readonly params: Record<string, unknown>;
  readonly seed: number;
}

const init = workerData as WorkerInit;
const mod = (await import(init.moduleUrl)) as { default: Scenario };
const scenario = mod.default;
const root = createRng(init.seed);

parentPort!.on('message', async (msg: { index: number; task: unknown }) => {
  try {
    const result = await scenario.runTask(msg.task, init.params, taskRng(root, msg.index));
    parentPort!.postMessage({ index: msg.index, result });
  } catch (error) {
    const e = error as Error;
    parentPort!.postMessage({ index: msg.index, error: { name: e.name, message: e.message } });
  }
});
parentPort!.postMessage({ ready: true });
