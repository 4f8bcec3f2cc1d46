import { InvalidValueError, assertFinite, assertPositive, assertPositiveInteger } from '../errors.js';
import { asContinuous, assertLength, type ContinuousPatterns, type Patterns } from '../patterns/pattern-set.js';
import type { Lagrangian } from './lagrangian.js';

/** Options for {@link hiddenNeuronNetwork}. */
export interface HiddenNeuronNetworkOptions {
  /**
   * The memories, one per hidden neuron: row mu holds the synapses `xi_mu,i` between hidden
   * neuron mu and the N visible neurons (M x N, pattern-major). Bipolar sets are converted.
   */
  readonly patterns: Patterns;
  /** Lagrangian of the visible (feature) layer; its gradient is `g(v)`. */
  readonly visible: Lagrangian;
  /** Lagrangian of the hidden (memory) layer; its gradient is `f(h)`. */
  readonly hidden: Lagrangian;
  /** Time constant tau_v > 0 of the visible neurons. Defaults to 1. */
  readonly tauVisible?: number;
  /**
   * Time constant tau_h >= 0 of the hidden neurons. Defaults to 1. `0` is the fast-hidden
   * (adiabatic) limit: the hidden layer sits at `h = xi g(v)` at all times and the network
   * follows the visible-only energy (see {@link HiddenNeuronNetwork.visibleEnergy}).
   */
  readonly tauHidden?: number;
  /** Constant input current `I` into the visible neurons (length N). Defaults to 0. */
  readonly input?: ArrayLike<number>;
}

/** Called by {@link HiddenNeuronNetwork.run}: step 0 is the initial state, then once per Euler step. */
export interface HiddenNeuronObserver {
  /**
   * The state after `step` steps (time `step * dt`) and its energy. `visible` and `hidden` are
   * the network's working buffers, reused on the next step: copy what you keep.
   */
  step(step: number, time: number, visible: Float64Array, hidden: Float64Array, energy: number): void;
}

/** Options for {@link HiddenNeuronNetwork.run}. */
export interface HiddenNeuronRunOptions {
  /**
   * Euler step dt, `0 < dt <= min(tau_v, tau_h)` (tau_h = 0 excluded). Defaults to a tenth of
   * the smallest time constant. The energy descends for small enough dt; `dt = tau_v` with a
   * fast hidden layer is the discrete-time update `v <- xi^T f(xi g(v)) + I`.
   */
  readonly dt?: number;
  /** Step limit; defaults to 1000. */
  readonly maxSteps?: number;
  /**
   * Converged when `tau |dx_i/dt| <= tol (1 + |x_i|)` for every visible and hidden unit (the
   * visible units only when tau_h = 0); defaults to 1e-9.
   */
  readonly tol?: number;
  /** Initial hidden state (length M); defaults to its equilibrium `xi g(v0)`. Ignored when tau_h = 0. */
  readonly hidden?: ArrayLike<number>;
  /** Receives the state and energy after every step (the energy is computed only then). */
  readonly observer?: HiddenNeuronObserver;
}

/** Where {@link HiddenNeuronNetwork.run} ended. */
export interface HiddenNeuronRunResult {
  /** Final visible state v (a copy). */
  readonly visible: Float64Array;
  /** Final hidden state h (a copy). */
  readonly hidden: Float64Array;
  readonly steps: number;
  /** `steps * dt`. */
  readonly time: number;
  readonly converged: boolean;
  /** The energy of the final state. */
  readonly energy: number;
}

/**
 * A network of N visible and M hidden neurons with only two-body synapses `xi` (Krotov and
 * Hopfield 2021, ICLR, Sec. 2, Eq. 1-3): each layer is defined by its Lagrangian, and
 *
 * ```
 * tau_v dv_i/dt = sum_mu xi_mu,i f_mu - v_i + I_i,      g = grad L_v(v)
 * tau_h dh_mu/dt = sum_i xi_mu,i g_i - h_mu,            f = grad L_h(h)
 * E = [sum_i (v_i - I_i) g_i - L_v] + [sum_mu h_mu f_mu - L_h] - sum_mu,i f_mu xi_mu,i g_i
 * ```
 *
 * With convex Lagrangians `dE/dt = -tau_v dv' H_v dv' - tau_h dh' H_h dh' <= 0` (H the Hessians
 * of the Lagrangians). The hidden neurons are the dendritic subunits of kmn's two-layer pyramidal
 * unit, one per stored pattern. The dynamics are integrated by explicit Euler with step dt, both
 * layers updated from the same old state. Working buffers are allocated once: a network is not
 * re-entrant (run one trajectory at a time).
 *
 * @example
 * ```ts
 * const net = hiddenNeuronNetwork({ patterns: X, visible: identityLagrangian(), hidden: logSumExpLagrangian({ beta: 4 }), tauHidden: 0 });
 * const { visible, converged } = net.run(cue, { dt: 0.1 });
 * ```
 */
export interface HiddenNeuronNetwork {
  readonly patterns: ContinuousPatterns;
  /** N, the number of visible neurons. */
  readonly visibleSize: number;
  /** M, the number of hidden neurons (memories). */
  readonly hiddenSize: number;
  readonly visible: Lagrangian;
  readonly hidden: Lagrangian;
  readonly tauVisible: number;
  readonly tauHidden: number;
  /** Whether tau_h = 0 (the hidden layer is slaved to the visible one). */
  readonly fastHidden: boolean;
  /** The two-layer energy `E(v, h)` (Eq. 2 of the paper). */
  energy(visible: ArrayLike<number>, hidden: ArrayLike<number>): number;
  /**
   * The visible-only energy after integrating out a fast hidden layer, `h = xi g(v)`:
   * `E(v) = sum_i (v_i - I_i) g_i - L_v(v) - L_h(xi g(v))` (Sec. 3). With `L_v` the identity and
   * `L_h = (1/n) sum F`, `F(x) = max(x, 0)^n`, it is `|v|^2/2 - I.v - (1/n) sum_mu F(xi_mu . v)`:
   * the dense associative memory; with log-sum-exp, the modern Hopfield energy.
   */
  visibleEnergy(visible: ArrayLike<number>): number;
  /** The hidden layer's input `xi g(v)` (its equilibrium state), written into `out`. */
  hiddenInput(visible: ArrayLike<number>, out?: Float64Array): Float64Array;
  /**
   * One Euler step in place: `v += dt / tau_v (xi^T f(h) - v + I)` and `h += dt / tau_h
   * (xi g(v) - h)` (or `h = xi g(v)` when tau_h = 0). Returns the largest `tau |dx/dt|`.
   */
  step(visible: Float64Array, hidden: Float64Array, dt: number): number;
  /** Integrates from `v0` until converged or `maxSteps`. */
  run(visible: ArrayLike<number>, options?: HiddenNeuronRunOptions): HiddenNeuronRunResult;
}

/**
 * Builds a {@link HiddenNeuronNetwork} (Krotov and Hopfield 2021). Validates everything here, so
 * `step` and `run` loop without checks.
 *
 * @throws {@link InvalidValueError} for non-finite patterns or input, tau_v <= 0 or tau_h < 0;
 *   {@link ShapeError} when `input` does not have N entries.
 * @example
 * ```ts
 * const X = randomBipolar({ count: 5, dim: 32 }, createRng(1));
 * const net = hiddenNeuronNetwork({ patterns: X, visible: tanhLagrangian(), hidden: rectifiedPolynomialLagrangian({ degree: 3 }) });
 * const end = net.run(Float64Array.from(X.data.subarray(0, 32)), { dt: 0.05, maxSteps: 200 });
 * ```
 */
export function hiddenNeuronNetwork(options: HiddenNeuronNetworkOptions): HiddenNeuronNetwork {
  const patterns = asContinuous(options.patterns);
  assertFinite('patterns', patterns.data);
  const { count: m, dim: n, data: xi } = patterns;
  const tauV = options.tauVisible ?? 1;
  const tauH = options.tauHidden ?? 1;
  assertPositive('tauVisible', tauV);
  if (!Number.isFinite(tauH) || tauH < 0) throw new InvalidValueError('tauHidden', `must be a finite number >= 0, got ${tauH}`, 'pass 0 for a fast hidden layer or a positive time constant');
  const input = new Float64Array(n);
  if (options.input !== undefined) {
    assertLength('input', options.input, n);
    assertFinite('input', options.input);
    input.set(Array.from(options.input));
  }
  const { visible: lv, hidden: lh } = options;
  const fast = tauH === 0;
  const g = new Float64Array(n);
  const u = new Float64Array(n);
  const f = new Float64Array(m);
  const a = new Float64Array(m);
  const vBuf = new Float64Array(n);
  const hBuf = new Float64Array(m);

  /** out = xi g (length M). */
  const project = (gv: Float64Array, out: Float64Array): Float64Array => {
    for (let mu = 0; mu < m; mu++) {
      const base = mu * n;
      let s = 0;
      for (let i = 0; i < n; i++) s += xi[base + i]! * gv[i]!;
      out[mu] = s;
    }
    return out;
  };
  /** out = xi^T fh (length N). */
  const backProject = (fh: Float64Array, out: Float64Array): Float64Array => {
    out.fill(0);
    for (let mu = 0; mu < m; mu++) {
      const c = fh[mu]!;
      if (c === 0) continue;
      const base = mu * n;
      for (let i = 0; i < n; i++) out[i]! += c * xi[base + i]!;
    }
    return out;
  };
  const fullEnergy = (v: Float64Array, h: Float64Array): number => {
    lv.activation(v, g);
    lh.activation(h, f);
    let e = -lv.value(v) - lh.value(h);
    for (let i = 0; i < n; i++) e += (v[i]! - input[i]!) * g[i]!;
    for (let mu = 0; mu < m; mu++) e += h[mu]! * f[mu]!;
    project(g, a);
    for (let mu = 0; mu < m; mu++) e -= f[mu]! * a[mu]!;
    return e;
  };
  const reducedEnergy = (v: Float64Array): number => {
    lv.activation(v, g);
    let e = -lv.value(v);
    for (let i = 0; i < n; i++) e += (v[i]! - input[i]!) * g[i]!;
    return e - lh.value(project(g, a));
  };
  const step = (v: Float64Array, h: Float64Array, dt: number): number => {
    lv.activation(v, g);
    if (fast) project(g, h);
    lh.activation(h, f);
    backProject(f, u);
    let rate = 0;
    if (!fast) {
      project(g, a);
      const k = dt / tauH;
      for (let mu = 0; mu < m; mu++) {
        const d = a[mu]! - h[mu]!;
        h[mu]! += k * d;
        rate = Math.max(rate, Math.abs(d) / (1 + Math.abs(h[mu]!)));
      }
    }
    const k = dt / tauV;
    for (let i = 0; i < n; i++) {
      const d = u[i]! - v[i]! + input[i]!;
      v[i]! += k * d;
      rate = Math.max(rate, Math.abs(d) / (1 + Math.abs(v[i]!)));
    }
    if (fast) project(lv.activation(v, g), h);
    return rate;
  };
  const checkState = (name: string, x: ArrayLike<number>, len: number): void => {
    assertLength(name, x, len);
    assertFinite(name, x);
  };
  const copyIn = (x: ArrayLike<number>, out: Float64Array): Float64Array => {
    for (let i = 0; i < out.length; i++) out[i] = x[i]!;
    return out;
  };
  return {
    patterns,
    visibleSize: n,
    hiddenSize: m,
    visible: lv,
    hidden: lh,
    tauVisible: tauV,
    tauHidden: tauH,
    fastHidden: fast,
    energy(v, h) {
      checkState('visible', v, n);
      checkState('hidden', h, m);
      return fullEnergy(copyIn(v, vBuf), copyIn(h, hBuf));
    },
    visibleEnergy(v) {
      checkState('visible', v, n);
      return reducedEnergy(copyIn(v, vBuf));
    },
    hiddenInput(v, out = new Float64Array(m)) {
      checkState('visible', v, n);
      assertLength('out', out, m);
      return project(lv.activation(copyIn(v, vBuf), g), out);
    },
    step(v, h, dt) {
      checkState('visible', v, n);
      checkState('hidden', h, m);
      checkDt(dt, tauV, tauH);
      return step(v, h, dt);
    },
    run(v0, runOptions = {}) {
      checkState('visible', v0, n);
      const dt = runOptions.dt ?? 0.1 * (fast ? tauV : Math.min(tauV, tauH));
      checkDt(dt, tauV, tauH);
      const maxSteps = runOptions.maxSteps ?? 1000;
      assertPositiveInteger('maxSteps', maxSteps);
      const tol = runOptions.tol ?? 1e-9;
      if (!Number.isFinite(tol) || tol < 0) throw new InvalidValueError('tol', `must be a finite number >= 0, got ${tol}`, 'pass a small tolerance such as 1e-9');
      const v = Float64Array.from(v0);
      const h = new Float64Array(m);
      if (runOptions.hidden !== undefined && !fast) {
        checkState('hidden', runOptions.hidden, m);
        copyIn(runOptions.hidden, h);
      } else {
        project(lv.activation(v, g), h);
      }
      const observer = runOptions.observer;
      const energyOf = (): number => (fast ? reducedEnergy(v) : fullEnergy(v, h));
      observer?.step(0, 0, v, h, energyOf());
      let steps = 0;
      let converged = false;
      while (steps < maxSteps) {
        const rate = step(v, h, dt);
        steps++;
        observer?.step(steps, steps * dt, v, h, energyOf());
        if (rate <= tol) {
          converged = true;
          break;
        }
      }
      return { visible: v, hidden: h, steps, time: steps * dt, converged, energy: energyOf() };
    },
  };
}

function checkDt(dt: number, tauV: number, tauH: number): void {
  const limit = tauH === 0 ? tauV : Math.min(tauV, tauH);
  if (!Number.isFinite(dt) || dt <= 0 || dt > limit) {
    throw new InvalidValueError('dt', `must lie in (0, ${limit}] (the smallest time constant), got ${dt}`, 'pass a step no larger than the fastest time constant, e.g. a tenth of it');
  }
}
