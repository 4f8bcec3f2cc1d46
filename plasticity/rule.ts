import { ParameterError } from '../src/errors.js';

/**
 * One neuron's local learning problem: examples `x^mu` (through their kernel matrix, and
 * optionally explicit features) with labels `y^mu = +/-1`.
 *
 * In a recurrent network, neuron i's examples are the patterns with component i removed and
 * its labels are `xi_i^mu` (Property 2.2); in a feed-forward network (Property 1) the inputs
 * are the input patterns and the labels one output component.
 *
 * The kernel matrix may be scaled by a positive constant `exp(-logScale)` (kernels with
 * `logK`, e.g. the exponential, would overflow otherwise) and may carry a constant `+bias`
 * added to every entry (the bias feature). Coefficients, fields and margins then live in
 * that scaled, augmented feature space; signs of fields are unaffected.
 *
 * @example
 * ```ts
 * const problem = localProblem({ gram: Float64Array.of(2, 0, 0, 2), labels: Float64Array.of(1, -1) });
 * problem.count; // 2
 * ```
 */
export interface LocalProblem {
  /** Number of examples M. */
  readonly count: number;
  /** `y^mu` in {-1, +1}, length M. */
  readonly labels: Float64Array;
  /** Kernel matrix `K[mu * M + nu] = K(x^mu, x^nu)` (scaled and bias-augmented), symmetric. */
  readonly gram: Float64Array;
  /** The diagonal `K(x^mu, x^mu)`, length M. */
  readonly diag: Float64Array;
  /** Explicit features `phi(x^mu)`, pattern-major M x dim, when the feature map is cheap (linear kernel). */
  readonly features?: { readonly dim: number; readonly data: Float64Array };
  /** `ln` of the factor the kernel was divided by (0 when unscaled). */
  readonly logScale: number;
  /** Value added to every kernel entry for the bias feature (0 = no bias). */
  readonly bias: number;
}

/**
 * The learned state of one neuron: dual coefficients, threshold, the current fields, counters
 * and the rule's own derived numbers. Rules mutate it in place; nothing here is shared between
 * neurons, and nothing a rule learns lives anywhere else, so a state is plain data (typed arrays,
 * numbers, a boolean) that can be copied, saved and handed to another rule object with the same
 * options.
 *
 * Invariant (kernel form): `field[mu] = sum_nu alpha[nu] y[nu] K[nu, mu] - theta`, kept
 * up to date in O(M) per coefficient change. In feature form `w = sum_mu alpha[mu] y[mu] phi(x^mu)`
 * and `field` is exact after training and at epoch ends (during an epoch only the presented
 * example's entry is refreshed).
 *
 * @example
 * ```ts
 * const state = createState(problem, 'kernel');
 * state.alpha; // Float64Array(M) of zeros
 * ```
 */
export interface NeuronState {
  /** `alpha^mu` (Lagrange multipliers; >= 0 for the margin rules, signed for the pseudoinverse). */
  readonly alpha: Float64Array;
  /** The rule's own threshold (the bias, if any, is carried by the augmented kernel). */
  theta: number;
  /** Fields `h^mu` on the training examples. */
  readonly field: Float64Array;
  /** Feature-form weights, present only in feature form. */
  readonly w?: Float64Array;
  /**
   * Numbers a rule derives from the problem in `init` and reads while learning (e.g. the centred
   * Hebbian rule's mean kernel values); empty for most rules. Kept here, not in the rule object,
   * so that equal rule objects are interchangeable.
   */
  readonly aux: Float64Array;
  /** Epochs run so far. */
  epochs: number;
  /** Coefficient changes so far. */
  updates: number;
  /** Whether the rule's stopping criterion held at the end of the last training call. */
  converged: boolean;
}

/** Hyperparameters every rule accepts. */
export interface RuleOptions {
  /** Learn a threshold through a constant bias feature (kernel `K + 1`). Defaults to false. */
  readonly bias?: boolean;
}

/**
 * A local, online learning rule (scikit-learn's estimator contract, Brian2's rule that modules
 * never call the scheduler): readonly hyperparameters, `init` for an explicit learned
 * {@link NeuronState}, `partialFit` for one presentation, the stopping criterion `isConverged`,
 * and optionally `select` (rules that choose their example) and a closed form `solve`. The
 * training driver ({@link fit}, {@link trainProblems}, {@link trainingSession}) owns epochs,
 * presentation order, stopping and events; a rule never loops over epochs itself.
 *
 * @example
 * ```ts
 * const rule = kernelAdatron({ tol: 1e-4 });
 * const state = fit(rule, problem, rule.init(problem), { maxEpochs: 500, rng: createRng(1) });
 * state.converged; // true on separable data
 * ```
 */
export interface LearningRule<O extends RuleOptions = RuleOptions> {
  /** Registry name, equal to the factory's name, e.g. `"kernelAdatron"`. */
  readonly name: string;
  /** Hyperparameters only, complete (defaults filled in), frozen, JSON-serialisable. */
  readonly options: Readonly<O>;
  /** `'kernel'` updates `alpha` through the kernel matrix; `'feature'` updates `w` through explicit features. */
  readonly form: 'kernel' | 'feature';
  /** A fresh state for `problem`; validates hyperparameters that depend on it (e.g. `eta < 2 / K(x, x)`). */
  init(problem: LocalProblem): NeuronState;
  /** One presentation of example `mu`; returns whether the state changed. Never allocates. */
  partialFit(problem: LocalProblem, state: NeuronState, mu: number): boolean;
  /** The rule's stopping criterion on the current (fresh) fields. */
  isConverged(problem: LocalProblem, state: NeuronState): boolean;
  /** Rules that choose their own example (MinOver) say which one to present next. */
  select?(problem: LocalProblem, state: NeuronState): number;
  /** A closed-form solution written into `state` (Hebbian, pseudoinverse); the driver uses it unless asked to present examples. */
  solve?(problem: LocalProblem, state: NeuronState): void;
  /**
   * Rules with `select` may run `steps` self-selected presentations in one fused loop: the same
   * states, bit for bit, as `steps` times `partialFit(problem, state, select(problem, state))`.
   * Returns how many of them changed the state. The driver uses it when nobody listens to single
   * presentations. Never allocates.
   */
  fitSelected?(problem: LocalProblem, state: NeuronState, steps: number): number;
}

/**
 * A zeroed state for `problem` in the given form, with `aux` slots for the rule's derived numbers.
 *
 * @throws {@link ParameterError} for feature form on a problem without explicit features.
 * @example
 * ```ts
 * const state = createState(problem, 'feature'); // state.w has problem.features.dim entries
 * ```
 */
export function createState(problem: LocalProblem, form: 'kernel' | 'feature', auxSlots = 0): NeuronState {
  const m = problem.count;
  let w: Float64Array | undefined;
  if (form === 'feature') {
    if (!problem.features) {
      throw new ParameterError('form', "feature form needs explicit features, and this kernel has none", "use form: 'kernel' (kernelAdatron instead of adatron) or the linear kernel");
    }
    w = new Float64Array(problem.features.dim);
  }
  const state: NeuronState = { alpha: new Float64Array(m), theta: 0, field: new Float64Array(m), aux: new Float64Array(auxSlots), epochs: 0, updates: 0, converged: false };
  return w ? { ...state, w } : state;
}

/**
 * A deep copy of a state (its arrays copied), e.g. to continue training from a snapshot.
 *
 * @example
 * ```ts
 * const snapshot = cloneState(state);
 * ```
 */
export function cloneState(state: NeuronState): NeuronState {
  const copy: NeuronState = {
    alpha: Float64Array.from(state.alpha), theta: state.theta, field: Float64Array.from(state.field), aux: Float64Array.from(state.aux),
    epochs: state.epochs, updates: state.updates, converged: state.converged,
  };
  return state.w ? { ...copy, w: Float64Array.from(state.w) } : copy;
}

/**
 * Changes `alpha^mu` by `delta` and updates every field in O(M) (kernel form):
 * `h^nu += delta y^mu K[mu, nu]`. In feature form it updates `w += delta y^mu phi(x^mu)` in O(dim)
 * and refreshes `h^mu` only.
 *
 * @example
 * ```ts
 * applyUpdate(problem, state, mu, 1); // a perceptron step on example mu
 * ```
 */
export function applyUpdate(problem: LocalProblem, state: NeuronState, mu: number, delta: number): void {
  state.alpha[mu]! += delta;
  state.updates++;
  const c = delta * problem.labels[mu]!;
  const w = state.w;
  if (w) {
    const { dim, data } = problem.features!;
    const base = mu * dim;
    let h = 0;
    for (let j = 0; j < dim; j++) {
      const v = w[j]! + c * data[base + j]!;
      w[j] = v;
      h += v * data[base + j]!;
    }
    state.field[mu] = h - state.theta;
    return;
  }
  const { count: m, gram } = problem;
  const field = state.field;
  const row = mu * m;
  for (let nu = 0; nu < m; nu++) field[nu]! += c * gram[row + nu]!;
}

/**
 * The current field of example `mu`: `w . phi(x^mu) - theta` in feature form (O(dim)), the
 * maintained `field[mu]` in kernel form (O(1)).
 *
 * @example
 * ```ts
 * const yh = problem.labels[mu] * currentField(problem, state, mu);
 * ```
 */
export function currentField(problem: LocalProblem, state: NeuronState, mu: number): number {
  const w = state.w;
  if (!w) return state.field[mu]!;
  const { dim, data } = problem.features!;
  const base = mu * dim;
  let h = 0;
  for (let j = 0; j < dim; j++) h += w[j]! * data[base + j]!;
  return h - state.theta;
}

/**
 * Recomputes every field from scratch: O(M^2) in kernel form, O(M dim) in feature form.
 * Used at epoch ends in feature form, and after a threshold change.
 *
 * @example
 * ```ts
 * state.theta = 2; refreshFields(problem, state);
 * ```
 */
export function refreshFields(problem: LocalProblem, state: NeuronState): void {
  const { count: m, gram, labels } = problem;
  const field = state.field;
  if (state.w) {
    for (let mu = 0; mu < m; mu++) field[mu] = currentField(problem, state, mu);
    return;
  }
  field.fill(-state.theta);
  for (let mu = 0; mu < m; mu++) {
    const c = state.alpha[mu]! * labels[mu]!;
    if (c === 0) continue;
    const row = mu * m;
    for (let nu = 0; nu < m; nu++) field[nu]! += c * gram[row + nu]!;
  }
}

/** What an {@link onlineRule} needs: the step size on one example, and when to stop. */
export interface OnlineRuleSpec<O extends RuleOptions> {
  readonly name: string;
  readonly options: O;
  readonly form?: 'kernel' | 'feature';
  /**
   * The change of `alpha^mu` on presenting example mu, given `yh = y^mu h^mu`, the current
   * `alpha^mu` and `kmm = K(x^mu, x^mu)`. Return 0 to leave the state alone. Called in the hot loop:
   * no allocation.
   */
  readonly step: (yh: number, alpha: number, kmm: number) => number;
  /** Stopping criterion on fresh fields. */
  readonly isConverged: (problem: LocalProblem, state: NeuronState) => boolean;
  /** Extra validation or set-up of a fresh state (e.g. a problem-dependent bound). */
  readonly init?: (problem: LocalProblem, state: NeuronState) => void;
}

/**
 * Builds a {@link LearningRule} from a per-example step `delta alpha^mu = step(y h, alpha^mu, K(x^mu, x^mu))`,
 * in kernel or feature form. Perceptron, PA and Adatron are built this way; so can a user's rule
 * (see docs/custom-rule.md).
 *
 * @example
 * ```ts
 * const perceptronLike = onlineRule({ name: 'p', options: {}, step: (yh) => (yh <= 0 ? 1 : 0),
 *   isConverged: (p, s) => minStability(p, s) > 0 });
 * ```
 */
export function onlineRule<O extends RuleOptions>(spec: OnlineRuleSpec<O>): LearningRule<O> {
  const form = spec.form ?? 'kernel';
  const options = Object.freeze({ ...spec.options });
  const step = spec.step;
  const rule: LearningRule<O> = {
    name: spec.name,
    options,
    form,
    init(problem) {
      const state = createState(problem, form);
      spec.init?.(problem, state);
      return state;
    },
    partialFit(problem, state, mu) {
      const yh = problem.labels[mu]! * currentField(problem, state, mu);
      const delta = step(yh, state.alpha[mu]!, problem.diag[mu]!);
      if (delta === 0) return false;
      applyUpdate(problem, state, mu, delta);
      return true;
    },
    isConverged: spec.isConverged,
  };
  return Object.freeze(rule);
}

/**
 * `min_mu y^mu h^mu`, the smallest (unnormalised) stability of the current fields.
 *
 * @example
 * ```ts
 * minStability(problem, state) > 0; // every example is on the right side
 * ```
 */
export function minStability(problem: LocalProblem, state: NeuronState): number {
  const { count: m, labels } = problem;
  let min = Infinity;
  for (let mu = 0; mu < m; mu++) {
    const v = labels[mu]! * state.field[mu]!;
    if (v < min) min = v;
  }
  return min;
}

/**
 * `||w||^2 = sum_{mu,nu} c^mu c^nu K[mu, nu]` with `c = alpha (.) y`, from the fields in O(M)
 * (`K c = h + theta`).
 *
 * @example
 * ```ts
 * const margin = minStability(problem, state) / Math.sqrt(weightNorm2(problem, state));
 * ```
 */
export function weightNorm2(problem: LocalProblem, state: NeuronState): number {
  const { count: m, labels } = problem;
  let s = 0;
  for (let mu = 0; mu < m; mu++) s += state.alpha[mu]! * labels[mu]! * (state.field[mu]! + state.theta);
  return Math.max(s, 0);
}

/**
 * Whether the hard-margin SVM's KKT conditions hold to `tol` (Eq. 3, no separate threshold):
 * `y h >= 1 - tol` for every example, and `|y h - 1| <= tol` wherever `alpha > 0`.
 *
 * @example
 * ```ts
 * kktHolds(problem, state, 1e-3);
 * ```
 */
export function kktHolds(problem: LocalProblem, state: NeuronState, tol: number): boolean {
  const { count: m, labels } = problem;
  for (let mu = 0; mu < m; mu++) {
    const yh = labels[mu]! * state.field[mu]!;
    if (yh < 1 - tol) return false;
    if (state.alpha[mu]! > 0 && yh > 1 + tol) return false;
  }
  return true;
}
