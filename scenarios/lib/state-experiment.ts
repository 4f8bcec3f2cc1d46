import { bipolarPatterns, patternRow } from '../../src/patterns/pattern-set.js';
import { randomBipolar } from '../../src/patterns/generate.js';
import { prototypeNoise } from '../../src/patterns/structured.js';
import { recurrentNetwork } from '../../src/network/recurrent-network.js';
import type { Rng } from '../../src/rng/rng.js';
import { energyProfile, normalisedProfile, sortedProfile, stabilityRatio } from '../../src/states/energy-profile.js';
import { labelStates, type StateClass } from '../../src/states/label-states.js';
import { train } from '../../plasticity/index.js';
import { scenarioKernel, scenarioRule, type ScenarioKernel, type ScenarioRule } from './rules.js';

/** One prototype-regime network: what it learns, how it is trained, how it is probed. */
export interface PrototypeRegime {
  /** Neurons N. */
  readonly N: number;
  /** Prototypes P. */
  readonly P: number;
  /** Noisy examples per prototype K (the network learns all P K examples). */
  readonly K: number;
  /** Each entry of an example is flipped with this probability. */
  readonly noise: number;
  /** Further random (non-example) patterns learned beside the examples (McAlister et al. 2024). */
  readonly R: number;
  /** Random probes relaxed per network. */
  readonly probes: number;
  /** Learning rule (`hebbian` is the classical A = 1 rule). */
  readonly rule: ScenarioRule;
  /** Dendritic kernel (`linear` with `hebbian` is the classical Hopfield network; `poly` is a dense memory). */
  readonly kernel: ScenarioKernel;
  readonly degree: number;
  readonly temperature: number;
  /** Prototype states lie within `round(prototypeRadius * N)` of a prototype. */
  readonly prototypeRadius: number;
  /** Epoch limit for trained rules. */
  readonly maxEpochs: number;
  /** Sweep limit of a relaxation. */
  readonly maxSweeps: number;
}

/** The stable states of one network, each with its label and features. */
export interface NetworkStates {
  /** Number of distinct stable states (up to sign). */
  readonly count: number;
  /** Class index per state (0 learned, 1 prototype, 2 spurious: the order of `stateClasses`). */
  readonly classes: Int32Array;
  /** Per state: 1 if the spurious state is a three-pattern mixture. */
  readonly mixture: Uint8Array;
  /** Sorted energy profiles, state-major (count x N). */
  readonly sorted: Float64Array;
  /** Normalised sorted profiles (count x N). */
  readonly normalised: Float64Array;
  /** Stability ratio per state. */
  readonly ratio: Float64Array;
  /** Largest |overlap| / N with a prototype, per state. */
  readonly prototypeOverlap: Float64Array;
  /** Probes that ended in a fixed point, and the number of probes. */
  readonly converged: number;
  readonly probes: number;
}

const classIndex: Readonly<Record<StateClass, number>> = { learned: 0, prototype: 1, spurious: 2 };

/**
 * Builds one prototype-regime network and collects its stable states (McAlister, Robins and
 * Szymanski 2025): P random prototypes, K examples of each with every bit flipped at rate `noise`,
 * and R further random patterns (the "non-example" states of McAlister, Robins and Szymanski 2024,
 * which stay stable as learned states while the examples give way to their prototypes), a network
 * trained on all P K + R patterns (classical Hebbian, or any scenario rule and kernel), then
 * the candidate states: every training pattern and every prototype (as the reference code probes
 * each target state directly) and `probes` random states relaxed by random-permutation sweeps.
 * Fixed points among them are kept once each, up to a global sign, labelled by
 * {@link labelStates} and described by their energy profiles and stability ratio.
 *
 * @example
 * ```ts
 * const states = prototypeRegimeStates({ N: 64, P: 4, K: 5, noise: 0.1, R: 4, probes: 100, rule: 'hebbian', kernel: 'linear', degree: 2, temperature: 1, prototypeRadius: 0.05, maxEpochs: 100, maxSweeps: 50 }, rng);
 * ```
 */
export function prototypeRegimeStates(regime: PrototypeRegime, rng: Rng): NetworkStates {
  const { N: n, P, K, noise } = regime;
  const set = prototypeNoise({ prototypes: P, perPrototype: K, dim: n, noise }, rng.child('patterns'));
  const extra = randomBipolar({ count: regime.R, dim: n }, rng.child('non-examples'));
  const data = new Int8Array((set.patterns.count + regime.R) * n);
  data.set(set.patterns.data);
  data.set(extra.data, set.patterns.data.length);
  const examples = bipolarPatterns(data, { count: set.patterns.count + regime.R, dim: n });
  const kernel = scenarioKernel(regime.kernel, regime);
  const net = recurrentNetwork({ patterns: examples, kernel });
  if (regime.rule !== 'hebbian') train(net, examples, scenarioRule(regime.rule), { maxEpochs: regime.maxEpochs, rng: rng.child('training') });
  const found = new Map<string, Int8Array>();
  const keep = (s: Int8Array): void => {
    if (!net.isFixedPoint(s)) return;
    const sign = s[0]! > 0 ? 1 : -1;
    let key = '';
    for (let j = 0; j < n; j++) key += s[j]! * sign > 0 ? '1' : '0';
    if (!found.has(key)) found.set(key, s);
  };
  for (let mu = 0; mu < examples.count; mu++) keep(patternRow(examples, mu));
  for (let a = 0; a < P; a++) keep(patternRow(set.prototypes, a));
  const probeRng = rng.child('probes');
  const runRng = rng.child('dynamics');
  let converged = 0;
  const probe = new Int8Array(n);
  for (let t = 0; t < regime.probes; t++) {
    for (let j = 0; j < n; j++) probe[j] = probeRng.bipolar();
    const result = net.run(probe, { schedule: 'random-permutation', rng: runRng, maxSweeps: regime.maxSweeps });
    if (!result.converged) continue;
    converged++;
    keep(result.state);
  }
  const states = [...found.values()];
  const labels = labelStates(states, { examples, prototypes: set.prototypes, prototypeRadius: Math.round(regime.prototypeRadius * n) });
  const count = states.length;
  const out: NetworkStates = {
    count,
    classes: new Int32Array(count),
    mixture: new Uint8Array(count),
    sorted: new Float64Array(count * n),
    normalised: new Float64Array(count * n),
    ratio: new Float64Array(count),
    prototypeOverlap: new Float64Array(count),
    converged,
    probes: regime.probes,
  };
  const fields = new Float64Array(n);
  const profile = new Float64Array(n);
  const theta = net.theta;
  states.forEach((s, k) => {
    out.classes[k] = classIndex[labels[k]!.kind];
    out.mixture[k] = labels[k]!.mixture ? 1 : 0;
    net.fields(s, fields);
    energyProfile(fields, s, { theta, out: profile });
    sortedProfile(profile, out.sorted.subarray(k * n, (k + 1) * n));
    normalisedProfile(profile, out.normalised.subarray(k * n, (k + 1) * n));
    out.ratio[k] = stabilityRatio(profile);
    out.prototypeOverlap[k] = 1 - (2 * labels[k]!.prototypeDistance) / n;
  });
  return out;
}
