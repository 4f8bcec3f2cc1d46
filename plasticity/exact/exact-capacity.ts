import { InvalidValueError } from '../../src/errors.js';
import type { Kernel } from '../../src/kernels/kernel.js';
import type { Patterns } from '../../src/patterns/pattern-set.js';
import { recurrentProblems } from '../train.js';
import { MinNormSolver } from './min-norm-point.js';
import { farkasCertificate, type FarkasCertificate } from './rational-certificate.js';

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
 * new pattern against its current separating solution and re-solving (Wolfe's min-norm point,
 * warm-started, {@link MinNormSolver}) only when it is violated; a neuron stops at the smallest
 * failure found so far (`M_max = min_i M_i`).
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
  let cur = limit;
  let hardest = -1;
  // The certificate is computed once, at the end, for the neuron that set the final M_max.
  let witness: { solver: MinNormSolver; corral: ArrayLike<number> } | null = null;
  let solves = 0;
  for (let i = 0; i < source.neurons && cur > 0; i++) {
    const problem = source.problem(i, gram);
    const solver = new MinNormSolver(problem.gram, problem.labels, limit);
    solves++;
    if (!solver.solve(1).separable) {
      // A single pattern is inseparable only when its kernel value is 0.
      cur = 0;
      hardest = i;
      witness = { solver, corral: [0] };
      break;
    }
    const top = Math.min(cur + 1, limit);
    for (let m = 2; m <= top; m++) {
      if (solver.certifiedPositive(m - 1)) continue;
      solves++;
      const r = solver.solve(m);
      if (!r.separable) {
        if (m - 1 < cur) {
          cur = m - 1;
          hardest = i;
          witness = { solver, corral: r.corral };
        }
        break;
      }
    }
  }
  const censored = hardest < 0;
  const certificate = witness ? farkasCertificate((k, l) => witness!.solver.g(k, l), witness.corral) : null;
  return { mMax: cur, censored, hardestNeuron: hardest, certified: censored || certificate !== null, certificate, solves };
}
