import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { meets, type BenchRow } from './bench-row.js';

/** The commit before the exact oracle: the capacity scenario as issue 14 measured it ("3 to 4 minutes"). */
const BEFORE = 'c671bd3aaca5e5d48576223c687df0d6e820742e';
const root = new URL('../../', import.meta.url).pathname;

interface Timed {
  readonly wall: number;
  readonly cpu: number;
  readonly rows: { rule: string; N: number; mMax: number }[];
  readonly failedChecks: number;
}

/** `kmn run capacity` (defaults, one worker) from the sources in `dir`, timed by bash's `time` (wall and CPU seconds). */
function runCapacity(dir: string, out: string): Timed {
  const r = spawnSync('bash', ['-c', 'TIMEFORMAT="%R %U %S"; time node bin/kmn.mjs run capacity --workers 1 --quiet --force --out "$1" > /dev/null', 'bash', out], {
    cwd: dir, encoding: 'utf8', env: { ...process.env, KMN_FROM_SOURCE: '1' },
  });
  if (r.status !== 0) throw new Error(`kmn run capacity in ${dir} failed: ${r.stderr.trim().split('\n').slice(-2).join(' ')}`);
  const [wall, user, sys] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number) as [number, number, number];
  const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as { rows: Timed['rows']; checks: { pass: boolean }[] };
  return { wall, cpu: user + sys, rows: result.rows, failedChecks: result.checks.filter((c) => !c.pass).length };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Issue 14, the default capacity run end to end (N = 16, 32, 64; six rules; 4 trials; one worker):
 * the sources of commit c671bd3 (before the exact storability oracle, unpacked from git into a
 * temporary folder sharing this checkout's node_modules) against the current sources, each run
 * through the CLI from source, median of 3 runs each. Ratio = before / after wall time (target >= 5);
 * the row also requires every rule's M_max to be unchanged and every check of the new run to pass.
 * Takes about 15 minutes (the old run is about 4 minutes).
 */
export default async function capacityRunBench(): Promise<BenchRow[]> {
  const name = 'default capacity run (kmn run capacity, 1 worker): before the exact oracle (c671bd3) / now, wall time';
  const target = '>= 5';
  if (spawnSync('git', ['cat-file', '-e', `${BEFORE}^{commit}`], { cwd: root }).status !== 0) return [{ name, skipped: `not a git checkout holding ${BEFORE.slice(0, 7)}` }];
  const tmp = mkdtempSync(join(tmpdir(), 'kmn-capacity-bench-'));
  try {
    const old = join(tmp, 'before');
    const unpack = spawnSync('bash', ['-c', `mkdir -p "$1" && git archive ${BEFORE} | tar -x -C "$1"`, 'bash', old], { cwd: root, encoding: 'utf8' });
    if (unpack.status !== 0 || !existsSync(join(old, 'bin/kmn.mjs'))) return [{ name, skipped: `could not unpack ${BEFORE.slice(0, 7)}: ${unpack.stderr.trim()}` }];
    symlinkSync(join(root, 'node_modules'), join(old, 'node_modules'));
    const before: Timed[] = [];
    const after: Timed[] = [];
    for (let k = 0; k < 3; k++) {
      before.push(runCapacity(old, join(tmp, `out-before-${k}`)));
      after.push(runCapacity(root, join(tmp, `out-after-${k}`)));
    }
    const key = (r: { rule: string; N: number }): string => `${r.rule}|${r.N}`;
    const was = new Map(before[0]!.rows.map((r) => [key(r), r.mMax]));
    const changed = after[0]!.rows.filter((r) => was.get(key(r)) !== r.mMax).map(key);
    const ratio = median(before.map((t) => t.wall)) / median(after.map((t) => t.wall));
    return [{
      name, ratio, target, pass: meets(ratio, target) && changed.length === 0 && after[0]!.failedChecks === 0,
      beforeWallS: median(before.map((t) => t.wall)), afterWallS: median(after.map((t) => t.wall)),
      cpuRatio: median(before.map((t) => t.cpu)) / median(after.map((t) => t.cpu)),
      mMaxChanged: changed.length === 0 ? 'none' : changed.join(','), failedChecks: after[0]!.failedChecks,
    }];
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
