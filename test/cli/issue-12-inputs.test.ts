import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const started = Date.now();
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  // Refused before any work: well under a second of validation (the runs went on for minutes).
  expect(Date.now() - started, argv.join(' ')).toBeLessThan(5000);
  return { code, stdout, stderr };
}

describe('the inputs of issue 12 are refused at once, in one line naming the parameter', () => {
  const cases: [string[], RegExp][] = [
    [['run', 'basins', '--set', 'cues=1000000000'], /^kmn: error: cues: Too big: expected number to be <=10000/],
    [['run', 'capacity', '--set', 'maxEpochs=1000000000000'], /^kmn: error: maxEpochs: Too big: expected number to be <=100000/],
    [['run', 'capacity', '--set', 'maxM=1e12'], /^kmn: error: maxM: Too big: expected number to be <=16000/],
    [['run', 'capacity', '--trials', '1000000000'], /^kmn: error: --trials: must be an integer in \[1, 100000\]/],
    [['run', 'capacity', '--workers', '1000'], /^kmn: error: --workers: must be an integer in \[1, \d+\]/],
    [['run', 'sdm-kernel', '--set', 'dim=512', '--set', 'radius=0'], /^kmn: error: radius: activates too few addresses/],
    [['run', 'sdm-kernel', '--set', 'capacityDim=64'], /^kmn: error: capacityRadius: must be below capacityDim \/ 2 = 32/],
    [['run', 'hebbian-crosstalk', '--set', 'N=20000', '--set', 'alphas=2'], /^kmn: error: N: needs about .* GiB per task/],
    [['run', 'capacity', '--set', 'temperature='], /^kmn: error: temperature: /],
  ];
  for (const [argv, pattern] of cases) {
    it(argv.slice(1).join(' '), async () => {
      // A temporary --out, so that a case wrongly accepted cannot write into the repository.
      const r = await run([...argv, '--out', join(mkdtempSync(join(tmpdir(), 'kmn-issue12-')), 'run')]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(pattern);
    });
  }
});
