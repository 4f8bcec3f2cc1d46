import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The kmn command from the sources. */
export const bin = new URL('../../bin/kmn.mjs', import.meta.url).pathname;
export const fixture = (name: string): string => new URL(`../fixtures/${name}`, import.meta.url).pathname;

const env = { ...process.env, KMN_DEBUG: '', KMN_FROM_SOURCE: '1' };

/** Runs `kmn args` to completion. */
export function kmn(args: readonly string[], extraEnv: Record<string, string> = {}, options: { uid?: number } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const user = options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {};
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { ...env, ...extraEnv }, maxBuffer: 1 << 24, ...user }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Starts `kmn args` without waiting. */
export function spawnKmn(args: readonly string[]): ChildProcess {
  return spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Every file under `dir` (dot folders included) with its bytes, for byte-for-byte comparison. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p).toString('base64');
    }
  };
  walk(dir);
  return out;
}
