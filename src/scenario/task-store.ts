import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { ParameterError } from '../errors.js';

/**
 * Version of the task-store layout (manifest and task files); bumped on any incompatible change.
 *
 * @example
 * ```ts
 * readManifest(dir)?.formatVersion === TASK_STORE_FORMAT;
 * ```
 */
export const TASK_STORE_FORMAT = 1;

/**
 * The folder inside a run directory that holds its task store.
 *
 * @example
 * ```ts
 * openTaskStore(join('out/capacity', TASK_STORE_DIR));
 * ```
 */
export const TASK_STORE_DIR = '.kmn';

/** Which share of a run's tasks a shard holds: shard `index` (1-based) of `count`. */
export interface ShardSpec {
  readonly index: number;
  readonly count: number;
}

/**
 * What a task store belongs to. Two stores hold tasks of the same run exactly when their
 * manifests agree on everything but `shard` and `shardTasks`.
 */
export interface RunManifest {
  readonly format: 'kmn-task-store';
  readonly formatVersion: number;
  readonly scenario: string;
  /** How the scenario was named on the command line: a built-in name or an absolute module path. */
  readonly source: string;
  readonly params: Record<string, unknown>;
  readonly seed: number;
  readonly trials: number;
  /** kmn version that ran the tasks. */
  readonly version: string;
  /** Tasks of the whole run. */
  readonly taskCount: number;
  /** The share of the tasks this store holds, or null for a whole run. */
  readonly shard: ShardSpec | null;
  /** Tasks this store must hold when it is finished (`taskCount` for a whole run). */
  readonly shardTasks: number;
}

/**
 * The identity of a run, as a string: manifests with equal identity describe the same run
 * (shards of one run share it).
 *
 * @example
 * ```ts
 * runIdentity(a) === runIdentity(b); // same scenario, parameters, seed, trials, version, format
 * ```
 */
export function runIdentity(m: RunManifest): string {
  return JSON.stringify([m.format, m.formatVersion, m.scenario, m.source, m.params, m.seed, m.trials, m.version, m.taskCount]);
}

/**
 * Names the first field in which two manifests differ (for one-line refusals), or undefined.
 *
 * @example
 * ```ts
 * manifestDifference(stored, wanted); // 'seed 5 vs 6'
 * ```
 */
export function manifestDifference(a: RunManifest, b: RunManifest): string | undefined {
  const fields = ['formatVersion', 'scenario', 'source', 'params', 'seed', 'trials', 'version', 'taskCount', 'shard'] as const;
  for (const f of fields) {
    const x = JSON.stringify(a[f]);
    const y = JSON.stringify(b[f]);
    if (x !== y) return `${f} ${x} vs ${y}`;
  }
  return undefined;
}

function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a directory; the rename itself is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Writes bytes durably and atomically: a temporary file in the same folder is written, fsynced
 * and renamed over `path`, and the folder is fsynced, so after a crash `path` holds either the
 * old or the new content, never a part.
 *
 * @example
 * ```ts
 * writeDurable('out/.kmn/tasks/3.v8', bytes);
 * ```
 */
export function writeDurable(path: string, content: string | Uint8Array): void {
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(tmp, path);
  fsyncDir(join(path, '..'));
}

/**
 * A run's task store: a folder (`<run dir>/.kmn`) holding `manifest.json` and one file per
 * finished task (`tasks/<index>.v8`, the node:v8 serialisation of
 * `{ formatVersion, index, result }`). Each task file is written atomically with fsync as the
 * task finishes, so an interrupted run keeps every finished task; resume, shard and merge all
 * read the same files.
 *
 * @example
 * ```ts
 * const store = createTaskStore('out/capacity/.kmn', manifest);
 * store.put(3, result);
 * store.finished(); // [3]
 * ```
 */
export interface TaskStore {
  readonly dir: string;
  readonly manifest: RunManifest;
  /** Persists the result of task `index` (durably, atomically). */
  put(index: number, result: unknown): void;
  /** Indices of the finished tasks, ascending. */
  finished(): number[];
  /** The stored result of task `index`. */
  get(index: number): unknown;
}

function taskPath(dir: string, index: number): string {
  return join(dir, 'tasks', `${index}.v8`);
}

function openStore(dir: string, manifest: RunManifest): TaskStore {
  return {
    dir,
    manifest,
    put(index, result) {
      writeDurable(taskPath(dir, index), serialize({ formatVersion: TASK_STORE_FORMAT, index, result }));
    },
    finished() {
      const names = existsSync(join(dir, 'tasks')) ? readdirSync(join(dir, 'tasks')) : [];
      const out: number[] = [];
      for (const name of names) {
        const m = /^(\d+)\.v8$/.exec(name);
        if (m) {
          const i = Number(m[1]);
          if (i < manifest.taskCount) out.push(i);
        } else if (name.endsWith('.tmp')) {
          rmSync(join(dir, 'tasks', name), { force: true });
        }
      }
      return out.sort((a, b) => a - b);
    },
    get(index) {
      const record = deserialize(readFileSync(taskPath(dir, index))) as { formatVersion: number; index: number; result: unknown };
      if (record.formatVersion !== TASK_STORE_FORMAT || record.index !== index) {
        throw new ParameterError('task store', `${taskPath(dir, index)} is not task ${index} in format ${TASK_STORE_FORMAT}`, 'remove the folder and run again');
      }
      return record.result;
    },
  };
}

/**
 * Creates an empty task store at `dir` (which must not exist) with its manifest.
 *
 * @example
 * ```ts
 * const store = createTaskStore(join(out, TASK_STORE_DIR), manifest);
 * ```
 */
export function createTaskStore(dir: string, manifest: RunManifest): TaskStore {
  mkdirSync(join(dir, 'tasks'), { recursive: true });
  writeDurable(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return openStore(dir, manifest);
}

/**
 * Reads the manifest of the task store at `dir`, or undefined when there is none.
 *
 * @throws {@link ParameterError} when the manifest is unreadable or of another format version.
 * @example
 * ```ts
 * const manifest = readManifest('out/capacity/.kmn');
 * ```
 */
export function readManifest(dir: string): RunManifest | undefined {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) return undefined;
  let m: RunManifest;
  try {
    m = JSON.parse(readFileSync(path, 'utf8')) as RunManifest;
  } catch {
    throw new ParameterError('task store', `${path} is not a kmn manifest`, 'remove the folder or choose another --out');
  }
  if (m?.format !== 'kmn-task-store') throw new ParameterError('task store', `${path} is not a kmn manifest`, 'remove the folder or choose another --out');
  if (m.formatVersion !== TASK_STORE_FORMAT) {
    throw new ParameterError('task store', `${path} has format version ${m.formatVersion}, this kmn reads ${TASK_STORE_FORMAT}`, 'rerun with the kmn version that wrote it, or start over in a new folder');
  }
  return m;
}

/**
 * Opens the existing task store at `dir`.
 *
 * @example
 * ```ts
 * const store = openTaskStore('out/capacity/.kmn');
 * ```
 */
export function openTaskStore(dir: string): TaskStore {
  const m = readManifest(dir);
  if (!m) throw new ParameterError('task store', `no manifest in ${dir}`, 'run without --resume first');
  return openStore(dir, m);
}

/**
 * Renames a file or folder, fsyncing the parent so the rename survives a crash.
 *
 * @example
 * ```ts
 * renameDurable('out/.run.staging-12', 'out/run');
 * ```
 */
export function renameDurable(from: string, to: string): void {
  renameSync(from, to);
  fsyncDir(join(to, '..'));
}
