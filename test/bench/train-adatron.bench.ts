/**
 * Kernel-Adatron training of every neuron of a recurrent network, N = 200 and M = 300
 * (load alpha = 1.5, below the linear capacity 2N), with the margins reached.
 *
 * Reference: for the linear kernel, Gardner (1988) gives the largest stability kappa reachable at
 * load alpha by `1 / alpha = int_{-kappa}^inf Dt (t + kappa)^2`; the max-margin neurons of a large
 * network approach it (the reported margin is in units where inputs have norm sqrt(N - 1)).
 */
import { createRng, isLinearKernel, linear, normalCdf, polynomial, randomBipolar, type Kernel } from '../../node.js';
import { kernelAdatron, trainCoefficients } from '../../plasticity/index.js';

/** Bench result row (see test/bench/run.ts). */
type BenchRow = { name: string; ratio?: number; target?: string; pass?: boolean; skipped?: string; [extra: string]: unknown };

/** Gardner's kappa(alpha) by bisection; the integral by the closed form of the Gaussian moments. */
function gardnerKappa(alpha: number): number {
  // int_{-k}^inf Dt (t + k)^2 = (1 + k^2) Phi(k) + k phi(k)
  const f = (k: number) => (1 + k * k) * normalCdf(k) + (k * Math.exp(-k * k / 2)) / Math.sqrt(2 * Math.PI);
  let lo = 0;
  let hi = 5;
  for (let it = 0; it < 100; it++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < 1 / alpha) lo = mid; else hi = mid;
  }
  return lo;
}

export default async (): Promise<BenchRow[]> => {
  const n = 200;
  const m = 300;
  const patterns = randomBipolar({ count: m, dim: n }, createRng('bench-train-adatron'));
  const rows: BenchRow[] = [];
  const kernels: [string, Kernel][] = [['linear', linear()], ['poly p=2', polynomial({ degree: 2 })]];
  for (const [label, kernel] of kernels) {
    const t0 = performance.now();
    const { reports } = trainCoefficients(patterns, kernel, kernelAdatron(), { maxEpochs: 5000, rng: createRng(1) });
    const ms = performance.now() - t0;
    const margins = reports.map((r) => r.margin);
    const converged = reports.filter((r) => r.converged).length;
    const minMargin = Math.min(...margins);
    const meanMargin = margins.reduce((a, b) => a + b, 0) / margins.length;
    const meanEpochs = reports.reduce((a, r) => a + r.epochs, 0) / reports.length;
    const row: BenchRow = {
      name: `train Kernel-Adatron N=${n} M=${m} ${label}`,
      ms: Math.round(ms),
      converged: `${converged}/${n}`,
      minMargin: Number(minMargin.toPrecision(4)),
      meanMargin: Number(meanMargin.toPrecision(4)),
      meanEpochs: Math.round(meanEpochs),
      meanSupportVectors: Math.round(reports.reduce((a, r) => a + r.supportVectors, 0) / reports.length),
    };
    if (isLinearKernel(kernel)) {
      const kappa = gardnerKappa(m / n);
      row.target = `all converge; mean margin within 15% of Gardner kappa(${m / n}) = ${kappa.toFixed(3)}`;
      row.pass = converged === n && Math.abs(meanMargin - kappa) / kappa < 0.15;
    } else {
      row.pass = converged === n;
      row.target = 'all converge';
    }
    rows.push(row);
  }
  return rows;
};
