import { assertInRange, assertPositiveInteger } from '../errors.js';
import type { RecurrentNetwork, RunOptions } from '../network/recurrent-network.js';
import { flipBits } from '../patterns/corrupt.js';
import type { Rng } from '../rng/rng.js';

/** Options for {@link recallsAll}. */
export interface RecallCheckOptions {
  /** Fraction rho of the N bits flipped in each cue (exactly `round(rho N)`), in [0, 1). */
  readonly rho: number;
  /** Cues per stored pattern; defaults to 1. */
  readonly cues?: number;
  /** Source of the flips and of the schedule (cue c of pattern mu uses `rng.child('cue:' + mu + ':' + c)`). */
  readonly rng: Rng;
  /** Options of each run (schedule, maxSweeps, ...); its rng is replaced by each cue's stream. */
  readonly run?: Omit<RunOptions, 'rng'>;
}

/**
 * The recall criterion of a capacity search: every stored pattern is retrieved exactly (the run
 * converges, i.e. ends with a sweep without change, at the pattern) from each of `cues` copies with `round(rho N)` bits flipped. With `rho = 0`
 * this is the fixed-point criterion (a run started at a fixed point never moves). Pass it as the
 * `storable` predicate of {@link capacitySearch} after training the network on the first M
 * patterns. Each cue draws from its own child stream, so the answer for pattern mu does not depend
 * on M, and stops at the first failure.
 *
 * @throws {@link InvalidValueError} for rho outside [0, 1) or a cue count that is not a positive integer.
 * @example
 * ```ts
 * const ok = recallsAll(net, { rho: 0.1, rng: createRng(1) });
 * ```
 */
export function recallsAll(network: RecurrentNetwork, options: RecallCheckOptions): boolean {
  assertInRange('rho', options.rho, 0, 1);
  if (options.rho >= 1) assertInRange('rho', options.rho, 0, 1 - Number.EPSILON);
  const cues = options.cues ?? 1;
  assertPositiveInteger('cues', cues);
  const { count: m, dim: n, data } = network.patterns;
  const cue = new Int8Array(n);
  for (let mu = 0; mu < m; mu++) {
    const pattern = data.subarray(mu * n, (mu + 1) * n);
    for (let c = 0; c < cues; c++) {
      const rng = options.rng.child(`cue:${mu}:${c}`);
      flipBits(pattern, options.rho, rng, cue);
      const end = network.run(cue, { ...options.run, rng });
      if (!end.converged) return false;
      for (let j = 0; j < n; j++) if (end.state[j] !== pattern[j]) return false;
    }
  }
  return true;
}
