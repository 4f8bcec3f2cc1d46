import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng, flipBits, patternRow, polynomial, randomBipolar, recurrentNetwork } from '../../node.js';
import { meets, type BenchRow } from './bench-row.js';

const reference = (file: string): string => new URL(`./reference/${file}`, import.meta.url).pathname;

/**
 * Issue 14, asynchronous updates against the expert NumPy code that also keeps the overlaps
 * incrementally (test/bench/reference/async_incremental_numpy.py): N = 2000, M = 1000, polynomial 3,
 * random-sequential updates; ratio = NumPy time per update / kmn time per update (median of 3 each).
 */
export default async function asyncExpertBench(): Promise<BenchRow[]> {
  const name = 'async updates poly3 (N 2000, M 1000): expert incremental NumPy / kmn, per update';
  const target = '>= 3';
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import numpy'], { encoding: 'utf8' });
  if (probe.status !== 0) return [{ name, skipped: 'python3-numpy not installed (apt-get install -y python3-numpy)' }];
  const n = 2000;
  const m = 1000;
  const updates = 4 * n;
  const X = randomBipolar({ count: m, dim: n }, createRng(1));
  const cue = flipBits(patternRow(X, 0), 0.1, createRng(2));
  const dir = mkdtempSync(join(tmpdir(), 'kmn-bench-'));
  writeFileSync(join(dir, 'patterns.bin'), X.data);
  writeFileSync(join(dir, 'cue.bin'), cue);
  const r = spawnSync('/usr/bin/python3', [reference('async_incremental_numpy.py'), join(dir, 'patterns.bin'), String(m), String(n), join(dir, 'cue.bin'), String(updates), '7'], {
    encoding: 'utf8', env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' },
  });
  if (r.status !== 0) return [{ name, skipped: `reference failed: ${r.stderr.trim().split('\n').pop()}` }];
  const ref = JSON.parse(r.stdout) as { seconds: number; updates: number };
  const net = recurrentNetwork({ patterns: X, kernel: polynomial({ degree: 3, c: 1 }) });
  for (let w = 0; w < 5; w++) net.run(cue, { schedule: 'random-sequential', rng: createRng(100 + w), maxSweeps: 1 });
  const perUpdate: number[] = [];
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    const res = net.run(cue, { schedule: 'random-sequential', rng: createRng(7 + k), maxSweeps: updates / n });
    perUpdate.push((performance.now() - t0) / 1000 / res.updates);
  }
  perUpdate.sort((a, b) => a - b);
  const kmn = perUpdate[1]!;
  const ratio = ref.seconds / ref.updates / kmn;
  return [{ name, ratio, target, pass: meets(ratio, target), numpyUsPerUpdate: (1e6 * ref.seconds) / ref.updates, kmnUsPerUpdate: 1e6 * kmn }];
}
