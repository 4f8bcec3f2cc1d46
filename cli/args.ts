import { ParameterError } from '../src/errors.js';

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
}

/** Any parsed command line. */
export type CliArgs = RunArgs | { readonly command: 'list' } | { readonly command: 'help' } | { readonly command: 'version' };

function integerFlag(flag: string, value: string | undefined): number {
  if (value === undefined || !/^\d+$/.test(value)) throw new ParameterError(flag, `expects a non-negative integer, got ${JSON.stringify(value ?? '')}`, `pass e.g. ${flag} 2`);
  return Number(value);
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
  if (command !== 'run') throw new ParameterError('command', `unknown command "${command}"`, 'use `kmn list` or `kmn run <scenario>`');
  const sets: Record<string, string> = {};
  let scenario: string | undefined;
  let seed: number | undefined;
  let trials: number | undefined;
  let workers: number | undefined;
  let out: string | undefined;
  let json = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') && !arg.startsWith('--set=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? rest[++i];
    switch (flag) {
      case '--set':
      case '-s': {
        const kv = value();
        const eq = kv?.indexOf('=') ?? -1;
        if (!kv || eq <= 0) throw new ParameterError('--set', `expects key=value, got ${JSON.stringify(kv ?? '')}`, 'write e.g. --set N=64,128');
        sets[kv.slice(0, eq)] = kv.slice(eq + 1);
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
      case '--out': {
        const v = value();
        if (!v) throw new ParameterError('--out', 'expects a directory', 'write e.g. --out out/run1');
        out = v;
        break;
      }
      case '--json':
        json = true;
        break;
      default:
        if (arg.startsWith('-')) throw new ParameterError(arg, 'is not an option of `kmn run`', 'use --set, --seed, --trials, --workers, --out or --json');
        if (scenario !== undefined) throw new ParameterError('scenario', `given twice ("${scenario}" and "${arg}")`, 'run one scenario at a time');
        scenario = arg;
    }
  }
  if (scenario === undefined) throw new ParameterError('scenario', 'missing', 'write `kmn run <scenario>`; `kmn list` shows them');
  return { command: 'run', scenario, sets, json, ...(seed !== undefined && { seed }), ...(trials !== undefined && { trials }), ...(workers !== undefined && { workers }), ...(out !== undefined && { out }) };
}
