import { InvalidValueError, ParameterError } from '../errors.js';
import { overlaps } from '../kernels/batch.js';
import type { Kernel } from '../kernels/kernel.js';
import { assertBipolarVector, assertLength, type BipolarPatterns } from '../patterns/pattern-set.js';
import type { RecurrentNetwork } from './recurrent-network.js';

/** An energy function of the state. */
export type EnergyFunction = (state: ArrayLike<number>) => number;

/** The potential G of {@link lyapunovPotential}: `values[(h + N) / 2] = G(h) exp(-shift)`. */
export interface LyapunovPotential {
  /** `G(h) exp(-shift)` for `h = -N, -N + 2, ..., N`, with `G(-N) = 0`. */
  readonly values: Float64Array;
  /** 0, or for kernels with `logK` the largest `ln k` on the domain: every value is divided by `exp(shift)`. */
  readonly shift: number;
}

/**
 * The potential G of the exact Lyapunov function of asynchronous dynamics without
 * self-connections, on the overlaps `h = xi . s` of N-dimensional bipolar vectors:
 * `G(-N) = 0` and `G(h) - G(h - 2) = 2 k(h - 1)`. For a translation-invariant kernel the subunit
 * input of Eq. 12 is `||xi_{-i} - s_{-i}||^2 = 2 (N - 1) - 2 u` at overlap u, so `k(u) = g2(2 (N - 1) - 2 u)`.
 * For kernels with `logK` the values are divided by `exp(shift)`, `shift = max ln k` on the domain,
 * so nothing overflows; a positive factor leaves every comparison of energies unchanged.
 * For the linear kernel `G(h) = (h^2 - N^2) / 2`: the classical Hopfield energy.
 *
 * @example
 * ```ts
 * lyapunovPotential(linear(), 4).values; // [0, -6, -8, -6, 0]: (h^2 - 16) / 2 at h = -4, -2, 0, 2, 4
 * ```
 */
export function lyapunovPotential(kernel: Kernel, n: number): LyapunovPotential {
  const values = new Float64Array(n + 1);
  const inputs = new Float64Array(n);
  // Step t (1..N) goes from h = -N + 2 (t - 1) to h + 2 and adds 2 k(u) at u = h + 1 = -N + 2t - 1.
  for (let t = 1; t <= n; t++) inputs[t - 1] = -n + 2 * t - 1;
  const log = kernel.kind === 'inner-product' && kernel.logK !== undefined;
  const k = (u: number): number => (kernel.kind === 'distance' ? kernel.g2(2 * (n - 1) - 2 * u) : log ? kernel.logK!(u) : kernel.k(u));
  let shift = 0;
  if (log) {
    shift = -Infinity;
    for (let t = 0; t < n; t++) shift = Math.max(shift, k(inputs[t]!));
  }
  for (let t = 1; t <= n; t++) {
    const step = log ? Math.exp(k(inputs[t - 1]!) - shift) : k(inputs[t - 1]!);
    values[t] = values[t - 1]! + 2 * step;
  }
  return { values, shift };
}

/** Options for {@link denseEnergy}. */
export interface DenseEnergyOptions {
  /** Per-pattern coefficients a^mu (length M, any sign): the network's `alpha_i^mu = a^mu` for every i. Defaults to ones (A = 1). */
  readonly coefficients?: Float64Array;
  /** Thresholds theta_i (length N); defaults to zeros. */
  readonly theta?: Float64Array;
}

/**
 * The exact Lyapunov function of the asynchronous kernel network without self-connections (Eq. 12):
 * `E(s) = -sum_mu a^mu G(xi^mu . s) + sum_i theta_i s_i` with `G(h) - G(h - 2) = 2 k(h - 1)`
 * ({@link lyapunovPotential}). Derivation: let `u^mu` be the overlap without neuron i. When s_i
 * changes from -v to v, `xi^mu . s` moves from `u^mu - xi_i^mu v` to `u^mu + xi_i^mu v`, so
 * `Delta E = -2 v (sum_mu a^mu xi_i^mu k(u^mu) - theta_i) = -2 v h_i`, and the update sets
 * `v = sgn(h_i)`: `Delta E = -2 |h_i| <= 0`, with equality only at a tie. Conditions: T = 0,
 * asynchronous updates (any order; not synchronous, which can 2-cycle), coefficients that depend
 * on the pattern only (`alpha_i^mu = a^mu`, e.g. Hebbian A = 1; neuron-dependent trained
 * coefficients have no such function in general), fields computed exactly in the kernel form.
 * The dense-memory energy `-sum_mu F(xi^mu . s)` with `F' = k` (Krotov and Hopfield 2016) is
 * only its continuous approximation and can rise for nonlinear k. For kernels with `logK` the
 * energy is divided by `exp(shift)` of the potential (a positive constant).
 *
 * @throws {@link ShapeError} for option lengths that do not match the patterns; {@link InvalidValueError}
 * for non-finite entries; from the returned function, {@link ShapeError} for a state of the wrong
 * length and {@link NotBipolarError} for one that is not +/-1.
 * @example
 * ```ts
 * const energy = denseEnergy(X, polynomial({ degree: 3 }));
 * energy(state); // never increases along an asynchronous run of recurrentNetwork({ patterns: X, kernel })
 * ```
 */
export function denseEnergy(patterns: BipolarPatterns, kernel: Kernel, options: DenseEnergyOptions = {}): EnergyFunction {
  const { count: m, dim: n } = patterns;
  const a = options.coefficients ?? new Float64Array(m).fill(1);
  const theta = options.theta ?? new Float64Array(n);
  assertLength('coefficients', a, m);
  assertLength('theta', theta, n);
  for (const [name, v] of [['coefficients', a], ['theta', theta]] as const) {
    for (let k = 0; k < v.length; k++) if (!Number.isFinite(v[k]!)) throw new InvalidValueError(name, `entry ${k} is ${v[k]}`, 'pass finite values');
  }
  const { values: g, shift } = lyapunovPotential(kernel, n);
  const thetaScale = Math.exp(-shift);
  const h = new Float64Array(m);
  return (state) => {
    assertLength('state', state, n);
    // G is tabulated on the overlaps of bipolar states only: any other entry would index outside it.
    assertBipolarVector('state', state);
    overlaps(patterns, state, h);
    let e = 0;
    for (let mu = 0; mu < m; mu++) e -= a[mu]! * g[(h[mu]! + n) >> 1]!;
    for (let i = 0; i < n; i++) e += theta[i]! * thetaScale * state[i]!;
    return e;
  };
}

/**
 * The exact Lyapunov function ({@link denseEnergy}) of a recurrent network built on the kernel
 * form: its kernel, coefficients and thresholds.
 *
 * @throws {@link ParameterError} if the network's coefficients depend on the neuron (no Lyapunov
 * function in general) or it runs a neuron model (whose fields need not be exact or symmetric).
 * @example
 * ```ts
 * const energy = networkEnergy(recurrentNetwork({ patterns: X, kernel: exponential({ temperature: 5 }) }));
 * ```
 */
export function networkEnergy(network: RecurrentNetwork): EnergyFunction {
  const { patterns, kernel, size: n } = network;
  const m = patterns.count;
  if (network.neuron) throw new ParameterError('network', `runs the ${network.neuron.name} neuron model, whose fields need not be symmetric`, 'pass your own energy function');
  const alpha = network.alpha;
  const a = alpha.slice(0, m);
  for (let k = m; k < n * m; k++) {
    if (alpha[k] !== a[k % m]) throw new ParameterError('network', `has coefficients that depend on the neuron (alpha[${k}] != alpha[${k % m}]): no Lyapunov function in general`, 'pass your own energy function, or use per-pattern coefficients');
  }
  return denseEnergy(patterns, kernel, { coefficients: a, theta: network.theta });
}
