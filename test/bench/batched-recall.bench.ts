import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng, flipBits, patternRow, polynomial, randomBipolar, recurrentNetwork } from '../../node.js';
import { batchedRecall } from '../../src/network/batched-recall.js';
import { meets, medianMs, type BenchRow } from './bench-row.js';

const reference = (file: string): string => new URL(`./reference/${file}`, import.meta.url).pathname;

/**
 * Issue 14, batched recall: one synchronous step of a polynomial-3 dense memory (A = 1) for Q
 * queries, kmn's `batchedRecall` against NumPy/OpenBLAS on one thread doing the same step as two
 * matrix products (test/bench/reference/batched_recall_numpy.py). Ratio = kmn time / NumPy time
 * (median of 3 each); the row also checks that both produced the same states.
 */
export default async function batchedRecallBench(): Promise<BenchRow[]> {
  const name = 'batched recall, poly3 one step (N 500, M 2000, Q 128), kmn / NumPy 1 thread';
  const target = '<= 1.5';
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import numpy'], { encoding: 'utf8' });
  if (probe.status !== 0) return [{ name, skipped: 'python3-numpy not installed (apt-get install -y python3-numpy)' }];
  const n = 500;
  const m = 2000;
  const q = 128;
  const X = randomBipolar({ count: m, dim: n }, createRng(1));
  const cues = new Int8Array(q * n);
  for (let r = 0; r < q; r++) cues.set(flipBits(patternRow(X, r), 0.2, createRng(`cue:${r}`)), r * n);
  const dir = mkdtempSync(join(tmpdir(), 'kmn-bench-'));
  const paths = { patterns: join(dir, 'patterns.bin'), queries: join(dir, 'queries.bin'), out: join(dir, 'out.bin') };
  writeFileSync(paths.patterns, X.data);
  writeFileSync(paths.queries, cues);
  const r = spawnSync('/usr/bin/python3', [reference('batched_recall_numpy.py'), paths.patterns, String(m), String(n), paths.queries, String(q), 'poly', paths.out], {
    encoding: 'utf8', env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
  });
  if (r.status !== 0) return [{ name, skipped: `reference failed: ${r.stderr.trim().split('\n').pop()}` }];
  const ref = JSON.parse(r.stdout) as { seconds: number };
  const batch = batchedRecall(recurrentNetwork({ patterns: X, kernel: polynomial({ degree: 3, c: 1 }) }));
  let states: Int8Array = new Int8Array(0);
  const ms = medianMs(() => (states = batch.step(cues, q)), 3, 1);
  const numpyStates = new Int8Array(readFileSync(paths.out).buffer.slice(0));
  let differ = 0;
  for (let k = 0; k < q * n; k++) if (numpyStates[k] !== states[k]) differ++;
  const ratio = ms / (1000 * ref.seconds);
  return [{ name, ratio, target, pass: meets(ratio, target) && differ === 0, kmnMs: ms, numpyMs: 1000 * ref.seconds, statesDiffering: differ }];
}
