import type { Rng } from '../rng/rng.js';

/**
 * Update schedules (DESIGN.md section 3): `synchronous` (Eq. 9-10); asynchronous (Eq. 12) in a
 * `fixed` order, as `random-permutation` sweeps, `random-sequential` (N uniform picks per sweep),
 * or `poisson`: every neuron has a rate-1 Poisson clock, i.e. events at rate N, each waking a
 * uniformly chosen neuron, with exponential waiting times.
 */
export type Schedule = 'synchronous' | 'fixed' | 'random-permutation' | 'random-sequential' | 'poisson';

/** What a neuron does when its field is exactly its threshold: `sgn(0) = +1`, or keep its state. */
export type TieRule = 'plus' | 'keep';

/** One batch of state changes: the spikes of one step (a sweep, or a synchronous update). */
export interface SpikeBatch {
  /** Step index (sweep number, from 1). */
  readonly step: number;
  /** Number of valid entries in `time`, `neuron` and `state`. */
  readonly length: number;
  /** Event times (update count, or continuous time for `poisson`). Valid up to `length`. */
  readonly time: Float64Array;
  /** Index of each neuron that changed. Valid up to `length`. */
  readonly neuron: Int32Array;
  /** The new state of each neuron that changed. */
  readonly state: Int8Array;
}

/** Callbacks a run reports to (the spike bus in `src/sim` builds on these). */
export interface RunObserver {
  /**
   * Called once per step with that step's state changes. The batch's arrays are reused between
   * steps: copy what you keep.
   */
  spikes?(batch: SpikeBatch): void;
  /** Called after each step with the current state (also reused: copy what you keep). */
  step?(step: number, state: Int8Array, flips: number): void;
}

/** Options of a run (see {@link runSchedule}). */
export interface RunOptions {
  /** Update schedule; defaults to `'random-permutation'`. */
  readonly schedule?: Schedule;
  /** Required for random schedules and Glauber noise. */
  readonly rng?: Rng;
  /** Step limit (sweeps of N updates, or synchronous steps); defaults to 100. */
  readonly maxSweeps?: number;
  /** Glauber temperature T >= 0: `P(s_i = +1) = 1 / (1 + exp(-2 h_i / T))`; 0 (default) is deterministic. */
  readonly temperature?: number;
  /** Order of the `fixed` schedule (a permutation of 0..N-1); defaults to 0..N-1. */
  readonly order?: Int32Array;
  /** Receives each step's spikes and state (the spike bus subscribes here). */
  readonly observer?: RunObserver;
}

/** Where a run ended. */
export interface RunResult {
  /** The final state (a fresh array). */
  readonly state: Int8Array;
  /** A full sweep without a change (never at T > 0). */
  readonly converged: boolean;
  /** Steps run (sweeps, or synchronous updates). */
  readonly sweeps: number;
  /** Single-neuron updates evaluated. */
  readonly updates: number;
  /** State changes. */
  readonly flips: number;
  /** Final time: updates so far, or the Poisson clock. */
  readonly time: number;
}

/** Anything that runs binary dynamics from a cue (recurrent, random-feature, DrDAM networks): what `simulation` wraps. */
export interface RunnableNetwork {
  /** Number of neurons N. */
  readonly size: number;
  /** Runs the dynamics from `cue` (not modified), reporting to `options.observer`. */
  run(cue: ArrayLike<number>, options?: RunOptions): RunResult;
}
