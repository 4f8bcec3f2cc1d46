import { InvalidValueError, ParameterError } from '../errors.js';
import { checkKernelConsistency } from '../kernels/check-kernel.js';
import { agreeOnHypercube, type Kernel } from '../kernels/kernel.js';
import { assertLength, neuronMajor, type BipolarPatterns } from '../patterns/pattern-set.js';
import type { Rng } from '../rng/rng.js';
import { alphaRow, storeCoefficients, type StoredCoefficients } from './coefficients.js';
import type { FieldEngine } from './field-engine.js';
import { packBipolar } from './hot-loops.js';
import { kernelFormField } from './kernel-form-neuron.js';
import { neuronModelEngine } from './model-engine.js';
import type { NeuronField, NeuronModel } from './neuron-model.js';
import { overlapEngine } from './overlap-engine.js';
import { checkState, isFixedPointOf, runSchedule, type RunOptions, type RunResult, type TieRule } from './schedule.js';
import { checkBipolarPatterns } from './validate.js';

export type { RunnableNetwork, RunObserver, RunOptions, RunResult, Schedule, SpikeBatch, TieRule } from './schedule.js';

/** Options for {@link recurrentNetwork}. */
export interface RecurrentNetworkOptions {
  /** The stored patterns X (M x N, bipolar). */
  readonly patterns: BipolarPatterns;
  /**
   * The dendritic nonlinearity: any inner-product or translation-invariant kernel. May be left
   * out when the neuron model declares its kernel (`kernelFor`); if both are given they must
   * agree on the hypercube.
   */
  readonly kernel?: Kernel;
  /** Coefficients A, N x M neuron-major (`alpha[i * M + mu]`); defaults to all ones (A = 1). */
  readonly alpha?: Float64Array;
  /** Thresholds, length N; defaults to zeros. */
  readonly theta?: Float64Array;
  /** Tie rule; defaults to `'plus'` (`sgn(0) = +1`). */
  readonly tie?: TieRule;
  /** Must be false or absent: kernel memory networks have no self-connections (Property 2.2). */
  readonly selfConnections?: boolean;
  /** A neuron model computing the fields instead of the overlap tables (the neuron-model engine). */
  readonly neuron?: NeuronModel;
  /** Random source handed to the neuron model's `initialize` (per neuron: `rng.child('neuron:' + i)`). */
  readonly rng?: Rng;
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
  /** The dendritic nonlinearity k (the neuron model's declared kernel when none was given). */
  readonly kernel: Kernel;
  /** The neuron model, if the network runs one. */
  readonly neuron: NeuronModel | undefined;
  /** What a neuron does at a zero field. */
  readonly tie: TieRule;
  /** Current coefficients A (N x M, neuron-major), as a fresh copy (all ones when A = 1): every read allocates N M doubles. */
  readonly alpha: Float64Array;
  /** Current thresholds `theta_i` (length N), as a fresh copy: change them with `setCoefficients`. */
  readonly theta: Float64Array;
  /**
   * Installs trained coefficients (the `train` interface of `plasticity/`), after checking all of
   * them; `kernel`, when given, is the kernel they were fitted with and must agree with the
   * network's on the hypercube (training an SDM network with linear coefficients is an error).
   */
  setCoefficients(c: { alpha?: Float64Array; theta?: Float64Array; kernel?: Kernel }): void;
  /**
   * Neuron i's field `sum_mu alpha_i^mu xi_i^mu K(xi^mu_{-i}, s_{-i}) - theta_i` (Eq. 12), evaluated
   * subunit by subunit (or by the neuron model). On its true scale for every kernel; for exponential
   * kernels beyond the double range it saturates with its sign kept (see `unshiftField`).
   */
  field(i: number, state: ArrayLike<number>): number;
  /** Every neuron's field from the network's engine (O(N M) for the overlap tables), on the same true scale as `field`, written into `out`. */
  fields(state: ArrayLike<number>, out?: Float64Array): Float64Array;
  /** Whether `state` is a fixed point of the asynchronous dynamics. */
  isFixedPoint(state: ArrayLike<number>): boolean;
  /** Runs the dynamics from `cue` (not modified) with the schedule runner (`runSchedule`). */
  run(cue: ArrayLike<number>, options?: RunOptions): RunResult;
}

/**
 * Builds a recurrent network and chooses its field engine once, from what it is given: a neuron
 * model runs on the neuron-model engine (its own field function per neuron); otherwise the
 * overlap engine keeps `h^mu = xi^mu . s` (or squared distances) and updates them in O(M) per
 * flip, with kernel tables updated by what the kernel declares (`linear`, `exponentialRate`),
 * so a sweep costs about two matrix-vector products. Exponential kernels (`logK`) are evaluated
 * shifted by their largest value: no overflow.
 *
 * @throws {@link NotBipolarError} for patterns that are not bipolar; {@link ShapeError} for
 * coefficient shapes that do not match the patterns; {@link ParameterError} if self-connections
 * are requested, the kernel is missing or differs from the neuron model's, its batch forms or
 * declared capabilities disagree with its scalar function ({@link checkKernelConsistency}), or a
 * model has no rng.
 * @example
 * ```ts
 * const net = recurrentNetwork({ patterns: X, kernel: polynomial({ degree: 3 }) });
 * const { state, converged } = net.run(flipBits(patternRow(X, 0), 0.1, rng), { schedule: 'random-permutation', rng });
 * ```
 */
export function recurrentNetwork(options: RecurrentNetworkOptions): RecurrentNetwork {
  const { patterns, neuron: model } = options;
  checkBipolarPatterns('patterns', patterns);
  const tie = options.tie ?? 'plus';
  if (options.selfConnections) {
    throw new ParameterError('selfConnections', 'kernel memory networks have no self-connections: neuron i never reads its own state (Property 2.2, Eq. 12)', 'omit selfConnections');
  }
  if (tie !== 'plus' && tie !== 'keep') throw new ParameterError('tie', `must be 'plus' or 'keep', got ${String(tie)}`, "use tie: 'plus' (sgn(0) = +1) or 'keep'");
  const m = patterns.count;
  const n = patterns.dim;
  const declared = model?.kernelFor?.(n);
  const kernel = options.kernel ?? declared;
  if (!kernel) throw new ParameterError('kernel', 'is required (the neuron model declares no kernel)', 'pass kernel, e.g. polynomial({ degree: 3 })');
  if (declared && !agreeOnHypercube(declared, kernel, n - 1)) {
    throw new ParameterError('kernel', `is ${kernel.name}, but the ${model!.name} neuron model computes fields with ${declared.name} ${JSON.stringify(declared.params)}`, 'leave kernel out (it is taken from the model), or pass the model\'s kernel');
  }
  checkKernelConsistency(kernel, n);
  if (model && !options.rng) throw new ParameterError('rng', 'a network with a neuron model needs a random source for the models\' initialize', 'pass rng: createRng(seed)');
  const xi = neuronMajor(patterns);
  let stored: StoredCoefficients = storeCoefficients(options, xi, { c: null, theta: new Float64Array(n) });
  /** Each neuron's model field for given coefficients (empty without a model). */
  const initialize = (st: StoredCoefficients): NeuronField[] => (model ? Array.from({ length: n }, (_, i) => model.initialize({
    index: i, size: n, patterns, theta: st.theta[i]!, rng: options.rng!.child(`neuron:${i}`), alpha: alphaRow(st, xi, i, m),
  })) : []);
  let modelFields = initialize(stored);
  /** Reference fields of Eq. 12 per neuron (for `field` without a model), built on first use. */
  let reference: (NeuronField | undefined)[] = [];
  let packed: Uint32Array | null = null;
  /** Builds the engine, chosen once by what the network is given. */
  const build: () => FieldEngine = model
    ? () => neuronModelEngine(modelFields)
    : () => overlapEngine({ count: m, size: n, xi, packed: (packed ??= packBipolar(patterns.data, m, n)), kernel, c: stored.c, theta: stored.theta });
  /**
   * The engine is built once per set of coefficients and reused: every use starts with `reset`,
   * which re-derives all its tables from the state. A call made while another use is in progress
   * (an observer calling `fields` during `run`) gets its own engine, so the run's tables stay intact.
   */
  let cached: FieldEngine | null = null;
  let busy = false;
  const withEngine = <T>(use: (engine: FieldEngine) => T): T => {
    if (busy) return use(build());
    busy = true;
    try {
      return use((cached ??= build()));
    } finally {
      busy = false;
    }
  };
  const network: RecurrentNetwork = {
    size: n,
    patterns,
    kernel,
    neuron: model,
    tie,
    get alpha() {
      const out = new Float64Array(n * m).fill(1);
      const c = stored.c;
      if (c) for (let k = 0; k < n * m; k++) out[k] = c[k]! * xi[k]!;
      return out;
    },
    get theta() {
      return Float64Array.from(stored.theta);
    },
    setCoefficients(coefficients) {
      if (coefficients.kernel && !agreeOnHypercube(coefficients.kernel, kernel, n - 1)) {
        throw new ParameterError('kernel', `the coefficients were fitted with ${coefficients.kernel.name} ${JSON.stringify(coefficients.kernel.params)}, but this network computes fields with ${kernel.name} ${JSON.stringify(kernel.params)}`, 'train with network.kernel');
      }
      // Everything that can throw runs before anything is replaced.
      const next = storeCoefficients(coefficients, xi, stored);
      const fields = initialize(next);
      stored = next;
      modelFields = fields;
      reference = [];
      cached = null;
    },
    field(i, s) {
      if (!Number.isInteger(i) || i < 0 || i >= n) throw new InvalidValueError('i', `must be a neuron index in [0, ${n}), got ${i}`, 'pass a valid neuron index');
      checkState('state', s, n);
      const state = Int8Array.from(s);
      if (model) return modelFields[i]!(state);
      reference[i] ??= kernelFormField(kernel, { index: i, size: n, patterns, alpha: alphaRow(stored, xi, i, m), theta: stored.theta[i]! });
      return reference[i]!(state);
    },
    fields(s, out = new Float64Array(n)) {
      checkState('state', s, n);
      assertLength('out', out, n);
      const state = Int8Array.from(s);
      return withEngine((e) => {
        e.reset(state);
        for (let i = 0; i < n; i++) out[i] = e.field(i, state);
        return out;
      });
    },
    isFixedPoint(s) {
      checkState('state', s, n);
      return withEngine((e) => isFixedPointOf(e, Int8Array.from(s), tie));
    },
    run: (cue, runOptions = {}) => withEngine((e) => runSchedule(e, cue, { ...runOptions, tie })),
  };
  return network;
}
