import { InvalidValueError, ParameterError, ShapeError, assertPositiveInteger } from '../errors.js';
import { evalK, exponentialRate, isLinearKernel, type Kernel } from '../kernels/kernel.js';
import type { NeuronField, NeuronModel } from './neuron-model.js';
import { addInt8Row, combineTables, dotInt8, dotPair, hammingStats, packBipolar, scaleRows, subunitInputs } from './hot-loops.js';
import { unshiftField } from './scaled-field.js';
import { assertBipolarVector, assertLength, neuronMajor, type BipolarPatterns } from '../patterns/pattern-set.js';
import { checkBipolarPatterns } from './validate.js';
import type { Rng } from '../rng/rng.js';

/**
 * Update schedules (DESIGN.md section 3): `synchronous` (Eq. 9-10); asynchronous (Eq. 12) in a
 * `fixed` order, as `random-permutation` sweeps, `random-sequential` (N uniform picks per sweep),
 * or `poisson`: every neuron has a rate-1 Poisson clock, i.e. events at rate N, each waking a
 * uniformly chosen neuron, with exponential waiting times.
 */
export type Schedule = 'synchronous' | 'fixed' | 'random-permutation' | 'random-sequential' | 'poisson';

/** What a neuron does when its field is exactly its threshold: `sgn(0) = +1`, or keep its state. */
export type TieRule = 'plus' | 'keep';

/** Options for {@link recurrentNetwork}. */
export interface RecurrentNetworkOptions {
  /** The stored patterns X (M x N, bipolar). */
  readonly patterns: BipolarPatterns;
  /** The dendritic nonlinearity: any inner-product or translation-invariant kernel. */
  readonly kernel: Kernel;
  /** Coefficients A, N x M neuron-major (`alpha[i * M + mu]`); defaults to all ones (A = 1). */
  readonly alpha?: Float64Array;
  /** Thresholds, length N; defaults to zeros. */
  readonly theta?: Float64Array;
  /** Tie rule; defaults to `'plus'` (`sgn(0) = +1`). */
  readonly tie?: TieRule;
  /** Must be false or absent: kernel memory networks have no self-connections (Property 2.2). */
  readonly selfConnections?: boolean;
  /**
   * A neuron model to compute fields instead of the built-in kernel form (Eq. 12); the network
   * then runs every update through the model's field function (the generic path).
   */
  readonly neuron?: NeuronModel;
  /** Random source handed to the neuron model's `initialize` (per neuron: `rng.child('neuron:' + i)`). */
  readonly rng?: Rng;
}

/** One batch of state changes: the spikes of one step (a sweep, or a synchronous update). */
export interface SpikeBatch {
  /** Step index (sweep number, from 1). */
  readonly step: number;
  /** Number of valid entries in `time`, `neuron` and `state`. */
  readonly length: number;
  /** Event times (update count, or continuous time for `poisson`). Valid up to `length`. */
  readonly time: Float64Array;
  /** Index of each neuron that changed. Valid up to `length`. */
  readonly neuron: Int32Array;
  /** The new state of each neuron that changed. */
  readonly state: Int8Array;
}

/** Callbacks a run reports to (the spike bus in `src/sim` builds on these). */
export interface RunObserver {
  /**
   * Called once per step with that step's state changes. The batch's arrays are reused between
   * steps: copy what you keep.
   */
  spikes?(batch: SpikeBatch): void;
  /** Called after each step with the current state (also reused: copy what you keep). */
  step?(step: number, state: Int8Array, flips: number): void;
}

/** Options for {@link RecurrentNetwork.run}. */
export interface RunOptions {
  /** Update schedule; defaults to `'random-permutation'`. */
  readonly schedule?: Schedule;
  /** Required for random schedules and Glauber noise. */
  readonly rng?: Rng;
  /** Step limit (sweeps of N updates, or synchronous steps); defaults to 100. */
  readonly maxSweeps?: number;
  /** Glauber temperature T >= 0: `P(s_i = +1) = 1 / (1 + exp(-2 h_i / T))`; 0 (default) is deterministic. */
  readonly temperature?: number;
  /** Order of the `fixed` schedule (a permutation of 0..N-1); defaults to 0..N-1. */
  readonly order?: Int32Array;
  /** `'fast'` (default) keeps the overlaps and updates them in O(M) per flip; `'generic'` evaluates each field from scratch in O(NM). Both give identical trajectories. Networks with a neuron model always take the generic path. */
  readonly path?: 'fast' | 'generic';
  /** Receives each step's spikes and state (the spike bus subscribes here). */
  readonly observer?: RunObserver;
}

/** Where a run ended. */
export interface RunResult {
  /** The final state (a fresh array). */
  readonly state: Int8Array;
  /** A full sweep without a change (never at T > 0). */
  readonly converged: boolean;
  /** Steps run (sweeps, or synchronous updates). */
  readonly sweeps: number;
  /** Single-neuron updates evaluated. */
  readonly updates: number;
  /** State changes. */
  readonly flips: number;
  /** Final time: updates so far, or the Poisson clock. */
  readonly time: number;
}

/**
 * A recurrent auto-associative kernel memory network without self-connections (Property 2.2):
 * neuron i fires `sgn(sum_mu alpha_i^mu xi_i^mu k(sum_{j != i} xi_j^mu s_j) - theta_i)` (Eq. 12),
 * i.e. a two-layer pyramidal unit whose dendritic subunits are the stored patterns.
 */
export interface RecurrentNetwork {
  /** Number of neurons N. */
  readonly size: number;
  /** The stored patterns X. */
  readonly patterns: BipolarPatterns;
  /** The dendritic nonlinearity k. */
  readonly kernel: Kernel;
  /** What a neuron does at a zero field. */
  readonly tie: TieRule;
  /** Current coefficients A (N x M, neuron-major), as a fresh copy (all ones when A = 1). */
  readonly alpha: Float64Array;
  /** Current thresholds `theta_i` (length N). */
  readonly theta: Float64Array;
  /** Installs trained coefficients (the `train` interface of `plasticity/`). */
  setCoefficients(c: { alpha: Float64Array; theta: Float64Array }): void;
  /**
   * Neuron i's field `sum_mu alpha_i^mu xi_i^mu K(xi^mu_{-i}, s_{-i}) - theta_i` (Eq. 12), evaluated
   * subunit by subunit (or by the neuron model). On its true scale for every kernel; for exponential
   * kernels beyond the double range it saturates with its sign kept (see `unshiftField`).
   */
  field(i: number, state: ArrayLike<number>): number;
  /** Every neuron's field (fast path, O(N M / 32 + N M)), on the same true scale as `field`, written into `out`. */
  fields(state: ArrayLike<number>, out?: Float64Array): Float64Array;
  /** Whether `state` is a fixed point of the asynchronous dynamics. */
  isFixedPoint(state: ArrayLike<number>): boolean;
  /** Runs the dynamics from `cue` (not modified). */
  run(cue: ArrayLike<number>, options?: RunOptions): RunResult;
}

/**
 * Builds a recurrent network. Inner-product and distance kernels both take the fast path: the
 * network keeps the overlaps `h^mu = xi^mu . s` (or squared distances), computes a field from
 * `h^mu - xi_i^mu s_i` in O(M) and updates them in O(M) only when a neuron flips, so a sweep
 * costs about two matrix-vector products. Patterns are kept neuron-major for that loop.
 * Exponential kernels (`logK`) are evaluated shifted by their largest value: no overflow.
 *
 * @throws {@link NotBipolarError} for patterns that are not bipolar; {@link ShapeError} for
 * coefficient shapes that do not match the patterns; {@link ParameterError} if self-connections
 * are requested.
 * @example
 * ```ts
 * const net = recurrentNetwork({ patterns: X, kernel: polynomial({ degree: 3 }) });
 * const { state, converged } = net.run(flipBits(patternRow(X, 0), 0.1, rng), { schedule: 'random-permutation', rng });
 * ```
 */
export function recurrentNetwork(options: RecurrentNetworkOptions): RecurrentNetwork {
  const { patterns, kernel } = options;
  checkBipolarPatterns('patterns', patterns);
  const tie = options.tie ?? 'plus';
  if (options.selfConnections) {
    throw new ParameterError('selfConnections', 'kernel memory networks have no self-connections: neuron i never reads its own state (Property 2.2, Eq. 12)', 'omit selfConnections');
  }
  if (tie !== 'plus' && tie !== 'keep') throw new ParameterError('tie', `must be 'plus' or 'keep', got ${String(tie)}`, "use tie: 'plus' (sgn(0) = +1) or 'keep'");
  const m = patterns.count;
  const n = patterns.dim;
  const t = neuronMajor(patterns);
  const theta = new Float64Array(n);
  /**
   * A = 1 (Hebbian, modern Hopfield) needs no coefficient array: c = xi, and sum_mu alpha B =
   * sum_mu B is the same for every neuron. Otherwise only `c[i * M + mu] = alpha_i^mu xi_i^mu`
   * is kept (N x M Float64Array, 800 MB at N = M = 10^4), allocated only then; `alpha = c xi`
   * is recovered exactly on demand (xi = +/-1), so the hot loop streams 9 bytes per entry
   * (c and the Int8 xi), not 16.
   */
  let unitAlpha = true;
  const model = options.neuron;
  let modelFields: NeuronField[] | null = null;
  let c: Float64Array | null = null;
  /** This neuron's row of A (ones when A = 1). */
  const alphaRow = (i: number): Float64Array => {
    const row = new Float64Array(m).fill(1);
    if (c) for (let mu = 0; mu < m; mu++) row[mu] = c[i * m + mu]! * t[i * m + mu]!;
    return row;
  };
  const install = (a: Float64Array | undefined, th: Float64Array | undefined): void => {
    // Validate everything before changing anything: a rejected call leaves the network as it was.
    let ones = true;
    if (a) {
      if (a.length !== n * m) throw new ShapeError('alpha', `has ${a.length} entries, expected N x M = ${n} x ${m}`, 'pass alpha neuron-major, alpha[i * M + mu]');
      for (let k = 0; k < a.length; k++) {
        const v = a[k]!;
        if (!Number.isFinite(v)) throw new InvalidValueError('alpha', `entry ${k} is ${v}`, 'pass finite coefficients');
        if (v !== 1) ones = false;
      }
    }
    if (th) {
      assertLength('theta', th, n);
      for (let k = 0; k < n; k++) if (!Number.isFinite(th[k]!)) throw new InvalidValueError('theta', `entry ${k} is ${th[k]}`, 'pass finite thresholds');
    }
    const root = options.rng;
    if (model && !root) throw new ParameterError('rng', 'a network with a neuron model needs a random source for the models\' initialize', 'pass rng: createRng(seed)');
    if (a) {
      unitAlpha = ones;
      if (ones) {
        c = null;
      } else {
        c = new Float64Array(n * m);
        for (let k = 0; k < n * m; k++) c[k] = a[k]! * t[k]!;
      }
    }
    if (th) theta.set(th);
    if (model) {
      modelFields = Array.from({ length: n }, (_, i) => model.initialize({
        index: i, size: n, patterns, theta: theta[i]!, rng: root!.child(`neuron:${i}`), alpha: alphaRow(i),
      }));
    }
  };
  install(options.alpha, options.theta);

  const inner = kernel.kind === 'inner-product';
  const kfn = inner ? kernel.k : kernel.g2;
  const logK = inner ? kernel.logK : undefined;
  const scratch = new Float64Array(m);

  /**
   * Neuron i's own term `xi_i^mu s_i` is +1 or -1, so its subunit input is one of two values
   * per pattern: `h^mu - 1` or `h^mu + 1` (inner product), `d2^mu` or `d2^mu - 4` (distance).
   * `kernelTables` stores, per pattern, `A = (k_same + k_diff) / 2` and `B = (k_same - k_diff) / 2`,
   * so that `k_i^mu = A^mu + xi_i^mu s_i B^mu` and the field is two dot products of length M:
   * `sum_mu c_i^mu A^mu + s_i sum_mu c_i^mu xi_i^mu B^mu - theta_i` (using `c xi = alpha`).
   * The tables change only when a neuron flips. For `logK` kernels the values are scaled by
   * `exp(-shift)`; the returned shift lets thresholds and noise use the true scale.
   * `b` has length M + 1: `b[M]` holds `sum_mu B^mu`, the second dot product when A = 1.
   */
  const inSame = new Float64Array(m);
  const inDiff = new Float64Array(m);
  const kSame = new Float64Array(m);
  const kDiff = new Float64Array(m);
  const kernelTables = (stat: Float64Array, a: Float64Array, b: Float64Array): number => {
    subunitInputs(stat, inSame, inDiff, m, inner);
    // Batch evaluation keeps the per-pattern loop inside the kernel (monomorphic).
    const log = logK !== undefined;
    evalK(kernel, inSame, kSame, m, { log });
    evalK(kernel, inDiff, kDiff, m, { log });
    return combineTables(kSame, kDiff, a, b, m, log);
  };

  /** `sum_mu alpha_i^mu xi_i^mu k_i^mu`, without the threshold (scaled by exp(-shift) for logK kernels). */
  const fastSum = (i: number, si: number, a: Float64Array, b: Float64Array): number => {
    const base = i * m;
    return unitAlpha ? dotInt8(t, base, a, m) + si * b[m]! : dotPair(c!, t, base, a, b, si, m);
  };
  /** The field scaled by exp(-shift): what the dynamics compare with 0 (sgn is scale invariant). */
  const fastField = (i: number, si: number, a: Float64Array, b: Float64Array, shift: number): number => {
    const th = theta[i]!;
    return fastSum(i, si, a, b) - (th === 0 ? 0 : shift === 0 ? th : th * Math.exp(-shift));
  };

  const rate = exponentialRate(kernel);
  const linearKernel = isLinearKernel(kernel);
  const up = Math.exp(2 * rate);
  const down = Math.exp(-2 * rate);
  /** Exponential kernel after neuron i flipped to v: A^mu, B^mu scale by exp(2 rate xi_i^mu v). */
  const scaleTables = (i: number, v: number, a: Float64Array, b: Float64Array): void => {
    b[m] = scaleRows(a, b, t, i * m, v, up, down, m);
  };

  // Bipolar states: overlaps from packed bits (XOR + popcount), 32 entries per operation.
  let packedPatterns: Uint32Array | null = null;
  const packedState = new Uint32Array((n + 31) >>> 5);
  const computeStats = (s: ArrayLike<number>, out: Float64Array): Float64Array => {
    packedPatterns ??= packBipolar(patterns.data, m, n);
    return hammingStats(packedPatterns, m, n, packBipolar(s, 1, n, packedState), out, !inner);
  };

  /** After s_i changed from -v to v: h^mu += 2 xi_i^mu v; d2^mu changes by (xi - v)^2 - (xi + v)^2 = -4 xi v. */
  const flipStats = (i: number, v: number, stat: Float64Array): void => {
    addInt8Row(stat, t, i * m, inner ? 2 * v : -4 * v, m);
  };

  /** Shift of the last `directSum` evaluation (for logK kernels), so noise sees the true field. */
  let directShift = 0;
  /** Neuron i's field evaluated subunit by subunit (O(N M)), scaled by exp(-shift) for logK kernels. */
  const directField = (i: number, s: ArrayLike<number>): number => {
    if (modelFields) return modelFields[i]!(s as Int8Array);
    const sum = directSum(i, s);
    const th = theta[i]!;
    return logK && th !== 0 ? sum - th * Math.exp(-directShift) : sum - th;
  };
  /** `sum_mu alpha_i^mu xi_i^mu k(xi^mu_{-i}, s_{-i})` without the threshold; sets `directShift`. */
  const directSum = (i: number, s: ArrayLike<number>): number => {
    const { data } = patterns;
    const coef: ArrayLike<number> = c ?? t;
    const base = i * m;
    let sum = 0;
    let max = -Infinity;
    for (let mu = 0; mu < m; mu++) {
      const b = mu * n;
      let acc = 0;
      if (inner) { for (let j = 0; j < n; j++) if (j !== i) acc += data[b + j]! * s[j]!; }
      else for (let j = 0; j < n; j++) if (j !== i) { const d = data[b + j]! - s[j]!; acc += d * d; }
      scratch[mu] = logK ? logK(acc) : kfn(acc);
      if (scratch[mu]! > max) max = scratch[mu]!;
    }
    if (logK) {
      directShift = max;
      for (let mu = 0; mu < m; mu++) sum += coef[base + mu]! * Math.exp(scratch[mu]! - max);
      return sum;
    }
    directShift = 0;
    for (let mu = 0; mu < m; mu++) sum += coef[base + mu]! * scratch[mu]!;
    return sum;
  };

  const checkState = (parameter: string, s: ArrayLike<number>): void => {
    assertLength(parameter, s, n);
    for (let j = 0; j < n; j++) if (Number.isNaN(s[j]!)) throw new InvalidValueError(parameter, `entry ${j} is NaN`, 'pass a bipolar state of +1/-1');
    assertBipolarVector(parameter, s);
  };

  const decide = (h: number, current: number, temperature: number, rng: Rng | undefined, scale: number): number => {
    if (temperature > 0) {
      if (h === 0) return rng!.uniform() < 0.5 ? 1 : -1;
      const x = (-2 * h * scale) / temperature;
      return rng!.uniform() < 1 / (1 + Math.exp(x)) ? 1 : -1;
    }
    if (h > 0) return 1;
    if (h < 0) return -1;
    return tie === 'plus' ? 1 : current;
  };

  /**
   * Every neuron's field: the neuron models' own functions, or the fast path's tables. With
   * `trueScale` the fields of logK kernels are returned on their true scale (`unshiftField`),
   * otherwise scaled by exp(-shift) like the dynamics see them.
   */
  const allFields = (s: Int8Array, out: Float64Array, trueScale: boolean): Float64Array => {
    if (modelFields) {
      for (let i = 0; i < n; i++) out[i] = modelFields[i]!(s);
      return out;
    }
    const a = new Float64Array(m);
    const b = new Float64Array(m + 1);
    const shift = kernelTables(computeStats(s, new Float64Array(m)), a, b);
    for (let i = 0; i < n; i++) out[i] = trueScale ? unshiftField(fastSum(i, s[i]!, a, b), shift, theta[i]!) : fastField(i, s[i]!, a, b, shift);
    return out;
  };

  const network: RecurrentNetwork = {
    size: n,
    patterns,
    kernel,
    tie,
    get alpha() {
      const out = new Float64Array(n * m).fill(1);
      if (c) for (let k = 0; k < n * m; k++) out[k] = c[k]! * t[k]!;
      return out;
    },
    theta,
    setCoefficients(coefficients) {
      install(coefficients.alpha, coefficients.theta);
    },
    field(i, s) {
      if (!Number.isInteger(i) || i < 0 || i >= n) throw new InvalidValueError('i', `must be a neuron index in [0, ${n}), got ${i}`, 'pass a valid neuron index');
      checkState('state', s);
      const state = Int8Array.from(s as ArrayLike<number>);
      if (modelFields) return modelFields[i]!(state);
      return unshiftField(directSum(i, state), directShift, theta[i]!);
    },
    fields(s, out = new Float64Array(n)) {
      checkState('state', s);
      assertLength('out', out, n);
      return allFields(Int8Array.from(s as ArrayLike<number>), out, true);
    },
    isFixedPoint(s) {
      checkState('state', s);
      const state = Int8Array.from(s as ArrayLike<number>);
      const h = allFields(state, new Float64Array(n), false);
      for (let i = 0; i < n; i++) if (decide(h[i]!, state[i]!, 0, undefined, 1) !== state[i]) return false;
      return true;
    },
    run(cue, runOptions = {}) {
      checkState('cue', cue);
      const schedule = runOptions.schedule ?? 'random-permutation';
      const temperature = runOptions.temperature ?? 0;
      if (!(temperature >= 0) || !Number.isFinite(temperature)) throw new InvalidValueError('temperature', `must be a finite number >= 0, got ${temperature}`, 'pass T >= 0');
      const maxSweeps = runOptions.maxSweeps ?? 100;
      assertPositiveInteger('maxSweeps', maxSweeps);
      const rng = runOptions.rng;
      if (!rng && (schedule === 'random-permutation' || schedule === 'random-sequential' || schedule === 'poisson' || temperature > 0)) {
        throw new ParameterError('rng', `the ${temperature > 0 ? 'Glauber noise' : `'${schedule}' schedule`} needs a random source`, 'pass rng: createRng(seed)');
      }
      if (!['synchronous', 'fixed', 'random-permutation', 'random-sequential', 'poisson'].includes(schedule)) {
        throw new ParameterError('schedule', `unknown schedule "${schedule}"`, 'use synchronous, fixed, random-permutation, random-sequential or poisson');
      }
      let order = runOptions.order;
      if (order) {
        const seen = new Uint8Array(n);
        if (order.length !== n || !order.every((v) => v >= 0 && v < n && !seen[v] && (seen[v] = 1))) {
          throw new ParameterError('order', 'must be a permutation of 0..N-1', 'pass each neuron index exactly once');
        }
      } else {
        order = new Int32Array(n).map((_, k) => k);
      }
      const generic = runOptions.path === 'generic' || modelFields !== null;
      const observer = runOptions.observer;
      const s = Int8Array.from(cue as ArrayLike<number>);
      const stat = computeStats(s, new Float64Array(m));
      const tabA = new Float64Array(m);
      const tabB = new Float64Array(m + 1);
      let shift = generic ? 0 : kernelTables(stat, tabA, tabB);
      /** Log-range the multiplicative updates have drifted since the last full refresh (bounded to stay in range). */
      let drift = 0;
      const bTime = new Float64Array(n);
      const bNeuron = new Int32Array(n);
      const bState = new Int8Array(n);
      let batchLength = 0;
      const emit = (step: number): void => {
        if (observer?.spikes) observer.spikes({ step, length: batchLength, time: bTime, neuron: bNeuron, state: bState });
        batchLength = 0;
      };
      // Coefficients cannot change during a run: hold them in locals, and call the top-level typed-array
      // loops directly (no closure chain per update, whichever networks ran before in this process).
      const cRun = c as Float64Array | null;
      const fieldOf = (i: number): number => {
        if (generic) return directField(i, s);
        const base = i * m;
        const si = s[i]!;
        const h = cRun === null ? dotInt8(t, base, tabA, m) + si * tabB[m]! : dotPair(cRun, t, base, tabA, tabB, si, m);
        const th = theta[i]!;
        return th === 0 ? h : h - (shift === 0 ? th : th * Math.exp(-shift));
      };
      /** exp(shift) of the last field: built-in fields of logK kernels are scaled by exp(-shift), noise needs the true value (neuron models return true fields). */
      const scaleOf = (): number => (logK && !modelFields ? Math.exp(generic ? directShift : shift) : 1);
      let updates = 0;
      let flips = 0;
      let time = 0;
      let sweeps = 0;
      let converged = false;
      const perm = new Int32Array(n);
      const next = new Float64Array(n);
      for (let sweep = 1; sweep <= maxSweeps; sweep++) {
        sweeps = sweep;
        let changed = 0;
        if (schedule === 'synchronous') {
          for (let i = 0; i < n; i++) next[i] = decide(fieldOf(i), s[i]!, temperature, rng, scaleOf());
          for (let i = 0; i < n; i++) {
            if (next[i] !== s[i]) {
              s[i] = next[i]!;
              changed++;
              if (batchLength < n) { bTime[batchLength] = sweep; bNeuron[batchLength] = i; bState[batchLength] = s[i]!; batchLength++; }
            }
          }
          updates += n;
          time = sweep;
          if (changed > 0 && !generic) shift = kernelTables(computeStats(s, stat), tabA, tabB);
        } else {
          if (schedule === 'random-permutation') rng!.permutation(n, perm);
          for (let k = 0; k < n; k++) {
            const i = schedule === 'fixed' ? order[k]! : schedule === 'random-permutation' ? perm[k]! : rng!.int(n);
            if (schedule === 'poisson') time += rng!.exponential(n);
            else time++;
            updates++;
            const v = decide(fieldOf(i), s[i]!, temperature, rng, scaleOf());
            if (v !== s[i]) {
              s[i] = v;
              changed++;
              if (!generic) {
                flipStats(i, v, stat);
                if (linearKernel) {
                  // k(h) = h: A^mu = h^mu moves with the overlap, B^mu = -1 does not change.
                  addInt8Row(tabA, t, i * m, 2 * v, m);
                } else if (rate > 0 && drift + 2 * rate < 300) {
                  // h^mu moved by 2 xi_i^mu v: every kernel value of pattern mu scales by exp(2 rate xi v).
                  drift += 2 * rate;
                  scaleTables(i, v, tabA, tabB);
                } else {
                  drift = 0;
                  shift = kernelTables(stat, tabA, tabB);
                }
              }
              if (batchLength === bTime.length) emit(sweep);
              bTime[batchLength] = time; bNeuron[batchLength] = i; bState[batchLength] = v; batchLength++;
            }
          }
        }
        flips += changed;
        emit(sweep);
        observer?.step?.(sweep, s, changed);
        if (temperature === 0 && changed === 0) {
          // Sweeps that visit every neuron prove a fixed point; random picks may miss some, so check.
          if (schedule === 'fixed' || schedule === 'random-permutation' || schedule === 'synchronous' || network.isFixedPoint(s)) {
            converged = true;
            break;
          }
        }
      }
      return { state: s, converged, sweeps, updates, flips, time };
    },
  };
  return network;
}
