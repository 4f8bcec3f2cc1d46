import { availableParallelism } from 'node:os';
import { KmnError } from '../src/errors.js';
import { writeRun } from '../src/report/write-run.js';
import { loadScenario } from '../src/scenario/load.js';
import { runScenario } from '../src/scenario/run-scenario.js';
import { version } from '../src/version.js';
import { builtinScenarios } from '../scenarios/index.js';
import { parseArgs, type RunArgs } from './args.js';
import { progressBar } from './progress.js';
import { textTable } from './text-table.js';

const usage = `kmn ${version}: kernel memory networks

usage:
  kmn list                               list the scenarios
  kmn run <scenario|./file.ts> [options] run one

options:
  --set key=value   a scenario parameter (lists comma-separated); repeatable
  --seed N          seed of the run (default 1)
  --trials N        independent trials
  --workers N       worker threads (default: all cores; the result does not depend on it)
  --out DIR         where to write result.json, CSV, SVG and report.md (default out/<scenario>)
  --json            print the result object on stdout and nothing else`;

/** Output streams of the CLI (injectable for tests). */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const processIo: CliIo = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };

/**
 * The `kmn` command. Returns the exit code: 0 on success, 2 for a usage or parameter error
 * (printed in one line), 1 for any other failure (also one line; `KMN_DEBUG=1` adds the stack).
 *
 * @example
 * ```ts
 * process.exitCode = await main(['run', 'capacity', '--set', 'N=32']);
 * ```
 */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  try {
    const args = parseArgs(argv);
    switch (args.command) {
      case 'help':
        io.stdout(`${usage}\n`);
        return 0;
      case 'version':
        io.stdout(`${version}\n`);
        return 0;
      case 'list':
        await list(io);
        return 0;
      case 'run':
        await run(args, io);
        return 0;
    }
  } catch (error) {
    const e = error as Error;
    const message = (e?.message ?? String(error)).replace(/\s*\n\s*/g, ' ');
    io.stderr(`kmn: error: ${message}\n`);
    if (process.env.KMN_DEBUG && e?.stack) io.stderr(`${e.stack}\n`);
    return error instanceof KmnError ? 2 : 1;
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

async function run(args: RunArgs, io: CliIo): Promise<void> {
  const { scenario, moduleUrl } = await loadScenario(args.scenario, builtinScenarios);
  const bar = progressBar(scenario.name);
  const started = Date.now();
  const runResult = await runScenario(scenario, {
    params: args.sets,
    ...(args.seed !== undefined && { seed: args.seed }),
    ...(args.trials !== undefined && { trials: args.trials }),
    workers: args.workers ?? availableParallelism(),
    moduleUrl,
    onProgress: (done, total) => bar.update(done, total),
  });
  bar.done();
  const out = args.out ?? `out/${scenario.name}`;
  await writeRun(out, runResult, { description: scenario.description });
  const { result, output } = runResult;
  if (args.json) {
    io.stdout(`${JSON.stringify(result)}\n`);
  } else {
    io.stdout(`${scenario.name}: ${scenario.description}\n\n${textTable(result.rows)}\n`);
    if (output.checks.length > 0) {
      io.stdout('\nmeasured against theory:\n');
      for (const c of output.checks) io.stdout(`  [${c.pass ? 'ok' : 'DIFFERS'}] ${c.claim}: measured ${fmt(c.measured)}, theory ${fmt(c.theory)} (${c.criterion})\n`);
    }
  }
  io.stderr(`kmn: wrote ${out}/report.md and ${out}/result.json in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

function fmt(v: number | string): string {
  return typeof v === 'number' ? Number(v.toPrecision(4)).toString() : v;
}
