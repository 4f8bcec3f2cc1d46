import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';

const io = () => {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) } };
};

describe('kmn run --png', () => {
  it('writes a PNG beside every SVG (PNG signature, size from the SVG at 2x)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kmn-png-'));
    const { io: cli } = io();
    const code = await main(['run', 'hebbian-crosstalk', '--set', 'N=100', '--set', 'alphas=0.1,0.2', '--trials', '1', '--workers', '1', '--out', dir, '--png', '--quiet'], cli);
    expect([0, 3]).toContain(code); // 3: a check differs at this tiny size; the files are what is tested
    const svgs = readdirSync(dir).filter((f) => f.endsWith('.svg'));
    expect(svgs.length).toBeGreaterThan(0);
    for (const svg of svgs) {
      const png = readFileSync(join(dir, svg.replace(/\.svg$/, '.png')));
      expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      const width = Number(/width="(\d+)"/.exec(readFileSync(join(dir, svg), 'utf8'))![1]);
      expect(png.readUInt32BE(16)).toBe(2 * width); // IHDR width
    }
  });
  it('a mistyped flag is a one-line error that lists --png among the options', async () => {
    const { out, io: cli } = io();
    expect(await main(['run', 'hebbian-crosstalk', '--pngs'], cli)).toBe(2);
    expect(out.stderr).toContain('--png');
  });
});
