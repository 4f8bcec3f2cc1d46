// One thread of a batched-recall pool: rebuilds the network from the spec once, then answers
// {from, to} messages by running rows [from, to) of the shared input into the shared output.
import { parentPort, workerData } from 'node:worker_threads';
import { buildBatched, type BatchedSpec } from './batched-spec.js';

interface Init {
  readonly spec: BatchedSpec;
  readonly input: SharedArrayBuffer;
  readonly output: SharedArrayBuffer;
}

const { spec, input, output } = workerData as Init;
const runner = buildBatched(spec);
const inRows = runner.inFloat ? new Float64Array(input) : new Int8Array(input);
const outRows = runner.outFloat ? new Float64Array(output) : new Int8Array(output);

parentPort!.on('message', (message: { readonly from: number; readonly to: number }) => {
  const { from, to } = message;
  try {
    if (to > from) runner.run(inRows.subarray(from * runner.inWidth, to * runner.inWidth), to - from, outRows.subarray(from * runner.outWidth, to * runner.outWidth));
    parentPort!.postMessage({ ok: true });
  } catch (error) {
    parentPort!.postMessage({ ok: false, message: (error as Error).message });
  }
});
parentPort!.postMessage({ ready: true });
