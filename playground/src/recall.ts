import {
  denseEnergy, energyMonitor, networkEnergy, overlapMonitor, patternRow, rasterMonitor, simulation, specRunOptions,
  type EnergyFunction, type NetworkSpec, type RecurrentNetwork, type RunResult,
} from 'kmn';

/** A recall run as the spike bus reported it, with per-flip overlaps and energies for the replay. */
export interface RecallRecording {
  readonly n: number;
  readonly m: number;
  readonly cue: Int8Array;
  readonly result: RunResult;
  /** Flips in order (from `spikes$`, via the raster monitor): update index, neuron, new state. */
  readonly time: Float64Array;
  readonly neuron: Int32Array;
  readonly state: Int8Array;
  /** Update count at the end (the x range of the plots). */
  readonly duration: number;
  /** Overlaps `m^mu = xi^mu . s / N` after flip k (row k + 1; row 0 is the cue), flip-major. */
  readonly overlaps: Float64Array;
  /** Energy after each flip (index k + 1; 0 is the cue), or null if not computed per flip. */
  readonly energy: Float64Array | null;
  /** Energy after each step from the energy monitor (`steps$`), with the update count at its end. */
  readonly stepEnergy: { updates: number; energy: number }[];
  /** What the energy is: the network's Lyapunov function, or the A = 1 reference. */
  readonly energyLabel: string;
  /** Overlaps after each step from the overlap monitor (`steps$`). */
  readonly stepOverlaps: { step: number; overlaps: number[] }[];
}

/**
 * Runs recall from `cue` with the spec's run options (trial stream `seed / run / trial`, exactly what
 * `specRunOptions` gives in Node) and records the spike bus: the raster monitor (`spikes$`), the
 * overlap and energy monitors (`steps$`). Per-flip overlaps follow from the flips exactly
 * (`h^mu += 2 xi_j^mu s_j`, integers); per-flip energies are evaluated when that costs under ~3e7 operations.
 */
export function recordRecall(network: RecurrentNetwork, spec: NetworkSpec, cue: Int8Array, trial: number): RecallRecording {
  const n = network.size;
  const X = network.patterns;
  const m = X.count;
  let energy: EnergyFunction;
  let energyLabel: string;
  try {
    energy = networkEnergy(network);
    energyLabel = 'Lyapunov energy E(s) of this network';
  } catch {
    // Trained coefficients that depend on the neuron have no Lyapunov function (DESIGN.md section 5).
    energy = denseEnergy(X, network.kernel);
    energyLabel = 'reference energy with A = 1 (trained A: not a Lyapunov function)';
  }
  const sim = simulation(network);
  const maxSweeps = spec.run.maxSweeps;
  const raster = rasterMonitor(sim, { capacity: n * maxSweeps + 1 });
  const overlapsMon = overlapMonitor(sim, { patterns: X, capacity: maxSweeps + 1 });
  const energyMon = energyMonitor(sim, { energy, capacity: maxSweeps + 1 });
  const result = sim.run(cue, specRunOptions(spec, trial));
  sim.stop();
  const events = raster.events();
  const k = events.length;
  // Poisson time is in units of N updates (rate-1 clocks); synchronous events carry their step index.
  const perUpdate = spec.run.schedule === 'poisson' || spec.run.schedule === 'synchronous' ? n : 1;
  const time = new Float64Array(k);
  const neuron = new Int32Array(k);
  const state = new Int8Array(k);
  for (let e = 0; e < k; e++) {
    time[e] = events[e]!.time * perUpdate;
    neuron[e] = events[e]!.neuron;
    state[e] = events[e]!.state;
  }
  // Integer overlaps h^mu = xi^mu . s, updated by 2 xi_j^mu s_j per flip, divided by N when stored:
  // exact, so a retrieved pattern shows overlap exactly 1.
  const overlaps = new Float64Array((k + 1) * m);
  const h = new Int32Array(m);
  const s = Int8Array.from(cue);
  for (let mu = 0; mu < m; mu++) {
    const row = patternRow(X, mu);
    for (let j = 0; j < n; j++) h[mu] = h[mu]! + row[j]! * s[j]!;
    overlaps[mu] = h[mu]! / n;
  }
  const data = X.data;
  for (let e = 0; e < k; e++) {
    const j = neuron[e]!;
    for (let mu = 0; mu < m; mu++) {
      h[mu] = h[mu]! + 2 * data[mu * n + j]! * state[e]!;
      overlaps[(e + 1) * m + mu] = h[mu]! / n;
    }
  }
  let energyPerFlip: Float64Array | null = null;
  if ((k + 1) * n * m < 3e7) {
    energyPerFlip = new Float64Array(k + 1);
    energyPerFlip[0] = energy(s);
    for (let e = 0; e < k; e++) {
      s[neuron[e]!] = state[e]!;
      energyPerFlip[e + 1] = energy(s);
    }
  }
  const stepEnergy = [{ updates: 0, energy: energy(cue) }, ...energyMon.records().map((r) => ({ updates: r.step * n /* a step is N updates: one sweep, or one synchronous update of all N */, energy: r.energy }))];
  return {
    n, m, cue, result, time, neuron, state, duration: Math.max(result.sweeps * n, k > 0 ? time[k - 1]! : 0), overlaps, energy: energyPerFlip, stepEnergy, energyLabel,
    stepOverlaps: overlapsMon.records(),
  };
}

/** The stored pattern with the largest overlap with the final state, and that overlap. */
export function retrieved(rec: RecallRecording): { pattern: number; overlap: number } {
  const k = rec.time.length;
  let best = 0;
  for (let mu = 1; mu < rec.m; mu++) if (rec.overlaps[k * rec.m + mu]! > rec.overlaps[k * rec.m + best]!) best = mu;
  return { pattern: best, overlap: rec.overlaps[k * rec.m + best]! };
}
