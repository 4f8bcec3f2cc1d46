import { createRng, exponential, flipBits, linear, patternRow, polynomial, randomBipolar, rasterMonitor, recurrentNetwork, simulation, type Kernel } from '../../node.js';
import { meets, medianMs, type BenchRow } from './bench-row.js';

/**
 * Issue 3 / issue 7 rows 1-2: one full asynchronous sweep (N = 2000, M = 1000, from a cue with
 * 10% of its bits flipped) against one plain Float64Array matrix-vector product of the same
 * size, for A = 1 with three kernels and for trained coefficients; and the same sweeps with the
 * spike bus and a raster monitor attached against without.
 */
export default async function asyncSweepBench(): Promise<BenchRow[]> {
  const n = 2000;
  const m = 1000;
  const X = randomBipolar({ count: m, dim: n }, createRng(1));
  const a = Float64Array.from(X.data);
  const x = Float64Array.from({ length: n }, (_, j) => (j % 3) - 1);
  const y = new Float64Array(m);
  const matvec = (): void => {
    for (let mu = 0; mu < m; mu++) {
      let s = 0;
      const base = mu * n;
      for (let j = 0; j < n; j++) s += a[base + j]! * x[j]!;
      y[mu] = s;
    }
  };
  const tMatvec = medianMs(matvec, 15);
  const cue = flipBits(patternRow(X, 0), 0.1, createRng(2));
  const rows: BenchRow[] = [];
  const kernels: [string, Kernel][] = [['linear', linear()], ['poly3', polynomial({ degree: 3 })], ['exp', exponential({ temperature: 100 })]];
  for (const [label, kernel] of kernels) {
    const net = recurrentNetwork({ patterns: X, kernel });
    const sweep = (): void => void net.run(cue, { schedule: 'random-permutation', rng: createRng(3), maxSweeps: 1 });
    const tSweep = medianMs(sweep, 15, 20);
    const ratio = tSweep / tMatvec;
    rows.push({ name: `async sweep ${label} (N=2000, M=1000) / matvec`, ratio, target: '<= 3', pass: meets(ratio, '<= 3'), sweepMs: tSweep, matvecMs: tMatvec });
  }
  // Trained coefficients (alpha_i^mu not all 1) and thresholds: the field is two dot products of length M.
  const coefRng = createRng(5);
  const alpha = Float64Array.from({ length: n * m }, () => coefRng.uniform());
  const theta = Float64Array.from({ length: n }, () => 0.1 * coefRng.normal());
  const trained = recurrentNetwork({ patterns: X, kernel: polynomial({ degree: 3 }), alpha, theta });
  const tTrained = medianMs(() => void trained.run(cue, { schedule: 'random-permutation', rng: createRng(3), maxSweeps: 1 }), 15, 20);
  const trainedRatio = tTrained / tMatvec;
  // Informational (no target): each field is two dot products of length M (c . A and (c xi) . B), twice the A = 1 work.
  rows.push({ name: 'async sweep poly3, trained A and theta (N=2000, M=1000) / matvec', ratio: trainedRatio, sweepMs: tTrained, matvecMs: tMatvec });
  const net = recurrentNetwork({ patterns: X, kernel: linear() });
  const bare = simulation(net);
  const observed = simulation(net);
  rasterMonitor(observed, { capacity: 100_000 });
  const runs = 7;
  const tBare = medianMs(() => bare.run(cue, { schedule: 'random-permutation', rng: createRng(3), maxSweeps: 3 }), runs);
  const tObserved = medianMs(() => observed.run(cue, { schedule: 'random-permutation', rng: createRng(3), maxSweeps: 3 }), runs);
  const ratio = tObserved / tBare;
  rows.push({ name: 'sweeps with spike bus + raster / without', ratio, target: '<= 1.25', pass: meets(ratio, '<= 1.25'), withMs: tObserved, withoutMs: tBare });
  return rows;
}
