import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng, linear, randomBipolar } from '../../node.js';
import { recurrentProblems } from '../../plasticity/train.js';
import { MinNormSolver } from '../../plasticity/exact/min-norm-point.js';
import { meets, type BenchRow } from './bench-row.js';

/**
 * Issue 14, max-margin training of linear neurons without bias: kmn's exact min-norm-point solver
 * (Wolfe, run to a relative duality gap of 1e-3, so its margin is certified within 0.1% of the
 * optimum) against liblinear's dual coordinate descent (LinearSVC, hinge, no intercept, C = 1e3),
 * on all neurons at (N, M) = (200, 300) and (400, 600). Rows per size: worst per-neuron margin
 * ratio kmn / liblinear, and the training time ratio liblinear / kmn.
 */
export default async function maxMarginExactBench(): Promise<BenchRow[]> {
  const sizes = [[200, 300], [400, 600]] as const;
  const namesAt = (n: number, m: number): [string, string] => [`exact max margin (min-norm point) vs liblinear LinearSVC (N ${n}, M ${m}): worst margin ratio kmn / liblinear`, `the same (N ${n}, M ${m}): training time liblinear / kmn`];
  if (spawnSync('/usr/bin/python3', ['-c', 'import sklearn'], { encoding: 'utf8' }).status !== 0) {
    return sizes.flatMap(([n, m]) => namesAt(n, m).map((name) => ({ name, skipped: 'python3-sklearn not installed (apt-get install -y python3-sklearn)' })));
  }
  const rows: BenchRow[] = [];
  for (const [n, m] of sizes) rows.push(...compareAt(n, m, namesAt(n, m)));
  return rows;
}

function compareAt(n: number, m: number, names: [string, string]): BenchRow[] {
  const X = randomBipolar({ count: m, dim: n }, createRng(1));
  const dir = mkdtempSync(join(tmpdir(), 'kmn-lsvc-'));
  writeFileSync(join(dir, 'patterns.bin'), X.data);
  const r = spawnSync('/usr/bin/python3', [new URL('./reference/linear_svc_sklearn.py', import.meta.url).pathname, join(dir, 'patterns.bin'), String(m), String(n)], {
    encoding: 'utf8', maxBuffer: 1 << 24, env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' },
  });
  if (r.status !== 0) return names.map((name) => ({ name, skipped: `reference failed: ${r.stderr.trim().split('\n').pop()}` }));
  const ref = JSON.parse(r.stdout) as { seconds: number; margins: number[] };
  const source = recurrentProblems(X, linear());
  const gram = new Float64Array(m * m);
  const ratios: number[] = [];
  let certified = 0;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const p = source.problem(i, gram);
    const res = new MinNormSolver(p.gram, p.labels, m).solve(m, true, 1e-3);
    if (res.separable) certified++;
    ratios.push(res.minStability / Math.sqrt(res.norm2) / ref.margins[i]!);
  }
  const seconds = (performance.now() - t0) / 1000;
  const worst = Math.min(...ratios);
  const timeRatio = ref.seconds / seconds;
  return [
    { name: names[0], ratio: worst, target: '>= 0.999', pass: worst >= 0.999, separatingCertified: certified },
    { name: names[1], ratio: timeRatio, target: '>= 5', pass: meets(timeRatio, '>= 5'), liblinearSeconds: ref.seconds, kmnSeconds: seconds },
  ];
}
