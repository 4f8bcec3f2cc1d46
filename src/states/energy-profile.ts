import { InvalidValueError } from '../errors.js';
import { assertBipolarVector, assertLength } from '../patterns/pattern-set.js';

/** Anything that computes every neuron's field `h_i - theta_i` for a state (a recurrent network does). */
export interface FieldSource {
  /** Number of neurons N. */
  readonly size: number;
  /** Every neuron's field on its true scale, written into `out`. */
  fields(state: ArrayLike<number>, out?: Float64Array): Float64Array;
  /** Thresholds `theta_i` subtracted in the fields (absent: zeros). */
  readonly theta?: ArrayLike<number>;
}

/** Options of {@link energyProfile}. */
export interface EnergyProfileOptions {
  /** Thresholds `theta_i` the fields were computed with (`f_i = h_i - theta_i`); default zeros. */
  readonly theta?: ArrayLike<number>;
  /** Where to write the profile (length N); default a new array. */
  readonly out?: Float64Array;
}

/**
 * The energy profile of a state: the per-neuron energy contributions
 * `e_i = -1/2 s_i h_i + theta_i s_i = -1/2 s_i f_i + 1/2 theta_i s_i`, where `f_i = h_i - theta_i`
 * is neuron i's field (for a kernel network, Eq. 12 of kernel-memory-networks.md:
 * `h_i = sum_mu alpha_i^mu xi_i^mu k(xi^mu_{-i} . s_{-i})`). For the classical Hopfield network
 * (linear kernel, A = 1) `h = W s` with zero diagonal and `sum_i e_i = -1/2 s^T W s + theta^T s` is
 * the network energy; this is `AllUnitEnergies` of hmcalister/Hopfield-Network-Go (McAlister,
 * Robins and Szymanski 2025, "Classifying states of the Hopfield network"). For a nonlinear `k`
 * the sum `-1/2 sum_i s_i h_i + theta^T s` is a field-alignment score, not the Lyapunov energy of
 * `networkEnergy` (whose pattern terms are the potential of `k`, not `k` itself). With
 * `theta = 0`, `e_i < 0` means neuron i agrees with its field and the state is a fixed point iff
 * every `e_i <= 0` (`sgn(0) = +1` deciding ties).
 *
 * @throws {@link ShapeError} if `fields`, `theta` and `state` differ in length; {@link NotBipolarError}
 * for a state that is not +/-1; {@link InvalidValueError} for a NaN field or a non-finite threshold.
 * @example
 * ```ts
 * const e = energyProfile(net.fields(state), state, { theta: net.theta }); // e[i] = -0.5 s_i f_i + 0.5 theta_i s_i
 * ```
 */
export function energyProfile(fields: ArrayLike<number>, state: ArrayLike<number>, options: EnergyProfileOptions = {}): Float64Array {
  const n = state.length;
  assertLength('fields', fields, n);
  assertBipolarVector('state', state);
  const { theta } = options;
  if (theta !== undefined) {
    assertLength('theta', theta, n);
    for (let i = 0; i < n; i++) if (!Number.isFinite(theta[i]!)) throw new InvalidValueError('theta', `entry ${i} is ${theta[i]}`, 'pass finite thresholds');
  }
  const e = options.out ?? new Float64Array(n);
  assertLength('out', e, n);
  for (let i = 0; i < n; i++) {
    const f = fields[i]!;
    if (Number.isNaN(f)) throw new InvalidValueError('fields', `entry ${i} is NaN`, 'compute the fields of a finite network');
    e[i] = -0.5 * state[i]! * f + (theta === undefined ? 0 : 0.5 * theta[i]! * state[i]!);
  }
  return e;
}

/**
 * The energy profile ({@link energyProfile}) of `state` in `network`, from the network's own fields
 * and thresholds.
 *
 * @example
 * ```ts
 * const e = networkEnergyProfile(recurrentNetwork({ patterns: X, kernel: linear() }), state);
 * ```
 */
export function networkEnergyProfile(network: FieldSource, state: ArrayLike<number>, out?: Float64Array): Float64Array {
  assertLength('state', state, network.size);
  return energyProfile(network.fields(state), state, { theta: network.theta, out });
}

/**
 * The profile sorted ascending (most stable neuron first): a feature vector that does not depend
 * on which neuron is which, so profiles of different networks line up position by position
 * (position k is the k-th lowest energy contribution).
 *
 * @example
 * ```ts
 * sortedProfile(Float64Array.of(-1, -3, -2)); // [-3, -2, -1]
 * ```
 */
export function sortedProfile(profile: ArrayLike<number>, out?: Float64Array): Float64Array {
  const s = out ?? new Float64Array(profile.length);
  assertLength('out', s, profile.length);
  for (let i = 0; i < profile.length; i++) s[i] = profile[i]!;
  return s.sort();
}

/**
 * The sorted profile divided by its largest magnitude, `sort(e) / max_i |e_i|`, so entries lie in
 * [-1, 1] whatever the number of stored patterns, their coefficients or the kernel's scale (an
 * all-zero profile stays zero). Keeps the shape of the profile, drops its depth.
 *
 * @example
 * ```ts
 * normalisedProfile(Float64Array.of(-1, -4, -2)); // [-1, -0.5, -0.25]
 * ```
 */
export function normalisedProfile(profile: ArrayLike<number>, out?: Float64Array): Float64Array {
  const s = sortedProfile(profile, out);
  let max = 0;
  for (let i = 0; i < s.length; i++) max = Math.max(max, Math.abs(s[i]!));
  if (max > 0) for (let i = 0; i < s.length; i++) s[i] = s[i]! / max;
  return s;
}

/**
 * The stability ratio of Robins and McCallum (2004, "A robust method for distinguishing between
 * learned and spurious attractors", Neural Networks 17): the energy contribution of the least
 * stable neuron over that of the most stable one, `max_i e_i / min_i e_i`. In a stable state every
 * `e_i <= 0`, so this is `min_i |e_i| / max_i |e_i|` = `min_i s_i f_i / max_i s_i f_i`, in [0, 1]:
 * near 1 for a flat profile (every neuron about equally stable, as in a learned state), small when
 * some neuron is barely held in place (typical of spurious states). The issue text's "lowest to
 * highest contribution" reads as magnitudes, which is this ratio. Negative for a state with an
 * unstable neuron (`e_i > 0`); NaN when no neuron has a negative contribution.
 *
 * @throws {@link InvalidValueError} for an empty profile or a NaN entry.
 *
 * @example
 * ```ts
 * stabilityRatio(Float64Array.of(-2, -2, -2, -1, -1)); // 0.5
 * ```
 */
export function stabilityRatio(profile: ArrayLike<number>): number {
  if (profile.length === 0) throw new InvalidValueError('profile', 'is empty', 'pass the energy profile of a state with at least one neuron');
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < profile.length; i++) {
    const e = profile[i]!;
    if (Number.isNaN(e)) throw new InvalidValueError('profile', `entry ${i} is NaN`, 'pass the energy profile of finite fields (energyProfile rejects NaN fields)');
    if (e < min) min = e;
    if (e > max) max = e;
  }
  return min < 0 ? max / min : NaN;
}
