import { InvalidValueError, NotBipolarError, ShapeError } from '../src/errors.js';
import { isLinearKernel, type Kernel } from '../src/kernels/kernel.js';
import { neuronMajor, type Patterns } from '../src/patterns/pattern-set.js';
import { checkLabels, gramFromOverlaps, linearFeatures, localProblem, overlapMatrix } from './problem.js';
import { checkFitOptions, drive, type FitOptions } from './driver.js';
import { minStability, weightNorm2, type LearningRule, type LocalProblem, type NeuronState, type RuleOptions } from './rule.js';

/** What {@link train} needs from a network (structural, so any engine can be trained). */
export interface TrainableNetwork {
  readonly patterns: Patterns;
  readonly kernel: Kernel;
  /**
   * Receives `alpha` (N x M, neuron-major: `alpha[i * M + mu]`), `theta` (length N) and the kernel
   * they were fitted with; a network whose neuron model computes another kernel refuses them with a
   * typed error.
   */
  setCoefficients(c: { alpha: Float64Array; theta: Float64Array; kernel?: Kernel }): void;
}

/** Options of {@link trainCoefficients}, {@link trainFeedForward} and {@link train}: the driver's, without a curriculum. */
export interface TrainOptions extends Omit<FitOptions, 'sequence'> {
  /** Presentation order source; neuron i draws from `rng.child('neuron:' + i)`, so results do not depend on training order. */
  readonly rng?: FitOptions['rng'];
}

/**
 * What training one neuron achieved. Margins and coefficients live in the kernel's feature
 * space as the rule saw it: divided by `exp(logScale)` for kernels evaluated through `logK`
 * (the true margin is `margin * exp(logScale / 2)`), and with the bias feature included in
 * `||w||` when the rule has `bias: true`.
 */
export interface NeuronReport {
  readonly neuron: number;
  /** The rule's stopping criterion held. */
  readonly converged: boolean;
  readonly epochs: number;
  /** Coefficient changes. */
  readonly updates: number;
  /** `min_mu y^mu h^mu / ||w||` (Eq. 2's kappa for unit weights). */
  readonly margin: number;
  /** `min_mu y^mu h^mu`, unnormalised. */
  readonly minStability: number;
  /** Every example on the right side of the threshold (`min y h > 0`). */
  readonly separates: boolean;
  /** Examples with `alpha^mu != 0` (for MinOver, every example it ever selected; Hebbian: all). */
  readonly supportVectors: number;
  /** `ln` of the kernel scale (0 unless the kernel has `logK`). */
  readonly logScale: number;
}

/**
 * Coefficients of a trained network and one report per neuron. Pass it to a network's
 * `setCoefficients` as it is: it carries the kernel the coefficients were fitted with, which the
 * network checks against its own.
 */
export interface TrainResult {
  /** The kernel the coefficients were fitted with. */
  readonly kernel: Kernel;
  /** N x M, neuron-major: `alpha[i * M + mu]`. */
  readonly alpha: Float64Array;
  /** Length N; includes the learned bias (`theta_i = theta_rule - sum_mu alpha y` with `bias: true`). */
  readonly theta: Float64Array;
  /** Length N: the per-neuron kernel scale of {@link NeuronReport.logScale}. */
  readonly logScale: Float64Array;
  readonly reports: readonly NeuronReport[];
}

/**
 * The N local problems of one network, sharing what can be shared: the overlap matrix
 * `H = X X^T` is computed once, and neuron i's kernel matrix follows from it in O(M^2)
 * (recurrent: `k(H - x_i x_i^T)`; feed-forward: one matrix for every neuron).
 *
 * @example
 * ```ts
 * const source = recurrentProblems(X, linear(), { bias: false });
 * const p3 = source.problem(3);
 * ```
 */
export interface ProblemSource {
  /** Number of neurons N. */
  readonly neurons: number;
  /** Number of examples M. */
  readonly count: number;
  /** The kernel the problems are built with. */
  readonly kernel: Kernel;
  /** Neuron i's problem; its kernel matrix is written into `gram` when given (reuse one buffer across neurons). */
  problem(i: number, gram?: Float64Array): LocalProblem;
}

/** Options shared by the problem sources. */
export interface ProblemSourceOptions {
  /** Add the bias feature (kernel `K + 1`). */
  readonly bias?: boolean;
}

/**
 * Problems of a recurrent network (Property 2.2): neuron i learns `y^mu = xi_i^mu` from
 * `xi^mu` without component i.
 *
 * @throws {@link NotBipolarError} if the patterns are not bipolar (labels must be +/-1).
 * @example
 * ```ts
 * const source = recurrentProblems(X, polynomial({ degree: 2 }));
 * ```
 */
export function recurrentProblems(patterns: Patterns, kernel: Kernel, options: ProblemSourceOptions = {}): ProblemSource {
  const m = patterns.count;
  const n = patterns.dim;
  const t = neuronMajor(patterns);
  for (let i = 0; i < t.length; i++) {
    if (t[i] !== 1 && t[i] !== -1) {
      throw new NotBipolarError('patterns', `entry ${Math.floor(i / m)} of pattern ${i % m} is ${t[i]}, but a recurrent neuron's labels are its own pattern entries and must be +1 or -1`);
    }
  }
  const h = overlapMatrix(patterns);
  const bias = options.bias ? 1 : 0;
  const linearKernel = isLinearKernel(kernel);
  return {
    neurons: n,
    count: m,
    kernel,
    problem(i, gram = new Float64Array(m * m)) {
      const removed = t.subarray(i * m, (i + 1) * m);
      const logScale = gramFromOverlaps(h, removed, m, kernel, bias, gram);
      const features = linearKernel ? linearFeatures(patterns, i, bias) : undefined;
      return localProblem({ gram, labels: removed, logScale, bias, ...(features ? { features } : {}) });
    },
  };
}

/**
 * Problems of a feed-forward network (Property 1): output neuron i learns `y^mu = outputs[mu, i]`
 * from `inputs[mu]`; all neurons share one kernel matrix.
 *
 * @throws {@link ShapeError} if inputs and outputs hold different numbers of patterns;
 * {@link NotBipolarError} for outputs that are not +/-1.
 * @example
 * ```ts
 * const source = feedForwardProblems(Xin, Xout, linear());
 * ```
 */
export function feedForwardProblems(inputs: Patterns, outputs: Patterns, kernel: Kernel, options: ProblemSourceOptions = {}): ProblemSource {
  if (inputs.count !== outputs.count) {
    throw new ShapeError('outputs', `has ${outputs.count} patterns but inputs has ${inputs.count}`, 'pass one output pattern per input pattern');
  }
  const m = inputs.count;
  const t = neuronMajor(outputs);
  checkLabels('outputs', t);
  const bias = options.bias ? 1 : 0;
  const gram = new Float64Array(m * m);
  const logScale = gramFromOverlaps(overlapMatrix(inputs), null, m, kernel, bias, gram);
  const features = isLinearKernel(kernel) ? linearFeatures(inputs, -1, bias) : undefined;
  return {
    neurons: outputs.dim,
    count: m,
    kernel,
    problem(i) {
      return localProblem({ gram, labels: t.subarray(i * m, (i + 1) * m), logScale, bias, ...(features ? { features } : {}) });
    },
  };
}

/**
 * The report of one trained neuron (margin, stability, support vectors), from its fresh fields in O(M).
 *
 * @example
 * ```ts
 * const report = neuronReport(problem, state, 0);
 * ```
 */
export function neuronReport(problem: LocalProblem, state: NeuronState, neuron: number): NeuronReport {
  const min = minStability(problem, state);
  const norm = Math.sqrt(weightNorm2(problem, state));
  let sv = 0;
  for (let mu = 0; mu < problem.count; mu++) if (state.alpha[mu] !== 0) sv++;
  return {
    neuron,
    converged: state.converged,
    epochs: state.epochs,
    updates: state.updates,
    margin: norm > 0 ? min / norm : 0,
    minStability: min,
    separates: min > 0,
    supportVectors: sv,
    logScale: problem.logScale,
  };
}

/**
 * Trains every neuron of a problem source with `rule`, one neuron at a time through the training
 * driver (so only one kernel matrix is held), and collects coefficients and reports. Events, if
 * a listener is given, arrive neuron after neuron.
 *
 * @throws {@link InvalidValueError} for driver options out of range, before any training.
 * @example
 * ```ts
 * const result = trainProblems(recurrentProblems(X, linear()), kernelAdatron(), { rng: createRng(1) });
 * ```
 */
export function trainProblems(source: ProblemSource, rule: LearningRule<RuleOptions>, options: TrainOptions = {}): TrainResult {
  const { neurons: n, count: m, kernel } = source;
  checkFitOptions(options, m);
  const alpha = new Float64Array(n * m);
  const theta = new Float64Array(n);
  const logScale = new Float64Array(n);
  const reports: NeuronReport[] = [];
  const gram = new Float64Array(m * m);
  for (let i = 0; i < n; i++) {
    const problem = source.problem(i, gram);
    const state = rule.init(problem);
    drive(rule, [{ problem, state, neuron: i }], options.rng ? { ...options, rng: options.rng.child(`neuron:${i}`) } : options);
    alpha.set(state.alpha, i * m);
    theta[i] = networkThreshold(problem, state);
    logScale[i] = problem.logScale;
    reports.push(neuronReport(problem, state, i));
  }
  return { kernel, alpha, theta, logScale, reports };
}

/**
 * The threshold a network uses for a trained neuron: the rule's own `theta` minus the learned
 * bias `bias * sum_mu alpha^mu y^mu` (the augmented kernel `K + bias` puts it inside the field).
 *
 * @example
 * ```ts
 * const thetaI = networkThreshold(problem, state);
 * ```
 */
export function networkThreshold(problem: LocalProblem, state: NeuronState): number {
  if (problem.bias === 0) return state.theta;
  let sum = 0;
  for (let mu = 0; mu < problem.count; mu++) sum += state.alpha[mu]! * problem.labels[mu]!;
  return state.theta - problem.bias * sum;
}

/**
 * Trains the N neurons of a recurrent network on their local problems (Eq. 8, Property 2.2):
 * neuron i learns to output `xi_i^mu` from the other neurons' states `xi_{-i}^mu`. The overlap
 * matrix is computed once; each neuron's kernel matrix follows in O(M^2) and is never rebuilt.
 *
 * @throws {@link NotBipolarError} for non-bipolar patterns; the rule's own errors (e.g.
 * {@link SingularMatrixError} from the pseudoinverse when M >= N_phi).
 * @example
 * ```ts
 * const { alpha, theta, reports } = trainCoefficients(X, linear(), kernelAdatron(), { maxEpochs: 500, rng: createRng(1) });
 * reports.every((r) => r.converged);
 * ```
 */
export function trainCoefficients(patterns: Patterns, kernel: Kernel, rule: LearningRule<RuleOptions>, options: TrainOptions = {}): TrainResult {
  return trainProblems(recurrentProblems(patterns, kernel, { bias: rule.options.bias ?? false }), rule, options);
}

/**
 * Trains the output neurons of a feed-forward hetero-associative network (Property 1, Eq. 5-6):
 * output neuron i learns `outputs[mu, i]` from `inputs[mu]`, all sharing one kernel matrix.
 *
 * @example
 * ```ts
 * const { alpha, reports } = trainFeedForward(Xin, Xout, polynomial({ degree: 2, c: 1 }), perceptron());
 * ```
 */
export function trainFeedForward(inputs: Patterns, outputs: Patterns, kernel: Kernel, rule: LearningRule<RuleOptions>, options: TrainOptions = {}): TrainResult {
  return trainProblems(feedForwardProblems(inputs, outputs, kernel, { bias: rule.options.bias ?? false }), rule, options);
}

/**
 * Trains every neuron of `network` on `patterns` (which must be the patterns it stores) and
 * installs the coefficients with `network.setCoefficients`. For kernels evaluated through
 * `logK` the coefficients are handed over in the kernel's true scale
 * (`alpha_i * exp(-logScale_i)`, theta unchanged) when any threshold is non-zero; with all
 * thresholds zero they stay in each neuron's scaled space, which leaves every sign unchanged.
 *
 * @throws {@link ShapeError} if `patterns` differs in shape from `network.patterns`;
 * {@link InvalidValueError} if true-scale coefficients would underflow.
 * @example
 * ```ts
 * const reports = train(net, X, kernelAdatron({ tol: 1e-4 }), { rng: createRng(7) }).reports;
 * ```
 */
export function train(network: TrainableNetwork, patterns: Patterns, rule: LearningRule<RuleOptions>, options: TrainOptions = {}): TrainResult {
  const stored = network.patterns;
  if (stored.count !== patterns.count || stored.dim !== patterns.dim) {
    throw new ShapeError('patterns', `are ${patterns.count} x ${patterns.dim} but the network stores ${stored.count} x ${stored.dim}`, 'train on the patterns the network stores');
  }
  const result = trainCoefficients(patterns, network.kernel, rule, options);
  const m = patterns.count;
  let alpha = result.alpha;
  if (result.logScale.some((s) => s !== 0) && result.theta.some((t) => t !== 0)) {
    alpha = new Float64Array(result.alpha.length);
    for (let i = 0; i < patterns.dim; i++) {
      const f = Math.exp(-result.logScale[i]!);
      for (let mu = 0; mu < m; mu++) {
        const a = result.alpha[i * m + mu]!;
        const v = a * f;
        if (a !== 0 && !(Math.abs(v) >= Number.MIN_VALUE * 2 ** 52)) {
          throw new InvalidValueError('kernel', `coefficients of neuron ${i} underflow in the kernel's true scale (logScale ${result.logScale[i]})`, 'raise the kernel temperature, or train without a threshold (bias: false)');
        }
        alpha[i * m + mu] = v;
      }
    }
  }
  network.setCoefficients({ alpha, theta: Float64Array.from(result.theta), kernel: network.kernel });
  return { ...result, alpha };
}
