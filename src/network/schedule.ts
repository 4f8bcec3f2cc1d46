import { InvalidValueError, ParameterError, assertPositiveInteger } from '../errors.js';
import { assertBipolarVector, assertLength } from '../patterns/pattern-set.js';
import type { Rng } from '../rng/rng.js';
import type { FieldEngine } from './field-engine.js';
import type { RunOptions, RunResult, Schedule, TieRule } from './schedule-types.js';

export type { RunnableNetwork, RunObserver, RunOptions, RunResult, Schedule, SpikeBatch, TieRule } from './schedule-types.js';

const schedules: readonly Schedule[] = ['synchronous', 'fixed', 'random-permutation', 'random-sequential', 'poisson'];

/**
 * Checks a bipolar state of length N at the API edge.
 *
 * @throws {@link ShapeError} on a wrong length; {@link InvalidValueError} / {@link NotBipolarError}
 * for entries other than +1/-1.
 * @example
 * ```ts
 * checkState('cue', cue, net.size);
 * ```
 */
export function checkState(parameter: string, s: ArrayLike<number>, n: number): void {
  assertLength(parameter, s, n);
  for (let j = 0; j < n; j++) if (Number.isNaN(s[j]!)) throw new InvalidValueError(parameter, `entry ${j} is NaN`, 'pass a bipolar state of +1/-1');
  assertBipolarVector(parameter, s);
}

/**
 * The next state of a neuron with field `h` (true scale): `sgn(h)` with the tie rule at `h = 0`,
 * or with Glauber noise at temperature `T > 0`, `P(+1) = 1 / (1 + exp(-2 h / T))` (Glauber 1963).
 *
 * @example
 * ```ts
 * decide(0, -1, 0, undefined, 'keep'); // -1
 * ```
 */
export function decide(h: number, current: number, temperature: number, rng: Rng | undefined, tie: TieRule): number {
  if (temperature > 0) {
    if (h === 0) return rng!.uniform() < 0.5 ? 1 : -1;
    return rng!.uniform() < 1 / (1 + Math.exp((-2 * h) / temperature)) ? 1 : -1;
  }
  if (h > 0) return 1;
  if (h < 0) return -1;
  return tie === 'plus' ? 1 : current;
}

/**
 * Whether `state` is a fixed point of the asynchronous dynamics at T = 0: every neuron's
 * `decide(field)` equals its state. Resets the engine to `state`.
 *
 * @example
 * ```ts
 * isFixedPointOf(engine, state, 'plus');
 * ```
 */
export function isFixedPointOf(engine: FieldEngine, state: Int8Array, tie: TieRule): boolean {
  engine.reset(state);
  for (let i = 0; i < engine.size; i++) if (decide(engine.field(i, state), state[i]!, 0, undefined, tie) !== state[i]) return false;
  return true;
}

/**
 * Runs any {@link FieldEngine} from `cue` under a schedule, with Glauber noise and a tie rule,
 * reporting one spike batch per step to the observer (Brian2 style: the schedule owns the
 * order of updates; engines only compute fields). Asynchronous updates follow Eq. 12, synchronous
 * ones Eq. 9-10. All options are checked before any work.
 *
 * @throws {@link ParameterError} for an unknown schedule, a missing `rng` where randomness is
 * needed, or an `order` that is not a permutation; {@link InvalidValueError} for a negative
 * temperature; {@link ShapeError} / {@link NotBipolarError} for a bad cue.
 * @example
 * ```ts
 * const result = runSchedule(engine, cue, { schedule: 'poisson', rng: createRng(1), temperature: 0.5 });
 * ```
 */
export function runSchedule(engine: FieldEngine, cue: ArrayLike<number>, options: RunOptions & { readonly tie?: TieRule } = {}): RunResult {
  const n = engine.size;
  checkState('cue', cue, n);
  const schedule = options.schedule ?? 'random-permutation';
  const temperature = options.temperature ?? 0;
  const tie = options.tie ?? 'plus';
  if (!(temperature >= 0) || !Number.isFinite(temperature)) throw new InvalidValueError('temperature', `must be a finite number >= 0, got ${temperature}`, 'pass T >= 0');
  const maxSweeps = options.maxSweeps ?? 100;
  assertPositiveInteger('maxSweeps', maxSweeps);
  if (!schedules.includes(schedule)) throw new ParameterError('schedule', `unknown schedule "${schedule}"`, `use ${schedules.join(', ')}`);
  const rng = options.rng;
  if (!rng && (schedule === 'random-permutation' || schedule === 'random-sequential' || schedule === 'poisson' || temperature > 0)) {
    throw new ParameterError('rng', `the ${temperature > 0 ? 'Glauber noise' : `'${schedule}' schedule`} needs a random source`, 'pass rng: createRng(seed)');
  }
  const order = options.order ?? new Int32Array(n);
  if (options.order) {
    const seen = new Uint8Array(n);
    if (order.length !== n || !order.every((v) => v >= 0 && v < n && !seen[v] && (seen[v] = 1))) {
      throw new ParameterError('order', 'must be a permutation of 0..N-1', 'pass each neuron index exactly once');
    }
  } else {
    for (let k = 0; k < n; k++) order[k] = k;
  }
  const observer = options.observer;
  const s = Int8Array.from(cue);
  engine.reset(s);
  const bTime = new Float64Array(n);
  const bNeuron = new Int32Array(n);
  const bState = new Int8Array(n);
  let batchLength = 0;
  const emit = (step: number): void => {
    if (observer?.spikes) observer.spikes({ step, length: batchLength, time: bTime, neuron: bNeuron, state: bState });
    batchLength = 0;
  };
  let updates = 0;
  let flips = 0;
  let time = 0;
  let sweeps = 0;
  let converged = false;
  const perm = new Int32Array(n);
  const next = new Int8Array(n);
  for (let sweep = 1; sweep <= maxSweeps; sweep++) {
    sweeps = sweep;
    let changed = 0;
    if (schedule === 'synchronous') {
      for (let i = 0; i < n; i++) next[i] = decide(engine.field(i, s), s[i]!, temperature, rng, tie);
      for (let i = 0; i < n; i++) {
        if (next[i] === s[i]) continue;
        s[i] = next[i]!;
        changed++;
        bTime[batchLength] = sweep; bNeuron[batchLength] = i; bState[batchLength] = s[i]!; batchLength++;
      }
      updates += n;
      time = sweep;
      if (changed > 0) engine.reset(s);
    } else {
      if (schedule === 'random-permutation') rng!.permutation(n, perm);
      for (let k = 0; k < n; k++) {
        const i = schedule === 'fixed' ? order[k]! : schedule === 'random-permutation' ? perm[k]! : rng!.int(n);
        if (schedule === 'poisson') time += rng!.exponential(n);
        else time++;
        updates++;
        const v = decide(engine.field(i, s), s[i]!, temperature, rng, tie);
        if (v === s[i]) continue;
        s[i] = v;
        changed++;
        engine.flip(i, s);
        if (batchLength === n) emit(sweep);
        bTime[batchLength] = time; bNeuron[batchLength] = i; bState[batchLength] = v; batchLength++;
      }
    }
    flips += changed;
    emit(sweep);
    observer?.step?.(sweep, s, changed);
    if (temperature === 0 && changed === 0) {
      // Sweeps that visit every neuron prove a fixed point; random picks may miss some, so check.
      if (schedule !== 'random-sequential' && schedule !== 'poisson') { converged = true; break; }
      if (isFixedPointOf(engine, s, tie)) { converged = true; break; }
    }
  }
  return { state: s, converged, sweeps, updates, flips, time };
}
