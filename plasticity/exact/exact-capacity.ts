import { InvalidValueError } from '../../src/errors.js';
import type { Kernel } from '../../src/kernels/kernel.js';
import type { Patterns } from '../../src/patterns/pattern-set.js';
import { recurrentProblems } from '../train.js';
import { NearestHullsSolver, NearestHullsWorkspace } from './nearest-hulls.js';
import { farkasCertificate, type FarkasCertificate } from './rational-certificate.js';

/** Unit roundoff of binary64. */
const U = 2 ** -53;

/** Options of {@link exactCapacity}. */
export interface ExactCapacityOptions {
  /** Largest M decided (default: all patterns); if every neuron separates them all, the result is censored. */
  readonly max?: number;
  /** Neurons with a constant bias feature (kernel `K + 1`), as the rules' `bias` option. Default false. */
  readonly bias?: boolean;
}

/** The exact capacity of a recurrent kernel memory network on one nested pattern sequence. */
export interface ExactCapacityResult {
  /** Largest M such that every neuron's problem on the first M patterns is strictly separable. */
  readonly mMax: number;
  /** Every neuron separates all `max` patterns: the true capacity is at least `max`. */
  readonly censored: boolean;
  /** The neuron whose problem became inseparable at `mMax + 1` (-1 when censored). */
  readonly hardestNeuron: number;
  /**
   * The verdict is exact: separability at `mMax` is certified for every neuron by a separating
   * solution whose stabilities exceed their rounding-error bound, and inseparability at
   * `mMax + 1` by an exact rational {@link FarkasCertificate} (needs integer kernel entries).
   */
  readonly certified: boolean;
  /** The inseparability certificate of `hardestNeuron` at `mMax + 1`, or null. */
  readonly certificate: FarkasCertificate | null;
  /** Minimum-norm-point solves taken (warm-started), over all neurons. */
  readonly solves: number;
}

/**
 * The exact storability oracle of a capacity search: the largest M such that the first M patterns
 * are fixed points of SOME kernel network of this kernel, i.e. every neuron's local problem
 * (Property 2.2: label `xi_i^mu` from `xi^mu` without component i) is strictly separable through
 * the origin in feature space, which is what a separating rule (perceptron, MinOver,
 * Kernel-Adatron) reaches given enough epochs (Gardner 1988; Cover 1965; Iatropoulos et al. 2022,
 * Sec. 3). Separability of nested sets is monotone, so each neuron walks M upwards, checking each
 * new pattern against its current separating solution and re-solving (Wolfe's min-norm point
 * through the origin, warm-started: {@link NearestHullsSolver} with `intercept: false`) only when it
 * is violated; a neuron stops at the smallest failure found so far (`M_max = min_i M_i`).
 *
 * @throws {@link InvalidValueError} if `max` is not an integer in [1, count].
 * @example
 * ```ts
 * const r = exactCapacity(randomBipolar({ count: 128, dim: 32 }, createRng(1)), linear());
 * r.mMax / 32; // near Cover's finite-N network capacity (about 1.49 at N = 32)
 * ```
 */
export function exactCapacity(patterns: Patterns, kernel: Kernel, options: ExactCapacityOptions = {}): ExactCapacityResult {
  const limit = options.max ?? patterns.count;
  if (!Number.isInteger(limit) || limit < 1 || limit > patterns.count) {
    throw new InvalidValueError('max', `must be an integer in [1, ${patterns.count}], got ${limit}`, 'pass at most the number of patterns');
  }
  const X: Patterns = limit === patterns.count ? patterns : { ...patterns, count: limit, data: patterns.data.subarray(0, limit * patterns.dim) } as Patterns;
  const source = recurrentProblems(X, kernel, { bias: options.bias ?? false });
  const gram = new Float64Array(limit * limit);
  const workspace = new NearestHullsWorkspace(limit);
  let cur = limit;
  let hardest = -1;
  // The certificate is computed once, at the end, for the neuron that set the final M_max.
  let witness: { neuron: number; corral: ArrayLike<number> } | null = null;
  let solves = 0;
  for (let i = 0; i < source.neurons && cur > 0; i++) {
    const problem = source.problem(i, gram);
    const solver = new NearestHullsSolver(problem.gram, problem.labels, limit, { workspace, intercept: false });
    solves++;
    let r = solver.solve(1, { maxMargin: false });
    if (!r.separable) {
      // A single pattern is inseparable only when its kernel value is 0.
      cur = 0;
      hardest = i;
      witness = { neuron: i, corral: [0] };
      break;
    }
    const top = Math.min(cur + 1, limit);
    for (let m = 2; m <= top; m++) {
      if (certifiedPositive(solver, r.lambda, r.corral, m - 1)) continue;
      solves++;
      r = solver.solve(m, { maxMargin: false });
      if (!r.separable) {
        if (m - 1 < cur) {
          cur = m - 1;
          hardest = i;
          witness = { neuron: i, corral: Int32Array.from(r.corral) };
        }
        break;
      }
    }
  }
  const censored = hardest < 0;
  let certificate: FarkasCertificate | null = null;
  if (witness) {
    const { gram: k, labels: y } = source.problem(witness.neuron, gram);
    certificate = farkasCertificate((a, b) => y[a]! * y[b]! * k[a * limit + b]!, witness.corral);
  }
  return { mMax: cur, censored, hardestNeuron: hardest, certified: censored || certificate !== null, certificate, solves };
}

/**
 * Whether point j is strictly separated by the current solution `z = sum_k lambda_k a_k` beyond
 * the rounding error of evaluating `a_j . z` (the sum of |terms| times `2 (s + 2) u`, Higham Eq. 3.5).
 */
function certifiedPositive(solver: NearestHullsSolver, lambda: Float64Array, corral: Int32Array, j: number): boolean {
  let sum = 0;
  let abs = 0;
  for (let k = 0; k < corral.length; k++) {
    const c = corral[k]!;
    const t = lambda[c]! * solver.signedGram(c, j);
    sum += t;
    abs += Math.abs(t);
  }
  return sum > (corral.length + 2) * U * 2 * abs;
}
