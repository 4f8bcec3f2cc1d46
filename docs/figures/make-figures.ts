/**
 * Regenerates the figures in docs/figures from the default runs of the built-in scenarios
 * (seed 1, default parameters and trials; the numbers match docs/reproduce-the-paper.md).
 *
 *   npm run figures                    # every figure (minutes: the default capacity run takes most)
 *   npm run figures -- capacity basins # only these scenarios
 *
 * Each figure is written as `<scenario>-<plot>.svg` beside its Vega-Lite spec `.vl.json`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderPlot } from '../../src/report/render-plot.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run-scenario.js';
import { builtinScenarios } from '../../scenarios/index.js';

/** The scenarios and plots shown in the docs (the zero-temperature sphere map equals Exp_beta's). */
const shown: Record<string, readonly string[]> = {
  capacity: ['alpha-vs-n-linear'],
  basins: ['recall-vs-noise'],
  'hebbian-crosstalk': ['bit-error-vs-load'],
  'sdm-kernel': ['sdm-error-vs-nphi', 'sdm-kernel-curve-hypercube', 'sdm-kernel-curve-hypersphere', 'sdm-capacity'],
  dendrites: ['dendrites-capacity'],
  'continuous-recall': ['recall-vs-sigma2-N64', 'capacity-vs-n'],
  'sphere-basins': ['basins-exp-beta', 'basins-softmax'],
};

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
mkdirSync(here, { recursive: true });
for (const [name, plots] of Object.entries(shown)) {
  if (only.length > 0 && !only.includes(name)) continue;
  const started = Date.now();
  const { scenario, moduleUrl } = await loadScenario(name, builtinScenarios);
  const run = await runScenario(scenario, { seed: 1, workers: availableParallelism(), moduleUrl });
  for (const stem of plots) {
    const plot = run.output.plots.find((p) => p.name === stem);
    if (!plot) throw new Error(`${name} has no plot "${stem}" (it has ${run.output.plots.map((p) => p.name).join(', ')})`);
    const { svg, specJson } = await renderPlot(plot);
    writeFileSync(join(here, `${name}-${stem}.svg`), svg);
    writeFileSync(join(here, `${name}-${stem}.vl.json`), specJson);
  }
  process.stderr.write(`figures: ${name} in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
}
