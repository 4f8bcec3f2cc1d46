// One thread of a batched-recall pool: rebuilds the network from the spec once, then answers
// {from, to} messages by running rows [from, to) of the shared input into the shared output (one
// step, or to fixed points when the message carries limits).
import { parentPort, workerData } from 'node:worker_threads';
import { buildBatched, type BatchedSpec, type ConvergeLimits } from './batched-spec.js';

interface Init {
  readonly spec: BatchedSpec;
  readonly input: SharedArrayBuffer;
  readonly output: SharedArrayBuffer;
  readonly steps: SharedArrayBuffer;
  readonly converged: SharedArrayBuffer;
}

const { spec, input, output, steps, converged } = workerData as Init;
const runner = buildBatched(spec);
const inRows = runner.inFloat ? new Float64Array(input) : new Int8Array(input);
const outRows = runner.outFloat ? new Float64Array(output) : new Int8Array(output);
const stepRows = new Int32Array(steps);
const convergedRows = new Uint8Array(converged);

parentPort!.on('message', (message: { readonly from: number; readonly to: number; readonly limits?: ConvergeLimits }) => {
  const { from, to, limits } = message;
  try {
    const rows = inRows.subarray(from * runner.inWidth, to * runner.inWidth);
    const out = outRows.subarray(from * runner.outWidth, to * runner.outWidth);
    if (to > from && limits) runner.converge!(rows, to - from, out, limits, stepRows.subarray(from, to), convergedRows.subarray(from, to));
    else if (to > from) runner.run(rows, to - from, out);
    parentPort!.postMessage({ ok: true });
  } catch (error) {
    parentPort!.postMessage({ ok: false, message: (error as Error).message });
  }
});
parentPort!.postMessage({ ready: true });
