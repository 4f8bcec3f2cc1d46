import { createRng } from '../../src/rng/rng.js';
import { runSchedule } from '../../src/network/schedule.js';
import { exactFieldEngine, exactMemory, featureFieldEngine, featureMemory, randomFeatureMap, type EnergyFieldEngine } from '../../src/features/index.js';
import { meets, medianMs, type BenchRow } from './bench-row.js';

/**
 * Issue 16: per-update cost of the binary random-feature memory (O(Y), independent of M) against
 * the exact dense memory (O(M)) on the same energy, at several M around M = 10 Y' for Y' = 256
 * sin-cos projections (d = 100, beta = 10, patterns in {0, 1}/sqrt(d)). Each ratio is measured in
 * this run: exact time per update / random-feature time per update. The crossover M (ratio 1) is
 * interpolated log-linearly between the measured M.
 */
export default async function randomFeaturesBench(): Promise<BenchRow[]> {
  const d = 100;
  const yPrime = 256;
  const beta = 10;
  const ms = [yPrime / 4, yPrime, 4 * yPrime, 10 * yPrime, 40 * yPrime];
  const rng = createRng(16);
  const bits = Int8Array.from({ length: ms[ms.length - 1]! * d }, () => rng.bipolar());
  const X = Float64Array.from(bits, (b) => (b > 0 ? 1 / Math.sqrt(d) : 0));
  const cue = Int8Array.from({ length: d }, () => rng.bipolar());
  /**
   * Milliseconds per single-neuron update: 10 random-permutation sweeps at a high Glauber temperature (about
   * half the updates flip, the run never settles), so the O(d M) or O(d Y) reset is amortised over 1000 updates.
   */
  const perUpdate = (engine: EnergyFieldEngine): number => {
    let updates = 0;
    const ms = medianMs(() => { updates = runSchedule(engine, cue, { schedule: 'random-permutation', temperature: 1e3, rng: createRng(3), maxSweeps: 10 }).updates; }, 15, 5);
    return ms / updates;
  };
  const map = randomFeatureMap({ kind: 'sin-cos', features: yPrime, dim: d, beta, rng: createRng(17) });
  const rows: BenchRow[] = [];
  const ratios: number[] = [];
  for (const m of ms) {
    const patterns = X.subarray(0, m * d);
    const rf = perUpdate(featureFieldEngine({ memory: featureMemory({ map, patterns }) }));
    const exact = perUpdate(exactFieldEngine({ memory: exactMemory({ dim: d, beta, patterns }) }));
    const ratio = exact / rf;
    ratios.push(ratio);
    const main = m === 10 * yPrime;
    rows.push({
      name: `binary update, exact / random features (sin-cos Y'=${yPrime}, d=${d}) at M=${m}${main ? ' = 10 Y\'' : ''}`,
      ratio,
      ...(main ? { target: '>= 2', pass: meets(ratio, '>= 2') } : {}),
      exactUs: 1000 * exact,
      featuresUs: 1000 * rf,
    });
  }
  let crossover = NaN;
  for (let k = 1; k < ms.length; k++) {
    if (ratios[k - 1]! < 1 && ratios[k]! >= 1) {
      const f = -Math.log(ratios[k - 1]!) / (Math.log(ratios[k]!) - Math.log(ratios[k - 1]!));
      crossover = Math.exp(Math.log(ms[k - 1]!) + f * (Math.log(ms[k]!) - Math.log(ms[k - 1]!)));
    }
  }
  // Informational: the measured crossover M (exact as fast as random features); NaN if outside the range measured.
  rows.push({ name: `crossover M (exact update as fast as random features, Y'=${yPrime} sin-cos)`, ratio: crossover / yPrime, crossoverM: crossover });
  return rows;
}
