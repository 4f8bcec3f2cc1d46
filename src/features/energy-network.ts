import type { FieldEngine } from '../network/field-engine.js';
import { runSchedule, type RunOptions, type RunResult, type RunnableNetwork, type TieRule } from '../network/schedule.js';

/** Options for {@link energyNetwork}. */
export interface EnergyNetworkOptions {
  /** What a neuron does at a zero field; defaults to `'plus'`. */
  readonly tie?: TieRule;
}

/**
 * Wraps a {@link FieldEngine} (e.g. {@link featureFieldEngine} or {@link exactFieldEngine}) as a
 * runnable network: every run goes through the one schedule runner ({@link runSchedule}), so the
 * binary random-feature memory has the same schedules, Glauber noise and spike batches as every
 * other kmn network, and the spike bus can wrap it.
 *
 * @example
 * ```ts
 * const net = energyNetwork(featureFieldEngine({ memory }));
 * const { state, converged } = net.run(cue, { schedule: 'poisson', rng: createRng(3) });
 * ```
 */
export function energyNetwork(engine: FieldEngine, options: EnergyNetworkOptions = {}): RunnableNetwork {
  const tie = options.tie ?? 'plus';
  return {
    size: engine.size,
    run: (cue: ArrayLike<number>, runOptions: RunOptions = {}): RunResult => runSchedule(engine, cue, { ...runOptions, tie }),
  };
}
