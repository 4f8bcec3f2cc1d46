import { InvalidValueError, ShapeError } from '../../src/errors.js';
import { isLinearKernel, kernelValue, type Kernel } from '../../src/kernels/kernel.js';
import { linear } from '../../src/kernels/inner-product.js';
import { gaussian } from '../../src/kernels/translation-invariant.js';
import { continuousPatterns } from '../../src/patterns/pattern-set.js';
import type { Rng } from '../../src/rng/rng.js';
import { fit, kernelProblem, onlineRule, passiveAggressive, type LearningRule, type LocalProblem, type NeuronState, type RuleOptions } from '../../plasticity/index.js';

/** The kernel classifiers of the state-classification scenario: rule and kernel. */
export const kernelClassifiers = ['adatron-linear', 'adatron-gaussian', 'pa-linear', 'pa-gaussian'] as const;
/** A kernel classifier name. */
export type KernelClassifier = (typeof kernelClassifiers)[number];

/** Labelled feature vectors: `count` rows of `dim` features, one class index per row. */
export interface Dataset {
  readonly count: number;
  readonly dim: number;
  /** Row-major `count x dim`. */
  readonly features: Float64Array;
  /** Class index per row, in [0, classes). */
  readonly classes: Int32Array;
}

/** A trained one-vs-rest kernel classifier. */
export interface OneVsRestModel {
  readonly classes: number;
  readonly kernel: Kernel;
  /** Per-feature mean and scale of the training rows (features are standardised with them). */
  readonly mean: Float64Array;
  readonly scale: Float64Array;
  /** Standardised training rows (the kernel expansion's centres), row-major. */
  readonly support: Float64Array;
  readonly count: number;
  readonly dim: number;
  /** Per class: `alpha^mu y^mu` for every training row. */
  readonly coef: readonly Float64Array[];
  /** Per class: the constant of the decision function (learned bias minus threshold). */
  readonly offset: Float64Array;
}

/** Options of {@link trainOneVsRest}. */
export interface OneVsRestOptions {
  readonly kernel: 'linear' | 'gaussian';
  readonly rule: 'adatron' | 'pa';
  /** Box / aggressiveness constant C of the soft-margin Adatron and PA-I. */
  readonly C: number;
  readonly maxEpochs: number;
  /** Number of classes (class indices run from 0). */
  readonly classes: number;
  /** Presentation order of every binary problem. */
  readonly rng: Rng;
}

/** Hyperparameters of {@link softKernelAdatron}. */
export interface SoftAdatronOptions extends RuleOptions {
  /** The box: `0 <= alpha <= C`. */
  readonly C: number;
  /** KKT tolerance of the stopping criterion. */
  readonly tol: number;
}

/**
 * The Kernel-Adatron with the soft-margin box `0 <= alpha <= C` (Friess, Cristianini and Campbell
 * 1998, soft-margin variant): on example mu, `alpha^mu <- min(C, max(0, alpha^mu + (1 - y h) / K(x, x)))`,
 * exact coordinate ascent on the L1-soft-margin SVM dual. Built with plasticity's `onlineRule`, so
 * the training driver runs it like every kmn rule. Stops when the soft-margin KKT conditions hold to
 * `tol`: `y h >= 1 - tol` where `alpha = 0`, `|y h - 1| <= tol` where `0 < alpha < C`, `y h <= 1 + tol` where `alpha = C`.
 *
 * @throws {@link InvalidValueError} for C or tol that are not positive.
 * @example
 * ```ts
 * const rule = softKernelAdatron({ C: 1, tol: 1e-3 });
 * fit(rule, problem, rule.init(problem), { maxEpochs: 100, rng });
 * ```
 */
export function softKernelAdatron(options: { readonly C: number; readonly tol?: number }): LearningRule<SoftAdatronOptions> {
  const C = options.C;
  const tol = options.tol ?? 1e-3;
  if (!(C > 0 && Number.isFinite(C))) throw new InvalidValueError('C', `must be a positive number, got ${C}`, 'pass the box constant, e.g. 1');
  if (!(tol > 0)) throw new InvalidValueError('tol', `must be > 0, got ${tol}`, 'pass e.g. 1e-3');
  return onlineRule<SoftAdatronOptions>({
    name: 'softKernelAdatron',
    options: { C, tol },
    step: (yh, a, kmm) => {
      const next = Math.min(C, Math.max(0, a + (1 - yh) / kmm));
      return next - a;
    },
    isConverged: (problem: LocalProblem, state: NeuronState) => {
      for (let mu = 0; mu < problem.count; mu++) {
        const yh = problem.labels[mu]! * state.field[mu]!;
        const a = state.alpha[mu]!;
        if (a <= 0 && yh < 1 - tol) return false;
        if (a >= C && yh > 1 + tol) return false;
        if (a > 0 && a < C && Math.abs(yh - 1) > tol) return false;
      }
      return true;
    },
  });
}

function checkDataset(name: string, data: Dataset, classes?: number): void {
  if (data.count < 1 || data.features.length !== data.count * data.dim || data.classes.length !== data.count) {
    throw new ShapeError(name, `has ${data.features.length} features and ${data.classes.length} classes for ${data.count} rows of ${data.dim}`, 'pass count x dim features and one class per row');
  }
  if (classes !== undefined) {
    for (let k = 0; k < data.count; k++) {
      const c = data.classes[k]!;
      if (!(Number.isInteger(c) && c >= 0 && c < classes)) throw new InvalidValueError(`${name}.classes`, `entry ${k} is ${c}, not in [0, ${classes})`, 'pass class indices from 0');
    }
  }
}

/** The median squared distance over up to 2000 pairs of rows (i, i + 1 + (i mod 7)): the median heuristic's width. */
function medianSquaredDistance(x: Float64Array, count: number, dim: number): number {
  const d2: number[] = [];
  for (let i = 0; i < count && d2.length < 2000; i++) {
    const j = (i + 1 + (i % 7)) % count;
    if (j === i) continue;
    let s = 0;
    for (let f = 0; f < dim; f++) {
      const d = x[i * dim + f]! - x[j * dim + f]!;
      s += d * d;
    }
    d2.push(s);
  }
  d2.sort((a, b) => a - b);
  return d2.length > 0 ? d2[d2.length >> 1]! : dim;
}

/**
 * Trains a multi-class classifier one-vs-rest with a kmn learning rule: for each class c, one kernel
 * neuron learns `y = +1` (class c) against `y = -1` (the rest) on the standardised features, with a
 * learned bias (kernel `K + 1`), by the soft-margin Kernel-Adatron ({@link softKernelAdatron}) or
 * PA-I (Crammer et al. 2006), through plasticity's training driver (`fit`). Kernels: linear, or
 * Gaussian with the median heuristic `2 sigma^2 = median ||x - y||^2` on the training rows.
 * Prediction is the class with the largest field.
 *
 * @throws {@link ShapeError} / {@link InvalidValueError} for an inconsistent dataset.
 * @example
 * ```ts
 * const model = trainOneVsRest(train, { kernel: 'linear', rule: 'adatron', C: 1, maxEpochs: 50, classes: 3, rng });
 * const predicted = predictOneVsRest(model, test);
 * ```
 */
export function trainOneVsRest(data: Dataset, options: OneVsRestOptions): OneVsRestModel {
  checkDataset('train', data, options.classes);
  const { count, dim } = data;
  const mean = new Float64Array(dim);
  const scale = new Float64Array(dim);
  for (let k = 0; k < count; k++) for (let f = 0; f < dim; f++) mean[f]! += data.features[k * dim + f]! / count;
  for (let k = 0; k < count; k++) for (let f = 0; f < dim; f++) scale[f]! += (data.features[k * dim + f]! - mean[f]!) ** 2 / count;
  for (let f = 0; f < dim; f++) scale[f] = scale[f]! > 1e-24 ? Math.sqrt(scale[f]!) : 1;
  const support = new Float64Array(count * dim);
  for (let k = 0; k < count; k++) for (let f = 0; f < dim; f++) support[k * dim + f] = (data.features[k * dim + f]! - mean[f]!) / scale[f]!;
  const kernel = options.kernel === 'linear' ? linear() : gaussian({ sigma: Math.sqrt(Math.max(medianSquaredDistance(support, count, dim), 1e-12) / 2) });
  const rule = options.rule === 'adatron' ? softKernelAdatron({ C: options.C }) : passiveAggressive({ variant: 'PA-I', C: options.C });
  const inputs = continuousPatterns(support, { count, dim });
  const coef: Float64Array[] = [];
  const offset = new Float64Array(options.classes);
  for (let c = 0; c < options.classes; c++) {
    const labels = Array.from(data.classes, (k) => (k === c ? 1 : -1));
    const problem = kernelProblem(inputs, labels, kernel, { bias: true });
    const state = fit(rule, problem, rule.init(problem), { maxEpochs: options.maxEpochs, rng: options.rng.child(`class:${c}`) });
    const a = new Float64Array(count);
    let sum = 0;
    for (let mu = 0; mu < count; mu++) {
      a[mu] = state.alpha[mu]! * labels[mu]!;
      sum += a[mu]!;
    }
    coef.push(a);
    offset[c] = problem.bias * sum - state.theta;
  }
  return { classes: options.classes, kernel, mean, scale, support, count, dim, coef, offset };
}

/**
 * The class with the largest one-vs-rest field `sum_mu alpha^mu y^mu K(x^mu, x) + b_c` for each row.
 *
 * @throws {@link ShapeError} if the rows have another dimension than the training rows.
 * @example
 * ```ts
 * const predicted = predictOneVsRest(model, test); // Int32Array of class indices
 * ```
 */
export function predictOneVsRest(model: OneVsRestModel, data: Dataset): Int32Array {
  if (data.dim !== model.dim) throw new ShapeError('data', `has ${data.dim} features, the model ${model.dim}`, 'use the features the model was trained on');
  const { count, dim, support, kernel, classes } = model;
  const out = new Int32Array(data.count);
  const x = new Float64Array(dim);
  const k = new Float64Array(count);
  for (let r = 0; r < data.count; r++) {
    for (let f = 0; f < dim; f++) x[f] = (data.features[r * dim + f]! - model.mean[f]!) / model.scale[f]!;
    for (let mu = 0; mu < count; mu++) k[mu] = kernelValue(kernel, support.subarray(mu * dim, (mu + 1) * dim), x);
    let best = 0;
    let bestScore = -Infinity;
    for (let c = 0; c < classes; c++) {
      const a = model.coef[c]!;
      let s = model.offset[c]!;
      for (let mu = 0; mu < count; mu++) s += a[mu]! * k[mu]!;
      if (s > bestScore) {
        bestScore = s;
        best = c;
      }
    }
    out[r] = best;
  }
  return out;
}

/**
 * The weight vector of each class of a linear model, `w_c = sum_mu alpha^mu y^mu x^mu`, in
 * standardised feature units: `|w_c[f]|` is how much feature f (a position of the sorted energy
 * profile) moves the field of class c per standard deviation of that feature.
 *
 * @throws {@link InvalidValueError} for a model whose kernel does not declare `k(h) = h` (by capability, never by name).
 * @example
 * ```ts
 * const [wLearned, wPrototype, wSpurious] = linearWeights(model);
 * ```
 */
export function linearWeights(model: OneVsRestModel): Float64Array[] {
  if (!isLinearKernel(model.kernel)) throw new InvalidValueError('model', `has a ${model.kernel.name} kernel; weights per feature exist for the linear kernel only`, 'train with kernel: linear');
  return model.coef.map((a) => {
    const w = new Float64Array(model.dim);
    for (let mu = 0; mu < model.count; mu++) {
      const c = a[mu]!;
      if (c === 0) continue;
      for (let f = 0; f < model.dim; f++) w[f]! += c * model.support[mu * model.dim + f]!;
    }
    return w;
  });
}

/** A classifier of one number into three classes: two thresholds and the class of each interval. */
export interface RatioThresholds {
  /** `value < lo` gets `order[0]`, `lo <= value < hi` gets `order[1]`, the rest `order[2]`. */
  readonly lo: number;
  readonly hi: number;
  readonly order: readonly [number, number, number];
}

const permutations: readonly (readonly [number, number, number])[] = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];

/**
 * Fits the stability-ratio baseline: the two thresholds and class order that classify the most
 * training values correctly (exhaustive over every cut between distinct sorted values and every
 * order of the three classes, so the baseline is as good as one number allows on its training
 * data). NaN values count as -Infinity.
 *
 * @throws {@link ShapeError} for lengths that differ or no values.
 * @example
 * ```ts
 * const t = fitRatioThresholds(train.ratio, train.classes);
 * const predicted = predictRatio(t, test.ratio);
 * ```
 */
export function fitRatioThresholds(values: ArrayLike<number>, classes: ArrayLike<number>): RatioThresholds {
  const n = values.length;
  if (n === 0 || classes.length !== n) throw new ShapeError('classes', `has ${classes.length} entries for ${n} values`, 'pass one class per value, at least one');
  const v = Array.from(values, (x) => (Number.isNaN(x) ? -Infinity : x));
  const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => v[a]! - v[b]!);
  // prefix[c][k]: values of class c among the k smallest.
  const prefix = [0, 1, 2].map(() => new Int32Array(n + 1));
  for (let k = 0; k < n; k++) for (let c = 0; c < 3; c++) prefix[c]![k + 1] = prefix[c]![k]! + (classes[order[k]!] === c ? 1 : 0);
  const cuts: number[] = [0];
  for (let k = 1; k < n; k++) if (v[order[k - 1]!]! < v[order[k]!]!) cuts.push(k);
  cuts.push(n);
  const at = (k: number): number => (k === 0 ? -Infinity : k === n ? Infinity : (v[order[k - 1]!]! + v[order[k]!]!) / 2);
  let best = -1;
  let result: RatioThresholds = { lo: -Infinity, hi: Infinity, order: [0, 1, 2] };
  for (let p = 0; p < cuts.length; p++) {
    const i = cuts[p]!;
    for (let q = p; q < cuts.length; q++) {
      const j = cuts[q]!;
      for (const [a, b, c] of permutations) {
        const right = prefix[a]![i]! + prefix[b]![j]! - prefix[b]![i]! + prefix[c]![n]! - prefix[c]![j]!;
        if (right > best) {
          best = right;
          result = { lo: at(i), hi: at(j), order: [a, b, c] };
        }
      }
    }
  }
  return result;
}

/**
 * Classes of values under fitted {@link RatioThresholds} (NaN counts as -Infinity).
 *
 * @example
 * ```ts
 * predictRatio({ lo: 0.2, hi: 0.5, order: [2, 1, 0] }, [0.1, 0.3, 0.9]); // [2, 1, 0]
 * ```
 */
export function predictRatio(t: RatioThresholds, values: ArrayLike<number>): Int32Array {
  return Int32Array.from(values, (x) => {
    const v = Number.isNaN(x) ? -Infinity : x;
    return v < t.lo ? t.order[0] : v < t.hi ? t.order[1] : t.order[2];
  });
}

/**
 * The confusion matrix, row-major `classes x classes`: entry `[t * classes + p]` counts rows of
 * true class t predicted as p.
 *
 * @example
 * ```ts
 * confusionMatrix([0, 1, 1], [0, 1, 0], 2); // [1, 0, 1, 1]
 * ```
 */
export function confusionMatrix(truth: ArrayLike<number>, predicted: ArrayLike<number>, classes: number): number[] {
  if (truth.length !== predicted.length) throw new ShapeError('predicted', `has ${predicted.length} entries, truth ${truth.length}`, 'pass one prediction per row');
  const m = new Array<number>(classes * classes).fill(0);
  for (let k = 0; k < truth.length; k++) m[truth[k]! * classes + predicted[k]!]!++;
  return m;
}
