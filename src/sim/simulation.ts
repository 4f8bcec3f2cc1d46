import { ParameterError } from '../errors.js';
import { Subject, type Observable } from 'rxjs';
import type { RunnableNetwork, RunOptions, RunResult, SpikeBatch } from '../network/schedule.js';

/** The state after one step (a sweep, or one synchronous update). `state` is reused: copy what you keep. */
export interface StepEvent {
  readonly step: number;
  readonly flips: number;
  readonly state: Int8Array;
}

/**
 * A network with its event streams: `spikes$` (one batch of state changes per step),
 * `steps$` (the state after each step) and `end$` (the result of each run, including whether it
 * converged). Delivery is synchronous, inside `run`; when nobody subscribes to `spikes$` the
 * network does not even assemble batches.
 *
 * @example
 * ```ts
 * const sim = simulation(net);
 * const raster = rasterMonitor(sim, { capacity: 10_000 });
 * sim.end$.subscribe((r) => console.log(r.converged));
 * sim.run(cue, { schedule: 'random-permutation', rng });
 * ```
 */
export interface Simulation<N extends RunnableNetwork = RunnableNetwork> {
  /** The network this simulation runs (a recurrent network, or any network built on `runSchedule`). */
  readonly network: N;
  readonly spikes$: Observable<SpikeBatch>;
  readonly steps$: Observable<StepEvent>;
  readonly end$: Observable<RunResult>;
  /** Runs the network from `cue`, emitting into the streams; returns the result. */
  run(cue: ArrayLike<number>, options?: Omit<RunOptions, 'observer'>): RunResult;
  /** Completes every stream (subscribers' `complete` handlers run). */
  stop(): void;
}

/**
 * Wraps a network in a {@link Simulation} (Brian2-style: the network owns the schedule; monitors
 * are ordinary subscribers). Any {@link RunnableNetwork} works: the recurrent network, and every
 * network that runs its `FieldEngine` through `runSchedule` (random features, DrDAM, ...).
 *
 * @example
 * ```ts
 * const sim = simulation(recurrentNetwork({ patterns: X, kernel: linear() }));
 * sim.steps$.subscribe(({ step, flips }) => console.log(step, flips));
 * ```
 */
export function simulation<N extends RunnableNetwork>(network: N): Simulation<N> {
  const spikes = new Subject<SpikeBatch>();
  const steps = new Subject<StepEvent>();
  const end = new Subject<RunResult>();
  let stopped = false;
  return {
    network,
    spikes$: spikes.asObservable(),
    steps$: steps.asObservable(),
    end$: end.asObservable(),
    run(cue, options = {}) {
      if (stopped) throw new ParameterError('sim.run', 'was called after sim.stop() completed the streams', 'create a new simulation(network) to run again');
      const observer = {
        ...(spikes.observed ? { spikes: (batch: SpikeBatch) => spikes.next(batch) } : {}),
        ...(steps.observed ? { step: (step: number, state: Int8Array, flips: number) => steps.next({ step, flips, state }) } : {}),
      };
      const result = network.run(cue, { ...options, observer });
      end.next(result);
      return result;
    },
    stop() {
      stopped = true;
      spikes.complete();
      steps.complete();
      end.complete();
    },
  };
}
