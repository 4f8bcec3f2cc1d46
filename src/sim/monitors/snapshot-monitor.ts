import type { Subscription } from 'rxjs';
import type { Simulation } from '../simulation.js';

/** State snapshots every `every` steps, the last `capacity` of them. */
export interface SnapshotMonitor {
  /** Held snapshots, oldest first: `{ step, state }` (copies). */
  snapshots(): { step: number; state: Int8Array }[];
  readonly subscription: Subscription;
}

/**
 * Keeps a copy of the network state every `every` steps, at most `capacity` of them (oldest
 * dropped first), so memory stays bounded.
 *
 * @example
 * ```ts
 * const snaps = snapshotMonitor(sim, { every: 5, capacity: 100 });
 * ```
 */
export function snapshotMonitor(sim: Simulation, options: { every: number; capacity: number }): SnapshotMonitor {
  const held: { step: number; state: Int8Array }[] = [];
  const subscription = sim.steps$.subscribe(({ step, state }) => {
    if (step % options.every !== 0) return;
    if (held.length === options.capacity) held.shift();
    held.push({ step, state: state.slice() });
  });
  return { snapshots: () => held.slice(), subscription };
}
