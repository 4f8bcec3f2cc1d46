import { InvalidValueError, networkSpec, type NetworkSpec, type NetworkSpecInput } from 'kmn';
import type { CapacitySweepOptions } from './capacity-sweep.js';

/** The page's neuron choices: each maps to a kernel spec (Eq. 12's dendritic nonlinearity k). */
export type NeuronChoice = 'point' | 'poly' | 'exp' | 'sdm';
/** The page's learning rules (registry names in `ruleSpecFor`). */
export type RuleChoice = 'hebbian' | 'perceptron' | 'pa1' | 'kernelAdatron';

/** Everything the page needs to redo what it shows: grid, patterns, model, cue, seed, sweep sizes. */
export interface PageState {
  readonly width: number;
  readonly height: number;
  /** Stored patterns, each `width * height` entries of +1 / -1, row-major. */
  readonly patterns: readonly Int8Array[];
  readonly neuron: NeuronChoice;
  /** Degree p (poly), temperature T (exp), SDM activation radius as a fraction of the inputs (r = round(radius (N - 1))). */
  readonly degree: number;
  readonly temperature: number;
  readonly radius: number;
  readonly rule: RuleChoice;
  readonly schedule: NetworkSpec['run']['schedule'];
  /** Glauber temperature of the dynamics. */
  readonly noiseTemperature: number;
  readonly seed: number;
  /** Which stored pattern the cue comes from, and the fraction of flipped bits. */
  readonly cuePattern: number;
  readonly cueNoise: number;
  /** The cue (after corruption and masking), if one was made. */
  readonly cue: Int8Array | null;
  readonly sweep: { readonly N: number; readonly maxLoad: number; readonly trials: number };
}

/** A fresh page: 16 x 16 grid, no patterns, Kernel-Adatron on point neurons. */
export const defaultState: PageState = {
  width: 16, height: 16, patterns: [], neuron: 'point', degree: 3, temperature: 20, radius: 0.4, rule: 'kernelAdatron',
  schedule: 'random-permutation', noiseTemperature: 0, seed: 1, cuePattern: 0, cueNoise: 0.2, cue: null,
  sweep: { N: 20, maxLoad: 2.5, trials: 6 },
};

/**
 * The learning rule the page trains with: Hebbian (A = 1), perceptron (kappa = 0), PA-I with C = 10
 * (Crammer et al. 2006), Kernel-Adatron (tolerance 0.01; the hard-margin SVM, Eq. 3).
 */
export function ruleSpecFor(rule: RuleChoice): { name: string; options: Record<string, unknown> } {
  if (rule === 'pa1') return { name: 'passiveAggressive', options: { variant: 'PA-I', C: 10 } };
  if (rule === 'kernelAdatron') return { name: 'kernelAdatron', options: { tol: 0.01 } };
  return { name: rule, options: {} };
}

/**
 * The kernel of a neuron choice for N neurons: point (linear, classical Hopfield), polynomial
 * `(h + 1)^p` (the sigma-pi unit's kernel), exponential `exp(h / T)`, or the infinite SDM kernel on
 * the hypercube (Eq. 16) over N - 1 inputs with activation radius r = round(radius (N - 1)).
 */
export function kernelSpecFor(state: Pick<PageState, 'neuron' | 'degree' | 'temperature' | 'radius'>, n: number): { name: string; params: Record<string, number> } {
  switch (state.neuron) {
    case 'poly': return { name: 'poly', params: { degree: state.degree, c: 1 } };
    case 'exp': return { name: 'exp', params: { temperature: state.temperature } };
    case 'sdm': return { name: 'sdm-hypercube', params: { dim: n - 1, radius: Math.round(state.radius * (n - 1)) } };
    default: return { name: 'linear', params: {} };
  }
}

/** The kmn {@link NetworkSpec} of the page: kernel, rule, run options and seed. */
export function pageSpec(state: PageState): NetworkSpec {
  const input: NetworkSpecInput = {
    kind: 'recurrent',
    kernel: kernelSpecFor(state, state.width * state.height),
    rule: ruleSpecFor(state.rule),
    tie: 'plus',
    run: { schedule: state.schedule, temperature: state.noiseTemperature, maxSweeps: 50 },
    seed: state.seed,
  };
  return networkSpec(input);
}

/** Packs +1 / -1 entries as bits (1 for +1), base64. */
export function encodeBits(v: Int8Array): string {
  const bytes = new Uint8Array(Math.ceil(v.length / 8));
  for (let i = 0; i < v.length; i++) if (v[i]! > 0) bytes[i >> 3]! |= 1 << (i & 7);
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/** Inverse of {@link encodeBits} for a vector of length n. */
export function decodeBits(text: string, n: number): Int8Array {
  let s: string;
  try {
    s = atob(text);
  } catch {
    throw new InvalidValueError('bits', 'is not base64', 'pass a pattern written by the playground');
  }
  if (s.length !== Math.ceil(n / 8)) throw new InvalidValueError('bits', `hold ${s.length * 8} bits, expected ${n}`, 'the grid size and the pattern do not match');
  const v = new Int8Array(n);
  for (let i = 0; i < n; i++) v[i] = (s.charCodeAt(i >> 3) >> (i & 7)) & 1 ? 1 : -1;
  return v;
}

/** The compact, JSON-safe form of a page state (what the URL and the downloaded file hold). */
export interface PageStateJson {
  readonly format: 'kmn-playground';
  readonly version: 1;
  readonly width: number;
  readonly height: number;
  readonly patterns: string[];
  readonly options: Omit<PageState, 'width' | 'height' | 'patterns' | 'cue' | 'sweep'>;
  readonly cue: string | null;
  readonly sweep: PageState['sweep'];
  /** The kmn network spec the page trains and runs (`buildNetwork(spec, patterns)`). */
  readonly spec: NetworkSpec;
}

/** Serialises a page state (patterns as bits, the kmn spec beside the page options). */
export function stateToJson(state: PageState): PageStateJson {
  const { width, height, patterns, cue, sweep, ...options } = state;
  return { format: 'kmn-playground', version: 1, width, height, patterns: patterns.map(encodeBits), options, cue: cue ? encodeBits(cue) : null, sweep, spec: pageSpec(state) };
}

const choices = <T extends string>(value: unknown, allowed: readonly T[], fallback: T): T => (allowed.includes(value as T) ? (value as T) : fallback);
const num = (value: unknown, lo: number, hi: number, fallback: number): number => (typeof value === 'number' && Number.isFinite(value) && value >= lo && value <= hi ? value : fallback);

/** Reads a page state back, clamping every option to its range (a hand-edited URL cannot break the page). */
export function stateFromJson(json: unknown): PageState {
  const j = json as Partial<PageStateJson>;
  if (!j || j.format !== 'kmn-playground') throw new InvalidValueError('state', 'is not a kmn-playground state', 'load a file saved by the playground');
  const width = num(j.width, 4, 64, 16);
  const height = num(j.height, 4, 64, 16);
  const n = width * height;
  const o = (j.options ?? {}) as Partial<PageState>;
  const patterns = (j.patterns ?? []).map((p) => decodeBits(p, n));
  return {
    width, height, patterns,
    neuron: choices(o.neuron, ['point', 'poly', 'exp', 'sdm'], 'point'),
    degree: num(o.degree, 1, 6, 3),
    temperature: num(o.temperature, 0.1, 1e4, 20),
    radius: num(o.radius, 0.05, 0.5, 0.4),
    rule: choices(o.rule, ['hebbian', 'perceptron', 'pa1', 'kernelAdatron'], 'kernelAdatron'),
    schedule: choices(o.schedule, ['synchronous', 'fixed', 'random-permutation', 'random-sequential', 'poisson'], 'random-permutation'),
    noiseTemperature: num(o.noiseTemperature, 0, 1e4, 0),
    seed: Math.floor(num(o.seed, 0, 2 ** 32 - 1, 1)),
    cuePattern: Math.floor(num(o.cuePattern, 0, Math.max(0, patterns.length - 1), 0)),
    cueNoise: num(o.cueNoise, 0, 1, 0.2),
    cue: j.cue ? decodeBits(j.cue, n) : null,
    sweep: { N: Math.floor(num(j.sweep?.N, 4, 64, 20)), maxLoad: num(j.sweep?.maxLoad, 0.5, 4, 2.5), trials: Math.floor(num(j.sweep?.trials, 1, 40, 6)) },
  };
}

/** Sweep loads for the page: M = 2, 4, ... up to maxLoad N (at most 24 points). */
export function sweepLoads(N: number, maxLoad: number): number[] {
  const top = Math.max(2, Math.round(maxLoad * N));
  const step = Math.max(1, Math.ceil(top / 24));
  const loads: number[] = [];
  for (let m = step; m <= top; m += step) loads.push(m);
  return loads;
}

/** The capacity sweep the page runs for a state (the page's kernel and rule at the sweep's N, 300 epochs). */
export function sweepOptions(state: PageState): CapacitySweepOptions {
  const { N, maxLoad, trials } = state.sweep;
  return { N, loads: sweepLoads(N, maxLoad), trials, kernel: kernelSpecFor(state, N), rule: ruleSpecFor(state.rule), seed: state.seed, maxEpochs: 300 };
}
