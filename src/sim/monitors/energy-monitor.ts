import type { Subscription } from 'rxjs';
import type { Patterns } from '../../patterns/pattern-set.js';
import type { Simulation } from '../simulation.js';
import { ringBuffer } from './ring-buffer.js';

/** An energy function of the state. */
export type EnergyFunction = (state: ArrayLike<number>) => number;

/**
 * The dense associative memory energy `E = -sum_mu F(xi^mu . s)` (Krotov and Hopfield 2016,
 * Eq. 19 of the paper), whose asynchronous descent is the A = 1 kernel network with `k = F'`.
 * For the linear kernel use `F(h) = h^2 / 2` (the classical Hopfield energy up to a constant).
 *
 * @example
 * ```ts
 * const energy = denseEnergy(X, (h) => (h * h) / 2);
 * ```
 */
export function denseEnergy(patterns: Patterns, F: (h: number) => number): EnergyFunction {
  const { count, dim, data } = patterns;
  return (state) => {
    let e = 0;
    for (let mu = 0; mu < count; mu++) {
      let h = 0;
      const base = mu * dim;
      for (let j = 0; j < dim; j++) h += data[base + j]! * state[j]!;
      e -= F(h);
    }
    return e;
  };
}

/** Energy after each step. */
export interface EnergyMonitor {
  /** Held records, oldest first. */
  records(): { step: number; energy: number }[];
  readonly subscription: Subscription;
}

/**
 * Records `energy(state)` after every step, in a ring buffer.
 *
 * @example
 * ```ts
 * const e = energyMonitor(sim, { energy: denseEnergy(X, (h) => h * h / 2), capacity: 1000 });
 * ```
 */
export function energyMonitor(sim: Simulation, options: { energy: EnergyFunction; capacity: number }): EnergyMonitor {
  const buffer = ringBuffer(options.capacity, 2);
  const subscription = sim.steps$.subscribe(({ step, state }) => buffer.push2(step, options.energy(state)));
  return { records: () => buffer.toArray().map(([step, energy]) => ({ step: step!, energy: energy! })), subscription };
}
