/**
 * Reproduces in Node what the playground showed, from the JSON spec it downloads ("Download spec"):
 * the trained network (loaded from the embedded kmn snapshot with `loadNetwork`, and retrained from
 * the `NetworkSpec` with `buildNetwork` to show both agree), the recall from the saved cue with the
 * spec's run options (`specRunOptions(spec, 0)`, the stream the page uses), and with `--sweep` the
 * capacity sweep (the same `capacitySweep` the page's Web Worker runs).
 *
 * Run: npx tsx --tsconfig playground/tsconfig.json playground/reproduce.ts kmn-playground-seed1.json [--sweep]
 */
import { readFileSync } from 'node:fs';
import { bipolarPatterns, buildNetwork, loadNetwork, networkSpec, overlapMonitor, simulation, specRunOptions } from 'kmn';
import { capacitySweep } from './src/capacity-sweep.js';
import { stateFromJson, sweepOptions, type PageStateJson } from './src/page-state.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: reproduce.ts <kmn-playground JSON> [--sweep]');
  process.exit(2);
}
const json = JSON.parse(readFileSync(file, 'utf8')) as PageStateJson & { network?: unknown };
const state = stateFromJson(json);
const spec = networkSpec(json.spec);
const n = state.width * state.height;
const data = new Int8Array(state.patterns.length * n);
state.patterns.forEach((p, mu) => data.set(p, mu * n));
const X = bipolarPatterns(data, { count: state.patterns.length, dim: n });
console.log(`${X.count} patterns of ${state.width} x ${state.height}; kernel ${spec.kernel.name} ${JSON.stringify(spec.kernel.params)}, rule ${spec.rule?.name ?? 'none'}, seed ${spec.seed}`);

const rebuilt = buildNetwork(spec, X);
const network = json.network ? loadNetwork(JSON.stringify(json.network)).network : rebuilt.network;
if (json.network) {
  const same = rebuilt.network.alpha.every((a, k) => a === network.alpha[k]) && rebuilt.network.theta.every((t, k) => t === network.theta[k]);
  console.log(`snapshot loaded; retraining from the spec gives ${same ? 'bit-identical' : 'DIFFERENT'} coefficients`);
}
const reports = rebuilt.training?.reports ?? [];
console.log(`training: ${reports.filter((r) => r.converged).length}/${n} converged, ${reports.filter((r) => r.separates).length}/${n} store every pattern`);

if (state.cue) {
  const sim = simulation(network);
  const overlaps = overlapMonitor(sim, { patterns: X, capacity: spec.run.maxSweeps + 1 });
  const result = sim.run(state.cue, specRunOptions(spec, 0));
  console.log(`recall (${spec.run.schedule}, T = ${spec.run.temperature}): converged ${result.converged} after ${result.sweeps} sweeps, ${result.flips} flips`);
  for (const { step, overlaps: m } of overlaps.records()) console.log(`  sweep ${step}: overlaps ${m.map((v) => v.toFixed(3)).join(' ')}`);
}

if (process.argv.includes('--sweep')) {
  const options = sweepOptions(state);
  console.log(`capacity sweep: N = ${options.N}, ${options.trials} trials, rule ${options.rule.name}, kernel ${options.kernel.name}`);
  console.log('M\tload\tneurons separating\tnetworks storing all\tCover P(M, d)\tP(M, d)^N');
  for (const p of capacitySweep(options)) {
    console.log(`${p.M}\t${p.load.toFixed(3)}\t${p.separatingNeurons}/${p.neurons}\t${p.storedTrials}/${p.trials}\t${p.coverNeuron?.toFixed(4) ?? '-'}\t${p.coverNetwork?.toFixed(4) ?? '-'}`);
  }
}
