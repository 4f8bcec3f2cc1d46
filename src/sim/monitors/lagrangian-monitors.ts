import type { Subscription } from 'rxjs';
import { InvalidValueError, assertPositiveInteger } from '../../errors.js';
import type { LagrangianSimulation } from '../lagrangian-simulation.js';
import { ringBuffer } from './ring-buffer.js';

/** Energy of a Lagrangian network after each step. */
export interface LagrangianEnergyMonitor {
  /** Held records, oldest first. */
  records(): { step: number; time: number; energy: number }[];
  /** Steps at which the energy rose by more than `tolerance` (relative) over the previous step. */
  increases(): number;
  readonly subscription: Subscription;
}

/**
 * Records `(step, time, energy)` after every step of a {@link LagrangianSimulation}, in a ring
 * buffer, and counts the steps where the energy rose: with convex Lagrangians and a small enough
 * dt the energy is a Lyapunov function (Krotov and Hopfield 2021, Sec. 2), so `increases()`
 * should stay 0.
 *
 * @param options.tolerance - relative rounding allowance per step, `E_t > E_{t-1} + tolerance (1 + |E_{t-1}|)`
 *   counts as a rise; defaults to 1e-12.
 * @throws {@link InvalidValueError} if `capacity` is not a positive integer or `tolerance` < 0.
 * @example
 * ```ts
 * const monitor = lagrangianEnergyMonitor(sim, { capacity: 1000 });
 * sim.run(cue, { dt: 0.05 });
 * monitor.increases(); // 0
 * ```
 */
export function lagrangianEnergyMonitor(sim: LagrangianSimulation, options: { capacity: number; tolerance?: number }): LagrangianEnergyMonitor {
  assertPositiveInteger('capacity', options.capacity);
  const tolerance = options.tolerance ?? 1e-12;
  if (!Number.isFinite(tolerance) || tolerance < 0) throw new InvalidValueError('tolerance', `must be a finite number >= 0, got ${tolerance}`, 'pass a small relative tolerance such as 1e-12');
  const buffer = ringBuffer(options.capacity, 3);
  let previous = NaN;
  let rises = 0;
  const subscription = sim.steps$.subscribe(({ step, time, energy }) => {
    if (step > 0 && energy > previous + tolerance * (1 + Math.abs(previous))) rises++;
    previous = energy;
    buffer.push3(step, time, energy);
  });
  return {
    records: () => buffer.toArray().map(([step, time, energy]) => ({ step: step!, time: time!, energy: energy! })),
    increases: () => rises,
    subscription,
  };
}

/** Visible and hidden states of a Lagrangian network every `every` steps. */
export interface LagrangianStateMonitor {
  /** Held snapshots, oldest first (copies). */
  snapshots(): { step: number; time: number; visible: Float64Array; hidden: Float64Array }[];
  readonly subscription: Subscription;
}

/**
 * Keeps copies of the visible and hidden states every `every` steps, at most `capacity` of them
 * (the oldest overwritten first); slots are allocated on first use and then reused.
 *
 * @throws {@link InvalidValueError} if `every` or `capacity` is not a positive integer.
 * @example
 * ```ts
 * const states = lagrangianStateMonitor(sim, { every: 10, capacity: 50 });
 * sim.run(cue);
 * states.snapshots()[0]!.visible; // the cue
 * ```
 */
export function lagrangianStateMonitor(sim: LagrangianSimulation, options: { every: number; capacity: number }): LagrangianStateMonitor {
  const { every, capacity } = options;
  assertPositiveInteger('every', every);
  assertPositiveInteger('capacity', capacity);
  const visible: Float64Array[] = [];
  const hidden: Float64Array[] = [];
  const steps = new Float64Array(capacity);
  const times = new Float64Array(capacity);
  let total = 0;
  const subscription = sim.steps$.subscribe(({ step, time, visible: v, hidden: h }) => {
    if (step % every !== 0) return;
    const slot = total % capacity;
    if (visible.length <= slot || visible[slot]!.length !== v.length) visible[slot] = new Float64Array(v.length);
    if (hidden.length <= slot || hidden[slot]!.length !== h.length) hidden[slot] = new Float64Array(h.length);
    visible[slot]!.set(v);
    hidden[slot]!.set(h);
    steps[slot] = step;
    times[slot] = time;
    total++;
  });
  return {
    snapshots: () => {
      const held = Math.min(total, capacity);
      const out: { step: number; time: number; visible: Float64Array; hidden: Float64Array }[] = [];
      for (let r = total - held; r < total; r++) {
        const s = r % capacity;
        out.push({ step: steps[s]!, time: times[s]!, visible: visible[s]!.slice(), hidden: hidden[s]!.slice() });
      }
      return out;
    },
    subscription,
  };
}
