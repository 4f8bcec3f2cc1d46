import { spawnSync } from 'node:child_process';
import { createRng, flipBits, linear, patternRow, polynomial, randomBipolar, recurrentNetwork, type Kernel } from '../../node.js';
import { medianMs, type BenchRow } from './bench-row.js';

/**
 * Issue 14, the honest roofline row: one asynchronous sweep (N = 2000, M = 1000, A = 1, 10% cue
 * noise) against one BLAS matrix-vector product of the same size on one OpenBLAS thread
 * (test/bench/reference/blas_matvec.py), and the sweep's bytes per update beside the machine's
 * measured memory bandwidth. Per update the A = 1 field streams the neuron's Int8 pattern row and
 * the M doubles of the table A (9M bytes); a flip adds the overlap update and table refresh.
 */
export default async function sweepBlasBench(): Promise<BenchRow[]> {
  const n = 2000;
  const m = 1000;
  const kernels: [string, Kernel][] = [['linear', linear()], ['poly3', polynomial({ degree: 3, c: 1 })]];
  const names = kernels.map(([label]) => `async sweep ${label} (N 2000, M 1000) / one BLAS matvec of the same size (1 thread)`);
  const r = spawnSync('/usr/bin/python3', [new URL('./reference/blas_matvec.py', import.meta.url).pathname, String(m), String(n)], {
    encoding: 'utf8', env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' },
  });
  if (r.status !== 0) return names.map((name) => ({ name, skipped: `python3-numpy missing or reference failed: ${r.stderr.trim().split('\n').pop()}` }));
  const ref = JSON.parse(r.stdout) as { matvecSeconds: number; bandwidthGBs: number };
  const X = randomBipolar({ count: m, dim: n }, createRng(1));
  const cue = flipBits(patternRow(X, 0), 0.1, createRng(2));
  return kernels.map(([, kernel], k) => {
    const net = recurrentNetwork({ patterns: X, kernel });
    const ms = medianMs(() => void net.run(cue, { schedule: 'random-permutation', rng: createRng(3), maxSweeps: 1 }), 3, 5);
    const bytesPerUpdate = 9 * m;
    const gbs = (bytesPerUpdate * n) / (ms / 1000) / 1e9;
    return { name: names[k]!, ratio: ms / (1000 * ref.matvecSeconds), target: 'report', pass: true, sweepMs: ms, blasMatvecMs: 1000 * ref.matvecSeconds, bytesPerUpdate, sweepGBs: Number(gbs.toFixed(2)), machineGBs: Number(ref.bandwidthGBs.toFixed(2)) };
  });
}
