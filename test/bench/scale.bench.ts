import { spawnSync } from 'node:child_process';
import { meets, type BenchRow } from './bench-row.js';

/**
 * Issue 7 row 6: a network with N = 10000 neurons and M = 10000 stored bipolar patterns builds
 * and completes one asynchronous sweep in a fresh process; the ratio is its peak resident
 * memory in GB (target well under 2: Int8Array patterns, no N x N weight matrix).
 */
export default async function scaleBench(): Promise<BenchRow[]> {
  const child = new URL('./scale-child.ts', import.meta.url).pathname;
  const r = spawnSync(process.execPath, ['--import', 'tsx', child], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) return [{ name: 'scale N = M = 10000: peak memory (GB)', pass: false, skipped: `child failed: ${r.stderr.trim().split('\n').pop()}` }];
  const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { buildMs: number; sweepMs: number; maxRssMB: number; updates: number };
  const gb = out.maxRssMB / 1024;
  return [{ name: 'scale N = M = 10000: peak memory (GB)', ratio: gb, target: '<= 1.5', pass: meets(gb, '<= 1.5'), buildSeconds: out.buildMs / 1000, sweepSeconds: out.sweepMs / 1000 }];
}
