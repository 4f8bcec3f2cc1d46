import { availableParallelism, loadavg } from 'node:os';
import { KmnError } from '../src/errors.js';
import { svgToPng } from '../src/report/svg-to-png.js';
import { writeRun } from '../src/report/write-run.js';
import { loadScenario } from '../src/scenario/load.js';
import { mergeShards } from '../src/scenario/merge-shards.js';
import { RunInterruptedError, TaskFailedError } from '../src/scenario/run-errors.js';
import type { ScenarioRun } from '../src/scenario/run-scenario.js';
import { runStored } from '../src/scenario/run-stored.js';
import type { Scenario } from '../src/scenario/scenario.js';
import { version } from '../src/version.js';
import { builtinScenarios } from '../scenarios/index.js';
import { parseArgs, type MergeArgs, type ProgressMode, type RunArgs } from './args.js';
import { createProgress } from './progress.js';
import { textTable } from './text-table.js';

/**
 * Exit statuses of `kmn` (documented in the usage text and docs/interrupt-and-resume.md).
 *
 * @example
 * ```ts
 * if ((await main(argv)) === EXIT.checksDiffer) console.log('a check differs from theory');
 * ```
 */
export const EXIT = {
  /** The run finished and every check agrees with theory. */
  ok: 0,
  /** The run failed: a task threw or exited, a worker crashed, a file could not be written. */
  failed: 1,
  /** A usage or parameter error, refused before any work. */
  usage: 2,
  /** The run finished but at least one check differs from theory. */
  checksDiffer: 3,
  /** Stopped by SIGINT (128 + 2); finished tasks are kept for --resume. */
  sigint: 130,
  /** Stopped by SIGTERM (128 + 15); finished tasks are kept for --resume. */
  sigterm: 143,
} as const;

const usage = `kmn ${version}: kernel memory networks

usage:
  kmn list                               list the scenarios
  kmn run <scenario|./file.ts> [options] run one
  kmn merge DIR... [--out DIR]           combine the shards of one run into its outputs
                                         (also --json, --quiet, --force, --png as for kmn run)

options of kmn run:
  --set key=value   a scenario parameter (lists comma-separated); repeatable
  --seed N          seed of the run (default 1)
  --trials N        independent trials
  --workers N       worker threads, at most the number of cores (default: the idle cores, cores minus
                    the load average, at least 1; the result does not depend on it)
  --out DIR         the run folder: outputs and the task store DIR/.kmn (default out/<scenario>)
  --resume          continue the interrupted run in --out, skipping finished tasks
  --force           start over although --out holds an unfinished run
  --shard k/K       run only shard k of K (1-based) into --out; combine with kmn merge
  --progress MODE   auto (bar on a terminal, plain lines otherwise), bar, plain or none
  --quiet, -q       no progress and no summary line on stderr
  --json            print the result object on stdout and nothing else
  --png             also write each figure as PNG (optional dependency @resvg/resvg-js)

exit status: 0 done, 1 the run failed, 2 bad usage or parameters (nothing was run),
3 done but a check differs from theory, 130/143 interrupted by SIGINT/SIGTERM (resume with --resume)`;

/** Output streams of the CLI (injectable for tests). */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const processIo: CliIo = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };

/**
 * The `kmn` command. Returns the exit status ({@link EXIT}): 0 on success, 1 when the run
 * failed, 2 for a usage or parameter error, 3 when a check differs from theory, 130/143 when
 * interrupted. Errors are one line; `KMN_DEBUG=1` adds the stack (a task's own stack included).
 *
 * @example
 * ```ts
 * process.exitCode = await main(['run', 'capacity', '--set', 'N=32']);
 * ```
 */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  try {
    const args = parseArgs(argv);
    // --png needs an optional renderer: find out before any work, not after the run.
    if ((args.command === 'run' || args.command === 'merge') && args.png) await svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>');
    switch (args.command) {
      case 'help':
        io.stdout(`${usage}\n`);
        return EXIT.ok;
      case 'version':
        io.stdout(`${version}\n`);
        return EXIT.ok;
      case 'list':
        await list(io);
        return EXIT.ok;
      case 'run':
        return await run(args, argv, io);
      case 'merge':
        return await merge(args, io);
    }
  } catch (error) {
    const e = error as Error;
    const message = (e?.message ?? String(error)).replace(/\s*\n\s*/g, ' ');
    io.stderr(`kmn: error: ${message}\n`);
    if (process.env.KMN_DEBUG && e?.stack) io.stderr(`${e.stack}\n`);
    return error instanceof TaskFailedError || !(error instanceof KmnError) ? EXIT.failed : EXIT.usage;
  }
}

async function list(io: CliIo): Promise<void> {
  const rows: string[] = [];
  for (const name of Object.keys(builtinScenarios)) {
    const { scenario } = await loadScenario(name, builtinScenarios);
    rows.push(`${name.padEnd(20)} ${scenario.description}`);
  }
  io.stdout(`${rows.join('\n')}\n`);
}

function progressMode(mode: ProgressMode): 'bar' | 'plain' | 'none' {
  if (mode !== 'auto') return mode;
  return process.stderr.isTTY ? 'bar' : 'plain';
}

/**
 * The default worker count: the cores left idle by other processes (cores minus the 1-minute
 * load average, rounded, at least 1). On a busy 2-core machine a second worker did not help
 * (docs/interrupt-and-resume.md, "Workers"); on an idle one it nearly halves the time.
 *
 * @example
 * ```ts
 * defaultWorkers(); // 1 on a loaded 2-core machine, 2 on an idle one
 * ```
 */
export function defaultWorkers(cores = availableParallelism(), load = loadavg()[0]!): number {
  return Math.max(1, Math.min(cores, Math.round(cores - load)));
}

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Stops the run on SIGINT/SIGTERM through an AbortSignal; a second signal exits at once. */
function interruptOnSignals(): { signal: AbortSignal; release(): void } {
  const controller = new AbortController();
  const handler = (sig: NodeJS.Signals): void => {
    if (controller.signal.aborted) process.exit(sig === 'SIGINT' ? EXIT.sigint : EXIT.sigterm);
    controller.abort(new Error(sig));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    release() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}

async function run(args: RunArgs, argv: readonly string[], io: CliIo): Promise<number> {
  const { scenario, moduleUrl, source } = await loadScenario(args.scenario, builtinScenarios);
  const mode = progressMode(args.progress);
  const label = args.shard ? `${scenario.name} shard ${args.shard.index}/${args.shard.count}` : scenario.name;
  const progress = createProgress(label, { mode });
  const out = args.out ?? `out/${scenario.name}`;
  const started = Date.now();
  const stop = interruptOnSignals();
  let stored;
  try {
    stored = await runStored(scenario, {
      params: args.sets,
      ...(args.seed !== undefined && { seed: args.seed }),
      ...(args.trials !== undefined && { trials: args.trials }),
      workers: args.workers ?? defaultWorkers(),
      moduleUrl,
      source,
      out,
      resume: args.resume,
      force: args.force,
      ...(args.shard !== undefined && { shard: args.shard }),
      signal: stop.signal,
      write: (dir, r) => writeRun(dir, r, { description: scenario.description, png: args.png }),
      onProgress: (p) => progress.update(p),
      // In logs, say at once what this run will do (the periodic lines follow every 10 s).
      onStart: ({ pending, finished, total }) => {
        if (mode === 'plain') io.stderr(`kmn: ${label}: ${pending} of ${total} tasks to run${finished > 0 ? ` (${finished} kept from before)` : ''}, into ${out}\n`);
      },
    });
  } catch (error) {
    progress.done();
    if (!(error instanceof RunInterruptedError)) throw error;
    const again = [...argv.filter((a) => a !== '--resume' && a !== '--force'), '--resume'];
    if (!argv.some((a) => a === '--out' || a.startsWith('--out='))) again.push('--out', out);
    io.stderr(`kmn: ${error.message}; they are kept in ${out}. Resume with: kmn ${again.map(shellQuote).join(' ')}\n`);
    return error.reason === 'SIGTERM' ? EXIT.sigterm : EXIT.sigint;
  } finally {
    stop.release();
  }
  progress.done();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (!stored.run) {
    if (mode !== 'none') io.stderr(`kmn: shard ${args.shard!.index}/${args.shard!.count} finished (${stored.ran} tasks run, ${stored.skipped} resumed) in ${out} in ${seconds} s; combine all shards with kmn merge\n`);
    return EXIT.ok;
  }
  return report(scenario, stored.run, out, args.json, mode, io, `${stored.ran} tasks run${stored.skipped > 0 ? `, ${stored.skipped} resumed` : ''}, ${seconds} s`);
}

function report(scenario: Scenario, runResult: ScenarioRun, out: string, json: boolean, mode: string, io: CliIo, note: string): number {
  const { result, output } = runResult;
  if (json) {
    io.stdout(`${JSON.stringify(result)}\n`);
  } else {
    io.stdout(`${scenario.name}: ${scenario.description}\n\n${textTable(result.rows)}\n`);
    if (output.checks.length > 0) {
      io.stdout('\nmeasured against theory:\n');
      for (const c of output.checks) io.stdout(`  [${c.pass ? 'ok' : 'DIFFERS'}] ${c.claim}: measured ${fmt(c.measured)}, theory ${fmt(c.theory)} (${c.criterion})\n`);
    }
  }
  if (mode !== 'none') io.stderr(`kmn: wrote ${out}/report.md and ${out}/result.json (${note})\n`);
  const differ = output.checks.filter((c) => !c.pass).length;
  if (differ > 0) {
    io.stderr(`kmn: ${differ} of ${output.checks.length} checks differ from theory (exit status ${EXIT.checksDiffer}); see ${out}/report.md\n`);
    return EXIT.checksDiffer;
  }
  return EXIT.ok;
}

async function merge(args: MergeArgs, io: CliIo): Promise<number> {
  let loaded: Scenario | undefined;
  const started = Date.now();
  const { dir, run: merged } = await mergeShards(args.dirs, {
    ...(args.out !== undefined && { out: args.out }),
    force: args.force,
    load: async (source) => {
      loaded = (await loadScenario(source, builtinScenarios)).scenario;
      return loaded;
    },
    write: (staging, r) => writeRun(staging, r, { description: loaded!.description, png: args.png }),
  });
  const mode = args.progress === 'none' ? 'none' : 'plain';
  return report(loaded!, merged, args.out ?? dir, args.json, mode, io, `${args.dirs.length} shards merged, ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function fmt(v: number | string): string {
  return typeof v === 'number' ? Number(v.toPrecision(4)).toString() : v;
}
