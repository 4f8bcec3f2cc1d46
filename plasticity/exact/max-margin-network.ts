import { InvalidValueError, NotBipolarError } from '../../src/errors.js';
import { gramFromOverlaps, overlapMatrix } from '../../src/kernels/gram.js';
import type { Kernel } from '../../src/kernels/kernel.js';
import { neuronMajor, type Patterns } from '../../src/patterns/pattern-set.js';
import { NearestHullsSolver, NearestHullsWorkspace, type NearestHullsSolveOptions } from './nearest-hulls.js';

/** Options of {@link maxMarginNetwork}. */
export interface MaxMarginNetworkOptions {
  /** Relative duality-gap tolerance per neuron, in (0, 1): every margin is within a factor `1 - gapTol` of its optimum. Default 1e-6. */
  readonly gapTol?: number;
  /** Points added per major cycle of the solver (1..64, default 8), see {@link NearestHullsSolveOptions}. */
  readonly batch?: number;
  /** `false` forces the scalar loops instead of the WebAssembly SIMD kernels. */
  readonly simd?: boolean;
  /**
   * `false`: neurons without a threshold (the hard-margin SVM through the origin, Wolfe's
   * minimum-norm point; margins `min y f / |w|` with `theta = 0`). Default true.
   */
  readonly intercept?: boolean;
}

/** The max-margin neurons of a recurrent network (hard-margin SVM with intercept, per neuron). */
export interface MaxMarginNetworkResult {
  /** The kernel the coefficients were fitted with. */
  readonly kernel: Kernel;
  /** N x M, neuron-major: `alpha[i * M + mu]` (barycentric: each class's weights sum to 1 per neuron). */
  readonly alpha: Float64Array;
  /** Thresholds, length N: neuron i's field is `sum_mu alpha_i^mu xi_i^mu K(xi^mu without i, s without i) - theta_i`. */
  readonly theta: Float64Array;
  /** Geometric margins `min_mu xi_i^mu f_i(xi^mu) / |w_i|` (intercept outside the norm), in the kernel's own units. */
  readonly margins: Float64Array;
  /** Relative duality gaps reached (0 for a neuron whose patterns share one label). */
  readonly gaps: Float64Array;
  /** Per neuron: 1 if strict separability was certified, else 0 (the neuron's classes overlap, or the solve broke down). */
  readonly separable: Uint8Array;
  /** Neurons whose relative gap reached `gapTol` (or whose hulls were found to overlap). */
  readonly converged: number;
}

/**
 * Trains every neuron of a recurrent kernel network to its exact maximum margin WITH intercept
 * (the hard-margin SVM of libsvm's SVC at C -> infinity): neuron i learns `y^mu = xi_i^mu` from
 * `xi^mu` without component i (Property 2.2 of Iatropoulos et al. 2022), by the nearest points of
 * the two class hulls in feature space ({@link NearestHullsSolver}; Keerthi et al. 2000; Wolfe 1976),
 * certified by the duality gap. The overlaps `H = X X^T` are computed once; neuron i's kernel matrix
 * follows from them in O(M^2) (`K_i = k(H - x_i x_i^T)`), and one workspace of buffers serves every
 * neuron. A kernel evaluated through `logK` is divided by its largest entry first; margins and
 * thresholds are reported in the kernel's own units.
 *
 * @throws {@link NotBipolarError} if the patterns are not bipolar; {@link InvalidValueError} for a
 * tolerance outside (0, 1) or a batch outside 1..64.
 * @example
 * ```ts
 * const X = randomBipolar({ count: 300, dim: 200 }, createRng(1));
 * const r = maxMarginNetwork(X, linear(), { gapTol: 1e-4 });
 * network.setCoefficients(r); // alpha, theta, kernel
 * ```
 */
export function maxMarginNetwork(patterns: Patterns, kernel: Kernel, options: MaxMarginNetworkOptions = {}): MaxMarginNetworkResult {
  const gapTol = options.gapTol ?? 1e-6;
  if (!(gapTol > 0 && gapTol < 1)) throw new InvalidValueError('gapTol', `must be in (0, 1), got ${gapTol}`, 'pass a relative duality-gap tolerance such as 1e-6');
  const batch = options.batch ?? 8;
  if (!Number.isInteger(batch) || batch < 1 || batch > 64) throw new InvalidValueError('batch', `must be an integer in [1, 64], got ${batch}`, 'pass how many points to add per major cycle, e.g. 8');
  const intercept = options.intercept ?? true;
  const m = patterns.count;
  const n = patterns.dim;
  const t = neuronMajor(patterns);
  for (let i = 0; i < t.length; i++) {
    if (t[i] !== 1 && t[i] !== -1) throw new NotBipolarError('patterns', `entry ${Math.floor(i / m)} of pattern ${i % m} is ${t[i]}, but a neuron's labels are its own pattern entries and must be +1 or -1`);
  }
  const h = overlapMatrix(patterns);
  const gram = new Float64Array(m * m);
  const workspace = new NearestHullsWorkspace(m, options.simd === undefined ? {} : { simd: options.simd });
  const alpha = new Float64Array(n * m);
  const theta = new Float64Array(n);
  const margins = new Float64Array(n);
  const gaps = new Float64Array(n);
  const separable = new Uint8Array(n);
  let converged = 0;
  for (let i = 0; i < n; i++) {
    const labels = t.subarray(i * m, (i + 1) * m);
    const logScale = gramFromOverlaps(h, labels, m, kernel, 0, gram);
    const r = new NearestHullsSolver(gram, labels, m, { workspace, intercept }).solve(m, { gapTol, batch });
    alpha.set(r.lambda, i * m);
    const scale = Math.exp(logScale);
    theta[i] = r.threshold * scale;
    margins[i] = r.margin * Math.sqrt(scale);
    gaps[i] = r.norm2 > 0 ? r.gap / r.norm2 : 0;
    separable[i] = r.separable ? 1 : 0;
    if (r.converged) converged++;
  }
  return { kernel, alpha, theta, margins, gaps, separable, converged };
}
