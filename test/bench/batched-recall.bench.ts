import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng, flipBits, patternRow, polynomial, randomBipolar, recurrentNetwork } from '../../node.js';
import { batchedSoftmaxNetwork } from '../../src/network/batched-continuous.js';
import { batchedFeedForward } from '../../src/network/batched-feed-forward.js';
import { batchedRecall } from '../../src/network/batched-recall.js';
import { batchedRecallPool } from '../../src/network/node/batched-pool.js';
import { kernelSpec, type BatchedSpec } from '../../src/network/node/batched-spec.js';
import { meets, medianMs, type BenchRow } from './bench-row.js';

const reference = (file: string): string => new URL(`./reference/${file}`, import.meta.url).pathname;

/** Median wall time in ms of 3 awaited calls after one warm-up (the pool's steps are asynchronous). */
async function medianAsyncMs(fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[1]!;
}

/** A copy of `data` in a SharedArrayBuffer (the workers read it without copying). */
function shared<T extends Int8Array | Float64Array>(data: T): T {
  const view = data instanceof Int8Array ? new Int8Array(new SharedArrayBuffer(data.byteLength)) : new Float64Array(new SharedArrayBuffer(data.byteLength));
  view.set(data);
  return view as T;
}

/**
 * Issue 14, batched recall at the size (N = 1000, M = 4000, Q = 256 queries, one
 * synchronous step), against NumPy/OpenBLAS on one thread (test/bench/reference/batched_recall_numpy.py,
 * BLAS products as an expert writes them), for three networks:
 * - dense memory: a recurrent polynomial-3 network (A = 1), kmn `batchedRecall(...).step`;
 * - softmax: the modern Hopfield update `s <- X^T softmax(beta X s)` on the same +/-1 patterns, beta
 *   0.02 (the cue's pattern takes about 97% of the weight), kmn `batchedSoftmaxNetwork(...).step`;
 * - feed-forward: a polynomial-3 hetero-associative network (A = 1), kmn `batchedFeedForward(...).recall`.
 * Ratio = kmn time / NumPy time, medians of 3 in this run; each network also with kmn on 2 worker
 * threads (`batchedRecallPool`, shared memory) against NumPy on one (target: faster, ratio <= 1).
 * Every row counts the entries where kmn's new states differ from NumPy's: the integer networks
 * must agree exactly (all their sums are exact integers in both); the softmax states must agree to
 * `(4 M + 4 beta 2N + 16) 2^-53` (derivation beside the check).
 */
export default async function batchedRecallBench(): Promise<BenchRow[]> {
  const n = 1000;
  const m = 4000;
  const q = 256;
  const beta = 0.02;
  const label = `(N ${n}, M ${m}, Q ${q}, one step)`;
  const names = {
    poly: `batched recall, dense memory poly3 ${label}, kmn 1 thread / NumPy 1 thread`,
    poly2: `batched recall, dense memory poly3 ${label}, kmn 2 workers / NumPy 1 thread`,
    softmax: `batched recall, softmax beta ${beta} ${label}, kmn 1 thread / NumPy 1 thread`,
    softmax2: `batched recall, softmax beta ${beta} ${label}, kmn 2 workers / NumPy 1 thread`,
    ff: `batched recall, feed-forward poly3 ${label}, kmn 1 thread / NumPy 1 thread`,
    ff2: `batched recall, feed-forward poly3 ${label}, kmn 2 workers / NumPy 1 thread`,
  };
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import numpy'], { encoding: 'utf8' });
  if (probe.status !== 0) return Object.values(names).map((name) => ({ name, skipped: 'python3-numpy not installed (apt-get install -y python3-numpy)' }));
  const X = randomBipolar({ count: m, dim: n }, createRng(1));
  const Y = randomBipolar({ count: m, dim: n }, createRng(2));
  const cues = new Int8Array(q * n);
  for (let r = 0; r < q; r++) cues.set(flipBits(patternRow(X, r), 0.2, createRng(`cue:${r}`)), r * n);
  const dir = mkdtempSync(join(tmpdir(), 'kmn-bench-'));
  const file = (name: string): string => join(dir, name);
  writeFileSync(file('patterns.bin'), X.data);
  writeFileSync(file('outputs.bin'), Y.data);
  writeFileSync(file('queries.bin'), cues);
  const numpy = (kind: string, extra: string[]): { ms: number; out: Buffer } | { error: string } => {
    const r = spawnSync('/usr/bin/python3', [reference('batched_recall_numpy.py'), file('patterns.bin'), String(m), String(n), file('queries.bin'), String(q), kind, file(`${kind}.out`), ...extra], {
      encoding: 'utf8', env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
    });
    if (r.status !== 0) return { error: `reference failed: ${r.stderr.trim().split('\n').pop()}` };
    return { ms: 1000 * (JSON.parse(r.stdout) as { seconds: number }).seconds, out: readFileSync(file(`${kind}.out`)) };
  };
  const rows: BenchRow[] = [];
  const pair = async (
    kind: 'poly' | 'softmax' | 'ff',
    extra: string[],
    single: () => Int8Array | Float64Array,
    spec: BatchedSpec,
    input: Int8Array | Float64Array,
    differing: (ours: Int8Array | Float64Array, theirs: Buffer) => number,
    note: Record<string, unknown> = {},
  ): Promise<void> => {
    const ref = numpy(kind, extra);
    const two = `${kind}2` as keyof typeof names;
    if ('error' in ref) {
      rows.push({ name: names[kind], skipped: ref.error }, { name: names[two], skipped: ref.error });
      return;
    }
    let out: Int8Array | Float64Array = new Int8Array(0);
    const ms = medianMs(() => (out = single()), 3, 1);
    const differ = differing(out, ref.out);
    const ratio = ms / ref.ms;
    rows.push({ name: names[kind], ratio, target: '<= 1.5', pass: meets(ratio, '<= 1.5') && differ === 0, kmnMs: ms, numpyMs: ref.ms, statesDiffering: differ, ...note });
    const pool = await batchedRecallPool(spec, { workers: 2, maxQueries: q });
    try {
      let pooled: Int8Array | Float64Array = new Int8Array(0);
      const ms2 = await medianAsyncMs(async () => (pooled = await pool.step(input, q)));
      let same = 0;
      for (let k = 0; k < out.length; k++) if (!Object.is(out[k], pooled[k])) same++;
      const ratio2 = ms2 / ref.ms;
      rows.push({ name: names[two], ratio: ratio2, target: '<= 1', pass: meets(ratio2, '<= 1') && same === 0, kmnMs: ms2, numpyMs: ref.ms, differFromOneThread: same });
    } finally {
      await pool.close();
    }
  };
  const exactDiff = (ours: Int8Array | Float64Array, theirs: Buffer): number => {
    const t = new Int8Array(theirs.buffer, theirs.byteOffset, theirs.byteLength);
    let d = 0;
    for (let k = 0; k < ours.length; k++) if (ours[k] !== t[k]) d++;
    return d;
  };
  try {
    const kernel = polynomial({ degree: 3, c: 1 });
    const patterns = shared(X.data);
    const dense = batchedRecall(recurrentNetwork({ patterns: X, kernel }));
    await pair('poly', [], () => dense.step(cues, q), { kind: 'recurrent', patterns, count: m, dim: n, kernel: kernelSpec(kernel) }, cues, exactDiff);

    // Softmax: kmn and NumPy round differently (NumPy: beta H, then minus the row maximum; BLAS
    // order and FMA in the projection). Each weight w_mu = e_mu / sum e: the exponent's argument
    // |beta (h - max)| <= A = beta 2N is rounded once or twice (relative error <= 2 A u in e, plus
    // exp's own 1-2 ulp), the normalising sum and division add gamma_M + u each; the projection
    // sum_mu w_mu x_mu,j (|x| = 1, sum w = 1) adds gamma_M in each code. So per entry
    // |kmn - NumPy| <= (4 M + 4 A + 16) u with u = 2^-53 (gamma_M ~ M u; Higham 2002, eq. 3.5).
    const soft = batchedSoftmaxNetwork({ patterns: X, beta });
    const cuesF = Float64Array.from(cues);
    const tol = (4 * m + 4 * beta * 2 * n + 16) * 2 ** -53;
    let maxDiff = 0;
    const softDiff = (ours: Int8Array | Float64Array, theirs: Buffer): number => {
      const t = new Float64Array(theirs.buffer.slice(theirs.byteOffset, theirs.byteOffset + theirs.byteLength));
      let d = 0;
      for (let k = 0; k < ours.length; k++) {
        const e = Math.abs(ours[k]! - t[k]!);
        maxDiff = Math.max(maxDiff, e);
        if (!(e <= tol)) d++;
      }
      return d;
    };
    const note: Record<string, unknown> = { tolerance: tol };
    await pair('softmax', [String(beta)], () => soft.step(cuesF, q), { kind: 'softmax', patterns: shared(Float64Array.from(X.data)), count: m, dim: n, beta }, cuesF, softDiff, note);
    const softRow = rows.find((r) => r.name === names.softmax);
    if (softRow) Object.assign(softRow, { maxAbsDiff: maxDiff });

    const ff = batchedFeedForward({ inputs: X, outputs: Y, kernel });
    await pair('ff', [file('outputs.bin')], () => ff.recall(cues, q), { kind: 'feed-forward', inputs: patterns, outputs: shared(Y.data), count: m, dimIn: n, dimOut: n, kernel: kernelSpec(kernel) }, cuesF, exactDiff);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
