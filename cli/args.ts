import { ParameterError } from '../src/errors.js';
import { parseShard } from '../src/scenario/shard.js';
import type { ShardSpec } from '../src/scenario/task-store.js';

/** How progress is shown on stderr. */
export type ProgressMode = 'auto' | 'bar' | 'plain' | 'none';

/** Parsed `kmn run` options. */
export interface RunArgs {
  readonly command: 'run';
  readonly scenario: string;
  readonly sets: Record<string, string>;
  readonly seed?: number;
  readonly trials?: number;
  readonly workers?: number;
  readonly out?: string;
  readonly json: boolean;
  readonly resume: boolean;
  readonly force: boolean;
  readonly shard?: ShardSpec;
  readonly progress: ProgressMode;
  /** Also write each figure as PNG (needs the optional renderer @resvg/resvg-js). */
  readonly png: boolean;
}

/** Parsed `kmn merge` options. */
export interface MergeArgs {
  readonly command: 'merge';
  readonly dirs: readonly string[];
  readonly out?: string;
  readonly json: boolean;
  readonly force: boolean;
  readonly progress: ProgressMode;
  readonly png: boolean;
}

/** Any parsed command line. */
export type CliArgs = RunArgs | MergeArgs | { readonly command: 'list' } | { readonly command: 'help' } | { readonly command: 'version' };

function integerFlag(flag: string, value: string | undefined): number {
  if (value === undefined || !/^\d{1,15}$/.test(value)) throw new ParameterError(flag, `expects a non-negative integer (at most 15 digits), got ${JSON.stringify(value ?? '')}`, `pass e.g. ${flag} 2`);
  return Number(value);
}

function progressFlag(value: string | undefined): ProgressMode {
  if (value === 'auto' || value === 'bar' || value === 'plain' || value === 'none') return value;
  throw new ParameterError('--progress', `expects auto, bar, plain or none, got ${JSON.stringify(value ?? '')}`, 'write e.g. --progress plain');
}

function splitFlag(arg: string): [string, string | undefined] {
  return arg.startsWith('--') && arg.includes('=') && !arg.startsWith('--set=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
}

function outFlag(v: string | undefined): string {
  if (!v || v.startsWith('-') || v.includes('\0')) throw new ParameterError('--out', `expects a folder, got ${JSON.stringify(v ?? '')}`, 'write e.g. --out out/run1');
  return v;
}

/**
 * Parses the `kmn` command line.
 *
 * @throws {@link ParameterError} on unknown flags, malformed `--set`, or missing values.
 * @example
 * ```ts
 * parseArgs(['run', 'capacity', '--set', 'N=32,64', '--seed', '3']);
 * ```
 */
export function parseArgs(argv: readonly string[]): CliArgs {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return { command: 'help' };
  if (command === 'version' || command === '--version') return { command: 'version' };
  if (command === 'list') {
    if (rest.length > 0) throw new ParameterError('list', `takes no arguments, got ${rest.join(' ')}`, 'run `kmn list`');
    return { command: 'list' };
  }
  if (command === 'merge') return parseMerge(rest);
  if (command !== 'run') throw new ParameterError('command', `unknown command ${JSON.stringify(command)}`, 'use `kmn list`, `kmn run <scenario>` or `kmn merge DIR...`');
  const sets: Record<string, string> = {};
  let scenario: string | undefined;
  let seed: number | undefined;
  let trials: number | undefined;
  let workers: number | undefined;
  let out: string | undefined;
  let shard: ShardSpec | undefined;
  let json = false;
  let resume = false;
  let force = false;
  let png = false;
  let progress: ProgressMode = 'auto';
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const [flag, inline] = splitFlag(arg);
    const value = (): string | undefined => inline ?? rest[++i];
    const noValue = (): void => {
      if (inline !== undefined) throw new ParameterError(flag, `takes no value, got ${JSON.stringify(inline)}`, `write just ${flag}`);
    };
    switch (flag) {
      case '--set':
      case '-s': {
        const kv = value();
        const eq = kv?.indexOf('=') ?? -1;
        if (!kv || eq <= 0) throw new ParameterError('--set', `expects key=value, got ${JSON.stringify(kv ?? '')}`, 'write e.g. --set N=64,128');
        const key = kv.slice(0, eq);
        if (Object.prototype.hasOwnProperty.call(sets, key)) throw new ParameterError(key, `is set twice (--set ${key}=${sets[key]} and --set ${kv})`, 'give each parameter once');
        if (key === '__proto__' || key === 'constructor' || key === 'prototype') throw new ParameterError(key, 'is not a parameter name', 'see `kmn list` for the parameters');
        sets[key] = kv.slice(eq + 1);
        break;
      }
      case '--seed':
        seed = integerFlag('--seed', value());
        break;
      case '--trials':
        trials = integerFlag('--trials', value());
        break;
      case '--workers':
        workers = integerFlag('--workers', value());
        break;
      case '--out':
        out = outFlag(value());
        break;
      case '--shard': {
        const v = value();
        shard = parseShard(v ?? '');
        break;
      }
      case '--progress':
        progress = progressFlag(value());
        break;
      case '--quiet':
      case '-q':
        noValue();
        progress = 'none';
        break;
      case '--json':
        noValue();
        json = true;
        break;
      case '--png':
        noValue();
        png = true;
        break;
      case '--resume':
        noValue();
        resume = true;
        break;
      case '--force':
        noValue();
        force = true;
        break;
      default:
        if (arg.startsWith('-')) throw new ParameterError(arg, 'is not an option of `kmn run`', 'use --set, --seed, --trials, --workers, --out, --resume, --force, --shard, --progress, --quiet, --png or --json');
        if (scenario !== undefined) throw new ParameterError('scenario', `given twice (${JSON.stringify(scenario)} and ${JSON.stringify(arg)})`, 'run one scenario at a time');
        scenario = arg;
    }
  }
  if (scenario === undefined) throw new ParameterError('scenario', 'missing', 'write `kmn run <scenario>`; `kmn list` shows them');
  if (resume && force) throw new ParameterError('--force', 'contradicts --resume', 'pass --resume to continue a run, or --force to start it over');
  return {
    command: 'run', scenario, sets, json, resume, force, progress, png,
    ...(seed !== undefined && { seed }), ...(trials !== undefined && { trials }), ...(workers !== undefined && { workers }), ...(out !== undefined && { out }), ...(shard !== undefined && { shard }),
  };
}

function parseMerge(rest: readonly string[]): MergeArgs {
  const dirs: string[] = [];
  let out: string | undefined;
  let json = false;
  let force = false;
  let png = false;
  let progress: ProgressMode = 'auto';
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const [flag, inline] = splitFlag(arg);
    switch (flag) {
      case '--out':
        out = outFlag(inline ?? rest[++i]);
        break;
      case '--json':
        json = true;
        break;
      case '--force':
        force = true;
        break;
      case '--png':
        png = true;
        break;
      case '--quiet':
      case '-q':
        progress = 'none';
        break;
      default:
        if (arg.startsWith('-')) throw new ParameterError(arg, 'is not an option of `kmn merge`', 'use --out, --force, --quiet, --png or --json');
        dirs.push(arg);
    }
  }
  if (dirs.length === 0) throw new ParameterError('merge', 'needs the shard folders', 'write `kmn merge DIR1 DIR2 ... --out DIR`');
  return { command: 'merge', dirs, json, force, progress, png, ...(out !== undefined && { out }) };
}
