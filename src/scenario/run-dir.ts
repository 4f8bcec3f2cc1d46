import { closeSync, copyFileSync, existsSync, linkSync, mkdirSync, openSync, readdirSync, rmSync, statSync, statfsSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ParameterError } from '../errors.js';
import { TASK_STORE_DIR, renameDurable } from './task-store.js';

// Pseudo file systems where nothing can be written (Linux statfs magic numbers).
const PSEUDO_FS = new Set([0x9fa0 /* proc */, 0x62656572 /* sysfs */, 0x64626720 /* debugfs */, 0x1cd1 /* devpts */, 0x27e0eb /* cgroup */, 0x63677270 /* cgroup2 */]);

function outError(dir: string, problem: string, fix = 'pass --out a folder you can write to'): ParameterError {
  return new ParameterError('--out', `${dir} ${problem}`, fix);
}

function statOrUndefined(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') throw outError(path, 'lies under a file, not a folder');
    throw outError(path, `cannot be inspected (${(error as NodeJS.ErrnoException).code})`);
  }
}

function probeWritable(dir: string, shown: string): void {
  const probe = join(dir, `.kmn-probe-${process.pid}`);
  let fd: number | undefined;
  try {
    fd = openSync(probe, 'wx');
    writeSync(fd, 'probe');
  } catch (error) {
    throw outError(shown, `is not writable (${(error as NodeJS.ErrnoException).code ?? 'error'} writing in ${dir})`);
  } finally {
    if (fd !== undefined) closeSync(fd);
    rmSync(probe, { force: true });
  }
}

/**
 * Creates the run directory `dir` (and missing parents, one level at a time) and proves that
 * it can hold files, before any work starts. A path under a file, a read-only folder or a
 * pseudo file system (`/proc`, `/sys`) is a one-line {@link ParameterError} at once. Node's
 * recursive `mkdirSync` is avoided on purpose: it loops forever on `/proc/<new>`.
 *
 * @param options - `parentWritable: false` skips the probe of the parent (shards publish nothing).
 * @returns the absolute path of the directory.
 * @example
 * ```ts
 * const out = prepareOutDir('out/capacity');
 * ```
 */
export function prepareOutDir(dir: string, options: { parentWritable?: boolean } = {}): string {
  const abs = resolve(dir);
  const missing: string[] = [];
  let existing = abs;
  for (;;) {
    const st = statOrUndefined(existing);
    if (st) {
      if (!st.isDirectory()) throw outError(dir, existing === abs ? 'exists and is a file, not a folder' : `lies under ${existing}, which is a file`, 'pass --out a new or existing folder');
      break;
    }
    missing.unshift(existing);
    const parent = dirname(existing);
    if (parent === existing) throw outError(dir, 'has no existing parent');
    existing = parent;
  }
  try {
    if (PSEUDO_FS.has(Number(statfsSync(existing).type))) throw outError(dir, `lies on a pseudo file system (${existing})`);
  } catch (error) {
    if (error instanceof ParameterError) throw error;
  }
  // The parent must be writable too when outputs are moved into place by renaming a sibling
  // folder (every run but a shard, which only fills its task store).
  if (missing.length > 0 || options.parentWritable !== false) probeWritable(missing.length > 0 ? existing : dirname(abs), dir);
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw outError(dir, `cannot be created (${(error as NodeJS.ErrnoException).code} at ${d})`);
    }
  }
  probeWritable(abs, dir);
  return abs;
}

function siblings(abs: string, kind: 'staging' | 'old'): string[] {
  const parent = dirname(abs);
  const prefix = `.${basename(abs)}.${kind}-`;
  return readdirSync(parent).filter((n) => n.startsWith(prefix)).map((n) => join(parent, n));
}

const COMPLETE = '.complete';

/**
 * Finishes or rolls back a publish that a crash interrupted (see {@link publishRunDir}): a
 * complete staging folder left beside `dir` is moved into place, incomplete ones and old copies
 * are removed. Afterwards `dir` holds exactly one run (or nothing).
 *
 * @example
 * ```ts
 * recoverRunDir('/abs/out/capacity');
 * ```
 */
export function recoverRunDir(abs: string): void {
  // Anything but a folder (or nothing) under a folder is left to prepareOutDir to refuse.
  const isDir = (p: string): boolean => {
    try {
      return statSync(p).isDirectory();
    } catch {
      return false;
    }
  };
  if (!isDir(dirname(abs)) || (existsSync(abs) && !isDir(abs))) return;
  const staged = siblings(abs, 'staging');
  const complete = staged.find((s) => existsSync(join(s, COMPLETE)));
  if (complete) {
    // The new run was fully staged: finish the swap.
    const old = join(dirname(abs), `.${basename(abs)}.old-recovered`);
    if (existsSync(abs)) renameDurable(abs, old);
    renameDurable(complete, abs);
  }
  for (const s of staged) if (s !== complete) rmSync(s, { recursive: true, force: true });
  if (existsSync(abs)) {
    for (const o of siblings(abs, 'old')) rmSync(o, { recursive: true, force: true });
  } else {
    // The swap stopped after moving the old run aside, with no complete staging folder: put
    // the old run back.
    const old = siblings(abs, 'old')[0];
    if (old) renameDurable(old, abs);
  }
  rmSync(join(abs, COMPLETE), { force: true });
}

function linkTree(from: string, to: string): void {
  mkdirSync(to);
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const a = join(from, entry.name);
    const b = join(to, entry.name);
    if (entry.isDirectory()) {
      linkTree(a, b);
    } else {
      try {
        linkSync(a, b);
      } catch {
        copyFileSync(a, b);
      }
    }
  }
}

/**
 * Replaces the run directory `abs` as a whole: `fill` writes the new run into a staging folder
 * beside it (same file system), the entries named in `carry` (the task store) are hard-linked
 * from the old folder into it, and it is swapped in by two renames. After a crash at any
 * point, {@link recoverRunDir} leaves either the old or the new run in place, never a mix.
 *
 * @example
 * ```ts
 * await publishRunDir('/abs/out/capacity', async (staging) => { writeRun(staging, run, meta); });
 * ```
 */
export async function publishRunDir(abs: string, fill: (staging: string) => void | Promise<void>, options: { carry?: readonly string[] } = {}): Promise<void> {
  const staging = join(dirname(abs), `.${basename(abs)}.staging-${process.pid}`);
  const old = join(dirname(abs), `.${basename(abs)}.old-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  await fill(staging);
  for (const name of options.carry ?? []) if (existsSync(join(abs, name))) linkTree(join(abs, name), join(staging, name));
  const marker = openSync(join(staging, COMPLETE), 'w');
  closeSync(marker);
  renameDurable(abs, old);
  renameDurable(staging, abs);
  rmSync(join(abs, COMPLETE), { force: true });
  rmSync(old, { recursive: true, force: true });
}

/** What a run directory holds before a run starts. */
export type RunDirState = 'empty' | 'store' | 'finished-run' | 'foreign';

/**
 * Classifies the contents of a run directory: empty, a kmn task store (possibly with outputs),
 * a finished run written without a store, or files kmn did not write (which it never replaces).
 *
 * @example
 * ```ts
 * inspectRunDir('/abs/out/capacity'); // 'store'
 * ```
 */
export function inspectRunDir(abs: string): RunDirState {
  const names = readdirSync(abs);
  if (names.length === 0) return 'empty';
  if (names.includes(TASK_STORE_DIR)) return 'store';
  if (names.includes('result.json') && names.includes('report.md')) return 'finished-run';
  return 'foreign';
}
