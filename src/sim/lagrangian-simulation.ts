import { Subject, type Observable } from 'rxjs';
import type { HiddenNeuronNetwork, HiddenNeuronRunOptions, HiddenNeuronRunResult } from '../lagrangian/hidden-network.js';

/**
 * The state of a {@link HiddenNeuronNetwork} after one Euler step (step 0: the initial state).
 * `visible` and `hidden` are the network's working buffers, reused on the next step: copy what
 * you keep.
 */
export interface LagrangianStepEvent {
  readonly step: number;
  /** `step * dt`. */
  readonly time: number;
  readonly visible: Float64Array;
  readonly hidden: Float64Array;
  /** The two-layer energy, or the visible-only energy when the hidden layer is fast. */
  readonly energy: number;
}

/**
 * A {@link HiddenNeuronNetwork} with its event streams: `steps$` (state and energy after every
 * step) and `end$` (the result of each run). Delivery is synchronous, inside `run`; when nobody
 * subscribes to `steps$` the network does not even compute the energy along the way.
 *
 * @example
 * ```ts
 * const sim = lagrangianSimulation(net);
 * const energy = lagrangianEnergyMonitor(sim, { capacity: 1000 });
 * sim.run(cue, { dt: 0.05 });
 * energy.records(); // [{ step: 0, time: 0, energy: ... }, ...]
 * ```
 */
export interface LagrangianSimulation {
  readonly network: HiddenNeuronNetwork;
  readonly steps$: Observable<LagrangianStepEvent>;
  readonly end$: Observable<HiddenNeuronRunResult>;
  /** Runs the network from `visible`, emitting into the streams; returns the result. */
  run(visible: ArrayLike<number>, options?: Omit<HiddenNeuronRunOptions, 'observer'>): HiddenNeuronRunResult;
  /** Completes every stream. */
  stop(): void;
}

/**
 * Wraps a Lagrangian visible-hidden network (Krotov and Hopfield 2021) in a
 * {@link LagrangianSimulation}: the network calls a plain observer, this adapter turns it into
 * RxJS streams (only src/sim imports RxJS), one event per step.
 *
 * @example
 * ```ts
 * const sim = lagrangianSimulation(hiddenNeuronNetwork({ patterns: X, visible: identityLagrangian(), hidden: logSumExpLagrangian({ beta: 4 }) }));
 * sim.steps$.subscribe(({ step, energy }) => console.log(step, energy));
 * ```
 */
export function lagrangianSimulation(network: HiddenNeuronNetwork): LagrangianSimulation {
  const steps = new Subject<LagrangianStepEvent>();
  const end = new Subject<HiddenNeuronRunResult>();
  return {
    network,
    steps$: steps.asObservable(),
    end$: end.asObservable(),
    run(visible, options = {}) {
      const observer = steps.observed
        ? { step: (step: number, time: number, v: Float64Array, h: Float64Array, energy: number) => steps.next({ step, time, visible: v, hidden: h, energy }) }
        : undefined;
      const result = network.run(visible, observer ? { ...options, observer } : options);
      end.next(result);
      return result;
    },
    stop() {
      steps.complete();
      end.complete();
    },
  };
}
