import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng, exponential, flipBits, linear, patternRow, polynomial, randomBipolar, recurrentNetwork, type Kernel } from '../../node.js';
import { meets, type BenchRow } from './bench-row.js';

const reference = (file: string): string => new URL(`./reference/${file}`, import.meta.url).pathname;

function hasNumpy(): boolean {
  const r = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
  return r.status === 0;
}

/**
 * Issue 7 row 3: kmn against NumPy code written the way users write it today, on the same
 * network, seed and number of random asynchronous updates; ratio = reference time per update /
 * kmn time per update. (a) classical Hopfield with a precomputed N x N weight matrix;
 * (b) dense associative memory recomputing every overlap per update (polynomial 3, exponential).
 */
export default async function numpyReferenceBench(): Promise<BenchRow[]> {
  const names = ['(a) classical Hopfield, NumPy W (N x N) / kmn', '(b) dense memory poly3, NumPy / kmn', '(b) dense memory exp, NumPy / kmn'];
  if (!hasNumpy()) return names.map((name) => ({ name, skipped: 'python3 with NumPy not found' }));
  const n = 2000;
  const m = 1000;
  const X = randomBipolar({ count: m, dim: n }, createRng(1));
  const cue = flipBits(patternRow(X, 0), 0.1, createRng(2));
  const dir = mkdtempSync(join(tmpdir(), 'kmn-bench-'));
  const patternsPath = join(dir, 'patterns.bin');
  const cuePath = join(dir, 'cue.bin');
  writeFileSync(patternsPath, X.data);
  writeFileSync(cuePath, cue);
  const cases: { name: string; script: string; extra: string[]; updates: number; kernel: Kernel; target: string }[] = [
    { name: names[0]!, script: 'hopfield_numpy.py', extra: [], updates: 10 * n, kernel: linear(), target: '>= 1' },
    { name: names[1]!, script: 'dense_am_numpy.py', extra: ['poly'], updates: n, kernel: polynomial({ degree: 3 }), target: '>= 50' },
    { name: names[2]!, script: 'dense_am_numpy.py', extra: ['exp'], updates: n, kernel: exponential({ temperature: 1 }), target: '>= 50' },
  ];
  const rows: BenchRow[] = [];
  for (const c of cases) {
    const r = spawnSync('python3', [reference(c.script), patternsPath, String(m), String(n), cuePath, String(c.updates), '7', ...c.extra], { encoding: 'utf8' });
    if (r.status !== 0) {
      rows.push({ name: c.name, skipped: `reference failed: ${r.stderr.trim().split('\n').pop()}` });
      continue;
    }
    const ref = JSON.parse(r.stdout) as { seconds: number; updates: number };
    const net = recurrentNetwork({ patterns: X, kernel: c.kernel });
    const sweeps = c.updates / n;
    for (let w = 0; w < 10; w++) net.run(cue, { schedule: 'random-sequential', rng: createRng(6 + 100 * w), maxSweeps: 1 });
    const t0 = performance.now();
    const result = net.run(cue, { schedule: 'random-sequential', rng: createRng(7), maxSweeps: sweeps });
    const seconds = (performance.now() - t0) / 1000;
    const ratio = ref.seconds / ref.updates / (seconds / result.updates);
    rows.push({ name: c.name, ratio, target: c.target, pass: meets(ratio, c.target), refUsPerUpdate: (1e6 * ref.seconds) / ref.updates, kmnUsPerUpdate: (1e6 * seconds) / result.updates });
  }
  return rows;
}
