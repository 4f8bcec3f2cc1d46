import type { Subscription } from 'rxjs';
import { ParameterError } from '../../errors.js';
import { networkEnergy, type EnergyFunction } from '../../network/energy.js';
import type { RecurrentNetwork } from '../../network/recurrent-network.js';
import type { Simulation } from '../simulation.js';
import { ringBuffer } from './ring-buffer.js';

export { denseEnergy, lyapunovPotential, networkEnergy, type DenseEnergyOptions, type EnergyFunction, type LyapunovPotential } from '../../network/energy.js';

/** Energy after each step. */
export interface EnergyMonitor {
  /** Held records, oldest first. */
  records(): { step: number; energy: number }[];
  readonly subscription: Subscription;
}

/**
 * Records `energy(state)` after every step, in a ring buffer. Without `energy`, a recurrent
 * network's exact Lyapunov function is used (`networkEnergy`: `-sum_mu a^mu G(xi^mu . s) +
 * sum_i theta_i s_i` with `G(h) - G(h - 2) = 2 k(h - 1)`), which never increases on any
 * asynchronous schedule at T = 0.
 *
 * @throws {@link ParameterError} if `energy` is left out and the network has no Lyapunov function
 * (neuron-dependent coefficients, a neuron model, or not a recurrent kernel network).
 * @example
 * ```ts
 * const e = energyMonitor(sim, { capacity: 1000 }); // the network's Lyapunov function
 * const f = energyMonitor(sim, { energy: denseEnergy(X, linear()), capacity: 1000 });
 * ```
 */
export function energyMonitor(sim: Simulation, options: { energy?: EnergyFunction; capacity: number }): EnergyMonitor {
  const network = sim.network as Partial<RecurrentNetwork>;
  if (!options.energy && !(network.patterns && network.kernel && 'alpha' in network)) {
    throw new ParameterError('energy', 'is required: this network is not a recurrent kernel network, so it has no built-in Lyapunov function', 'pass energy: (state) => number');
  }
  const energy = options.energy ?? networkEnergy(sim.network as RecurrentNetwork);
  const buffer = ringBuffer(options.capacity, 2);
  const subscription = sim.steps$.subscribe(({ step, state }) => buffer.push2(step, energy(state)));
  return { records: () => buffer.toArray().map(([step, energy]) => ({ step: step!, energy: energy! })), subscription };
}
