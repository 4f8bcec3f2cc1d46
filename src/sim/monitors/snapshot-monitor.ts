import type { Subscription } from 'rxjs';
import { assertPositiveInteger } from '../../errors.js';
import type { Simulation } from '../simulation.js';

/** State snapshots every `every` steps, the last `capacity` of them. */
export interface SnapshotMonitor {
  /** Held snapshots, oldest first: `{ step, state }` (copies). */
  snapshots(): { step: number; state: Int8Array }[];
  readonly subscription: Subscription;
}

/**
 * Keeps a copy of the network state every `every` steps, at most `capacity` of them (the oldest
 * is overwritten first), so memory stays bounded by `capacity x N` bytes. Slots are allocated on
 * first use and then reused: no allocation per snapshot once the ring is full.
 *
 * @throws {@link InvalidValueError} if `every` or `capacity` is not a positive integer.
 * @example
 * ```ts
 * const snaps = snapshotMonitor(sim, { every: 5, capacity: 100 });
 * ```
 */
export function snapshotMonitor(sim: Simulation, options: { every: number; capacity: number }): SnapshotMonitor {
  const { every, capacity } = options;
  assertPositiveInteger('every', every);
  assertPositiveInteger('capacity', capacity);
  const states: Int8Array[] = [];
  const steps = new Float64Array(capacity);
  let total = 0;
  const subscription = sim.steps$.subscribe(({ step, state }) => {
    if (step % every !== 0) return;
    const slot = total % capacity;
    if (states.length <= slot || states[slot]!.length !== state.length) states[slot] = new Int8Array(state.length);
    states[slot]!.set(state);
    steps[slot] = step;
    total++;
  });
  return {
    snapshots: () => {
      const held = Math.min(total, capacity);
      const out: { step: number; state: Int8Array }[] = [];
      for (let r = total - held; r < total; r++) out.push({ step: steps[r % capacity]!, state: states[r % capacity]!.slice() });
      return out;
    },
    subscription,
  };
}
