import { InvalidValueError, ShapeError } from '../../src/errors.js';
import { createSimdKernels, type SimdKernels } from '../../src/simd/simd-kernels.js';

/** Unit roundoff of float64, for the rounding-error bounds of certified signs. */
const U = 2 ** -53;

/** Below this length a dot product or axpy runs as a plain loop (a kernel call costs more). */
const SHORT = 24;

/** Outcomes of the minor cycles. */
const OK = 0;
const STALLED = 1;
const BROKEN = 2;

/**
 * Reusable buffers of {@link NearestHullsSolver} for problems of up to `capacity` points, in one
 * arena of the WebAssembly SIMD kernels ({@link createSimdKernels}): the signed kernel matrix, the
 * Cholesky factor (both `capacity x capacity`, stride `capacity`) and the vectors of the method,
 * with one view per row so the SIMD `dotF64` / `axpyF64` run on rows without allocating. Solving
 * many problems in turn (the N neurons of a network) reuses one workspace; only the solver
 * constructed last may use it (earlier ones then refuse to solve).
 *
 * @example
 * ```ts
 * const ws = new NearestHullsWorkspace(300);
 * const s = new NearestHullsSolver(gram, labels, 300, { workspace: ws });
 * ```
 */
export class NearestHullsWorkspace {
  /** Largest number of points a solver on this workspace can hold. */
  readonly capacity: number;
  /** The kernels (SIMD where supported) and their arena. */
  readonly kernels: SimdKernels;
  /** Signed kernel matrix, stride `capacity`. */
  readonly gram: Float64Array;
  /** Cholesky factor of the corral's bordered matrix, stride `capacity`. */
  readonly chol: Float64Array;
  /** Row views of `gram`. */
  readonly gramRows: Float64Array[];
  /** Row views of `chol`. */
  readonly cholRows: Float64Array[];
  /** Vectors: stabilities, affine minimiser, forward solutions, weights. */
  readonly g: Float64Array;
  /** The affine minimiser (scratch). */
  readonly v: Float64Array;
  /** `L^-1 e_+`. */
  readonly fp: Float64Array;
  /** `L^-1 e_-`. */
  readonly fn: Float64Array;
  /** Corral weights. */
  readonly lam: Float64Array;
  /** Corral indices. */
  readonly idx: Int32Array;
  /** The solver currently using the buffers. */
  owner: object | null = null;

  /**
   * @param capacity - largest number of points, 1..8000 (two `capacity^2` matrices of doubles).
   * @param options - `simd: false` forces the scalar loops.
   * @throws {@link InvalidValueError} for a capacity outside 1..8000.
   */
  constructor(capacity: number, options: { readonly simd?: boolean } = {}) {
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > 8000) {
      throw new InvalidValueError('capacity', `must be an integer in [1, 8000], got ${capacity}`, 'pass the largest number of points to solve');
    }
    this.capacity = capacity;
    const doubles = 2 * capacity * capacity + 5 * capacity;
    this.kernels = createSimdKernels({ bytes: 8 * doubles + 16 * 8, ...(options.simd === undefined ? {} : { simd: options.simd }) });
    const k = this.kernels;
    this.gram = k.f64(capacity * capacity);
    this.chol = k.f64(capacity * capacity);
    this.g = k.f64(capacity);
    this.v = k.f64(capacity);
    this.fp = k.f64(capacity);
    this.fn = k.f64(capacity);
    this.lam = k.f64(capacity);
    this.idx = new Int32Array(capacity);
    this.gramRows = Array.from({ length: capacity }, (_, i) => this.gram.subarray(i * capacity, (i + 1) * capacity));
    this.cholRows = Array.from({ length: capacity }, (_, i) => this.chol.subarray(i * capacity, (i + 1) * capacity));
  }
}

/** Options of {@link NearestHullsSolver.solve}. */
export interface NearestHullsSolveOptions {
  /**
   * Keep iterating after strict separation is certified until the relative duality gap
   * `(|z|^2 - g_+ - g_-) / |z|^2` is at most `gapTol` (then the margin is within a factor
   * `1 - gapTol` of the optimum). Default true.
   */
  readonly maxMargin?: boolean;
  /** Relative duality-gap tolerance, in (0, 1). Default 1e-9. */
  readonly gapTol?: number;
  /**
   * Points added per major cycle, the most violating first (an integer in 1..64, default 8): one
   * pricing pass `G_{:,S} lambda` then serves several additions; a batch whose points all leave
   * again without progress is retried with one point, for which Wolfe's step always progresses.
   */
  readonly batch?: number;
}

/** What {@link NearestHullsSolver.solve} found for the first m points. */
export interface NearestHullsResult {
  /**
   * The two classes are strictly separable by a hyperplane with an intercept, certified: the
   * neuron below classifies every point correctly with a functional margin above its rounding-error bound.
   */
  readonly separable: boolean;
  /**
   * Barycentric weights over the first m points, summing to 1 within each class (zero outside the
   * corral): the neuron is `f(x) = sum_mu lambda_mu y_mu K(x_mu, x) - threshold`.
   */
  readonly lambda: Float64Array;
  /** The threshold `theta = -b = (g_+ - g_-) / 2` that centres the hyperplane between the classes. */
  readonly threshold: number;
  /** The corral: indices with non-zero weight. */
  readonly corral: Int32Array;
  /** `|z|^2`, the squared distance between the two hull points `u = sum_+ lambda phi`, `v = sum_- lambda phi` found. */
  readonly norm2: number;
  /**
   * Geometric margin `min_mu y_mu f(x_mu) / |z| = (g_+ + g_-) / (2 |z|)` of the neuron (intercept
   * outside the norm, as libsvm's); Infinity when one class is empty, 0 when not separable.
   */
  readonly margin: number;
  /** Duality gap `|z|^2 - g_+ - g_-` (>= 0; 0 at the optimum, where the margin is `|z| / 2`). */
  readonly gap: number;
  /**
   * The gap reached `gapTol * |z|^2` (or, for overlapping hulls, `|z|^2` reached rounding level), or
   * the rounding-error bound of its own evaluation, below which no progress is measurable (then
   * `gap / norm2` is the margin's certified relative accuracy).
   */
  readonly converged: boolean;
  /** Major cycles taken (pricing passes; each adds up to `batch` points to the corral). */
  readonly iterations: number;
}

/**
 * The hard-margin SVM WITH intercept, exactly, in kernel form: the nearest points of the convex
 * hulls of the two classes (Bennett & Bredensteiner 2000, "Duality and geometry in SVM
 * classifiers", ICML; Keerthi, Shevade, Bhattacharyya & Murthy 2000, "A fast iterative nearest
 * point algorithm for support vector machine classifier design", IEEE Trans. Neural Networks 11).
 * With signed points `a_mu = y_mu phi(x_mu)` and signed kernel `G_mu,nu = y_mu y_nu K_mu,nu` it
 * solves
 *
 *   `min_lambda |z|^2 = lambda^T G lambda`  s.t. `lambda >= 0`, `sum_{y=+1} lambda = 1`, `sum_{y=-1} lambda = 1`,
 *
 * `z = u - v`, `u in conv{phi_+}`, `v in conv{phi_-}`. With the stabilities `g_mu = (G lambda)_mu`,
 * `g_+ = min_{y=+1} g`, `g_- = min_{y=-1} g`, the neuron `w = z`, `b = (g_- - g_+) / 2` has
 * geometric margin `(g_+ + g_-) / (2|z|)`, and every feasible `z` bounds the optimum margin
 * `|z*| / 2 <= |z| / 2`: the duality gap `|z|^2 - g_+ - g_-` certifies the margin within the
 * relative factor `gap / |z|^2` (Gilbert 1966; Keerthi et al. 2000, Sec. 2). Up to scale, `lambda`
 * is the SVM dual `alpha = 2 lambda / |z|^2`. The classes are strictly separable exactly when
 * `z* != 0`.
 *
 * The method is Wolfe's active-set minimum-norm-point algorithm (Wolfe 1976, "Finding the nearest
 * point in a polytope", Math. Programming 11) with two simplex constraints instead of one: a major
 * cycle adds the point of most negative reduced cost `g_mu - nu_c` (`nu_c = sum_{k in c} lambda_k g_k`,
 * the class's current support value, as in Keerthi et al.'s NPA); minor cycles move to the
 * minimiser of `|z|` over the affine hull of the corral (both class sums fixed to 1) and drop points
 * whose weight reaches 0. The affine minimiser is `v = A^-1 (mu_+ e_+ + mu_- e_-)` with the
 * bordered-by-offset matrix `A = G_SS + c (e_+ e_+^T + e_- e_-^T)` (positive definite while the
 * corral is affinely independent), `mu` from a 2 x 2 system; A's Cholesky factor is updated by one
 * row per added point and by Givens rotations per dropped point, and so are the forward solutions
 * `L^-1 e_+`, `L^-1 e_-`, so a cycle costs one triangular solve plus the pricing `G_{:,S} lambda`
 * (the WebAssembly SIMD `axpyF64`, one call per corral row). Each pricing pass adds up to `batch`
 * violators at once (most negative reduced cost first); the minor cycles drop those that do not
 * belong, and a batch that leaves without progress is retried with one point, for which Wolfe's
 * step always progresses. The sign of `g_+ + g_-` is certified against a rounding-error bound;
 * overlapping hulls end with `|z|^2` at rounding level (`farkasCertificate` with the corral's
 * labels as `sides` gives the exact certificate for integer kernels). With `intercept: false` the
 * same machinery solves Wolfe's original problem (one simplex constraint over all
 * `y_mu phi(x_mu)`: the hard-margin SVM through the origin, margin `|z*|`; `exactCapacity` runs it).
 *
 * `solve(m)` for growing m continues from the previous corral (the hulls only grow): the warm start
 * along nested point sets. A smaller m restarts.
 *
 * @example
 * ```ts
 * // x = 0, 1 (class +1) and x = 3 (class -1), linear kernel: the gap between the hulls is [1, 3]
 * const s = new NearestHullsSolver(Float64Array.of(0, 0, 0, 0, 1, 3, 0, 3, 9), [1, 1, -1], 3);
 * const r = s.solve(3);
 * r.margin; // 1 (half the distance between the hulls)
 * r.threshold; // -4: f(x) = x - 3x + 4 = 0 at x = 2, midway between the hulls
 * ```
 */
export class NearestHullsSolver {
  /** Rows of the kernel matrix held (the largest m that can be solved). */
  readonly size: number;
  private readonly ws: NearestHullsWorkspace;
  /** Row stride of the workspace matrices. */
  private readonly stride: number;
  /** The side of each point's simplex constraint: its label with an intercept, +1 for all without. */
  private readonly labels: Float64Array;
  /** With an intercept: two simplex constraints (one per class); without: one over all points. */
  private readonly twoSided: boolean;
  /** Offset `c` of the bordered matrix (largest kernel diagonal). */
  private readonly c: number;
  private m = 0;
  /** Corral size. */
  private s = 0;
  private readonly cap: number;
  /** `member[j]`: point j is in the corral. */
  private readonly member: Uint8Array;
  /** Scratch of `addViolators`. */
  private readonly pick: Int32Array;
  private readonly pickCost: Float64Array;

  /**
   * @param gram - kernel matrix, row-major `size x size` (finite entries, positive semi-definite).
   * @param labels - `+/-1` per point.
   * @param size - number of points.
   * @param options - `workspace`: reuse buffers across problems (default: a fresh one of capacity
   *   `size`); `intercept: false` solves the hard-margin SVM through the origin instead (Wolfe's
   *   minimum-norm point of `conv{y_mu phi(x_mu)}`, one simplex constraint; margin `|z*|`, threshold 0).
   * @throws {@link ShapeError} for sizes that disagree or a workspace too small; {@link InvalidValueError} for bad labels or kernel entries.
   */
  constructor(gram: Float64Array, labels: ArrayLike<number>, size: number, options: { readonly workspace?: NearestHullsWorkspace; readonly intercept?: boolean } = {}) {
    if (!Number.isInteger(size) || size < 1) throw new InvalidValueError('size', `must be a positive integer, got ${size}`, 'pass the number of points');
    if (gram.length < size * size) throw new ShapeError('gram', `has ${gram.length} entries, expected ${size} x ${size}`, 'pass the full kernel matrix');
    if (labels.length < size) throw new ShapeError('labels', `has ${labels.length} entries, expected ${size}`, 'pass one label per point');
    if (options.workspace && options.workspace.capacity < size) {
      throw new ShapeError('workspace', `holds ${options.workspace.capacity} points, the problem has ${size}`, 'create the workspace with capacity >= size');
    }
    const y = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      const l = labels[i];
      if (l !== 1 && l !== -1) throw new InvalidValueError('labels', `entry ${i} is ${l}`, 'labels must be +1 or -1');
      y[i] = l;
      const d = gram[i * size + i]!;
      if (!Number.isFinite(d) || d < 0) throw new InvalidValueError('gram', `diagonal entry ${i} is ${d}`, 'pass a positive semi-definite kernel matrix');
    }
    let finite = 0;
    for (let i = 0; i < size * size; i++) finite += gram[i]! * 0;
    if (finite !== 0) {
      const bad = gram.findIndex((v, i) => i < size * size && !Number.isFinite(v));
      throw new InvalidValueError('gram', `entry (${Math.floor(bad / size)}, ${bad % size}) is ${gram[bad]}`, 'pass finite kernel entries');
    }
    const ws = options.workspace ?? new NearestHullsWorkspace(size);
    ws.owner = this;
    const stride = ws.capacity;
    const sg = ws.gram;
    let c = 0;
    for (let i = 0; i < size; i++) {
      const src = i * size;
      const dst = i * stride;
      const yi = y[i]!;
      for (let j = 0; j < size; j++) sg[dst + j] = yi * y[j]! * gram[src + j]!;
      c = Math.max(c, sg[dst + i]!);
    }
    this.ws = ws;
    this.stride = stride;
    this.size = size;
    this.twoSided = options.intercept ?? true;
    this.labels = this.twoSided ? y : y.fill(1);
    this.c = c > 0 ? c : 1;
    this.cap = 50 * size + 100;
    this.member = new Uint8Array(size);
    this.pick = new Int32Array(64);
    this.pickCost = new Float64Array(64);
  }

  /** Signed kernel entry `a_i . a_j = y_i y_j K_ij`. */
  signedGram(i: number, j: number): number {
    return this.ws.gram[i * this.stride + j]!;
  }

  /**
   * Solves the first m points (warm start from the previous call when m grew).
   *
   * @param m - number of points, 1..size.
   * @throws {@link InvalidValueError} for m outside 1..size or a tolerance outside (0, 1);
   * {@link ShapeError} if a later solver took over the workspace.
   */
  solve(m: number, options: NearestHullsSolveOptions = {}): NearestHullsResult {
    if (!Number.isInteger(m) || m < 1 || m > this.size) throw new InvalidValueError('m', `must be an integer in [1, ${this.size}], got ${m}`, 'pass how many of the points to solve');
    const gapTol = options.gapTol ?? 1e-9;
    if (!(gapTol > 0 && gapTol < 1)) throw new InvalidValueError('gapTol', `must be in (0, 1), got ${gapTol}`, 'pass a relative duality-gap tolerance such as 1e-6');
    if (this.ws.owner !== this) throw new ShapeError('workspace', 'is in use by a solver constructed later', 'give each live solver its own workspace');
    const batchSize = options.batch ?? 8;
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 64) throw new InvalidValueError('batch', `must be an integer in [1, 64], got ${batchSize}`, 'pass how many points to add per major cycle, e.g. 8');
    const maxMargin = options.maxMargin ?? true;
    const { labels, stride } = this;
    const { g, gram, idx, lam } = this.ws;
    let hasP = false;
    let hasN = false;
    for (let j = 0; j < m; j++) {
      if (labels[j]! > 0) hasP = true;
      else hasN = true;
    }
    if (this.twoSided && (!hasP || !hasN)) {
      this.m = m;
      this.s = 0;
      this.member.fill(0);
      return this.oneClass(m, hasP ? 1 : -1);
    }
    if (m < this.m || !this.bothClassesInCorral()) this.coldStart(m);
    this.m = m;
    let maxDiag = 0;
    for (let j = 0; j < m; j++) maxDiag = Math.max(maxDiag, gram[j * stride + j]!);
    const absTol = 1e-15 * maxDiag;
    let iterations = 0;
    let batch = batchSize;
    for (;;) {
      this.price(m);
      const s = this.s;
      let nuP = 0;
      let nuN = 0;
      for (let k = 0; k < s; k++) {
        const j = idx[k]!;
        if (labels[j]! > 0) nuP += lam[k]! * g[j]!;
        else nuN += lam[k]! * g[j]!;
      }
      let jP = -1;
      let jN = -1;
      let gP = Infinity;
      let gN = this.twoSided ? Infinity : 0;
      for (let j = 0; j < m; j++) {
        const gj = g[j]!;
        if (labels[j]! > 0) {
          if (gj < gP) {
            gP = gj;
            jP = j;
          }
        } else if (gj < gN) {
          gN = gj;
          jN = j;
        }
      }
      const norm2 = nuP + nuN;
      const gap = norm2 - gP - gN;
      const err = this.errorBound();
      const certified = gP + gN > (this.twoSided ? 2 : 1) * err;
      // Below 3 err (the rounding bound of |z|^2 - g_+ - g_-) no further progress is measurable.
      const converged = gap <= Math.max(certified ? gapTol * norm2 : absTol, 3 * err);
      if ((certified && !maxMargin) || converged || iterations >= this.cap) return this.result(certified, converged, norm2, gP, gN, iterations);
      const j = !this.twoSided || nuP - gP >= nuN - gN ? jP : jN;
      if (this.member[j]) return this.result(certified, converged, norm2, gP, gN, iterations);
      iterations++;
      if (!this.extend(j)) return this.result(certified, converged, norm2, gP, gN, iterations);
      const added = 1 + (batch > 1 ? this.addViolators(m, batch - 1, nuP, nuN) : 0);
      const status = this.minorCycles(added);
      if (status === STALLED) batch = 1;
      else if (status === BROKEN) {
        this.price(m);
        return this.finalResult(m, iterations);
      } else batch = batchSize;
    }
  }

  /**
   * Adds up to `count` more points of negative reduced cost `g_j - nu_c` (the most negative first)
   * to the corral, each with weight 0; returns how many were added.
   */
  private addViolators(m: number, count: number, nuP: number, nuN: number): number {
    const { labels, member, pick, pickCost } = this;
    const { g } = this.ws;
    let found = 0;
    for (let j = 0; j < m; j++) {
      if (member[j]) continue;
      const r = g[j]! - (labels[j]! > 0 ? nuP : nuN);
      if (!(r < 0) || (found === count && r >= pickCost[found - 1]!)) continue;
      let at = found < count ? found++ : found - 1;
      while (at > 0 && pickCost[at - 1]! > r) {
        pick[at] = pick[at - 1]!;
        pickCost[at] = pickCost[at - 1]!;
        at--;
      }
      pick[at] = j;
      pickCost[at] = r;
    }
    let added = 0;
    for (let k = 0; k < found; k++) if (this.extend(pick[k]!)) added++;
    return added;
  }

  /**
   * Rounding-error bound of each stability: `|g_j - fl(g_j)| <= gamma_{s+1} sum_k lambda_k |G_kj|
   * <= 2 (s + 2) u * 2c` (class sums 1, `|G_kj| <= c` for a positive semi-definite kernel).
   */
  private errorBound(): number {
    return 4 * (this.s + 2) * U * this.c;
  }

  private bothClassesInCorral(): boolean {
    let p = false;
    let n = false;
    const { idx } = this.ws;
    for (let k = 0; k < this.s; k++) {
      if (this.labels[idx[k]!]! > 0) p = true;
      else n = true;
    }
    return p && (n || !this.twoSided);
  }

  /**
   * Starts from the closest pair (one point of each class), `|phi_p - phi_n|^2 = G_pp + G_nn + 2 G_pn`;
   * without an intercept from the point nearest the origin (Wolfe's start).
   */
  private coldStart(m: number): void {
    const { labels, stride } = this;
    const { gram, lam } = this.ws;
    if (!this.twoSided) {
      let best = 0;
      for (let j = 1; j < m; j++) if (gram[j * stride + j]! < gram[best * stride + best]!) best = j;
      this.s = 0;
      this.member.fill(0);
      if (!this.extend(best)) throw new InvalidValueError('gram', `point ${best} has kernel value ${gram[best * stride + best]}`, 'pass a kernel matrix with a positive diagonal');
      lam[0] = 1;
      return;
    }
    let best = Infinity;
    let bp = -1;
    let bn = -1;
    for (let p = 0; p < m; p++) {
      if (labels[p]! < 0) continue;
      const row = p * stride;
      const gpp = gram[row + p]!;
      for (let n = 0; n < m; n++) {
        if (labels[n]! > 0) continue;
        const d = gpp + gram[n * stride + n]! + 2 * gram[row + n]!;
        if (d < best) {
          best = d;
          bp = p;
          bn = n;
        }
      }
    }
    this.s = 0;
    this.member.fill(0);
    if (!this.extend(bp) || !this.extend(bn)) {
      throw new InvalidValueError('gram', `points ${bp} and ${bn} make a singular bordered matrix`, 'pass a positive semi-definite kernel matrix with a positive diagonal');
    }
    lam[0] = 1;
    lam[1] = 1;
  }

  /** `g_j = sum_k lambda_k G_{idx_k, j}` for j < m: one axpy per corral row (streamed contiguously). */
  private price(m: number): void {
    const { g, gramRows, idx, lam, kernels } = this.ws;
    g.fill(0, 0, m);
    for (let k = 0; k < this.s; k++) kernels.axpyF64(g, gramRows[idx[k]!]!, lam[k]!, m);
  }

  private oneClass(m: number, y: number): NearestHullsResult {
    return { separable: true, lambda: new Float64Array(m), threshold: -y, corral: new Int32Array(0), norm2: 0, margin: Infinity, gap: 0, converged: true, iterations: 0 };
  }

  /** The result from the current stabilities (after a numerical breakdown: recomputes the class minima). */
  private finalResult(m: number, iterations: number): NearestHullsResult {
    const { labels } = this;
    const { g, idx, lam } = this.ws;
    let gP = Infinity;
    let gN = this.twoSided ? Infinity : 0;
    let norm2 = 0;
    for (let j = 0; j < m; j++) {
      if (labels[j]! > 0) gP = Math.min(gP, g[j]!);
      else gN = Math.min(gN, g[j]!);
    }
    for (let k = 0; k < this.s; k++) norm2 += lam[k]! * g[idx[k]!]!;
    return this.result(gP + gN > (this.twoSided ? 2 : 1) * this.errorBound(), false, norm2, gP, gN, iterations);
  }

  private result(separable: boolean, converged: boolean, norm2: number, gP: number, gN: number, iterations: number): NearestHullsResult {
    const { idx, lam } = this.ws;
    const lambda = new Float64Array(this.m);
    for (let k = 0; k < this.s; k++) lambda[idx[k]!] = lam[k]!;
    const norm = Math.sqrt(Math.max(norm2, 0));
    return {
      separable,
      lambda,
      threshold: this.twoSided ? (gP - gN) / 2 : 0,
      corral: idx.slice(0, this.s),
      norm2,
      margin: separable && norm > 0 ? (gP + gN) / ((this.twoSided ? 2 : 1) * norm) : 0,
      gap: norm2 - gP - gN,
      converged,
      iterations,
    };
  }

  /**
   * Appends point j (weight 0) to the corral, its row `r = L^-1 A_{S,j}` to the Cholesky factor and
   * the new entries of the forward solutions; false if it is affinely dependent on the corral (numerically).
   */
  private extend(j: number): boolean {
    const { stride, c, labels } = this;
    const { chol: L, cholRows, gram, idx, fp, fn, lam, kernels } = this.ws;
    const s = this.s;
    const row = s * stride;
    const newRow = cholRows[s]!;
    const gj = j * stride;
    const yj = labels[j]!;
    let d = gram[gj + j]! + c;
    let tp = yj > 0 ? 1 : 0;
    let tn = yj > 0 ? 0 : 1;
    for (let i = 0; i < s; i++) {
      const k = idx[i]!;
      const ri = i * stride;
      let sum = gram[gj + k]! + (labels[k] === yj ? c : 0);
      if (i < SHORT) for (let q = 0; q < i; q++) sum -= L[ri + q]! * L[row + q]!;
      else sum -= kernels.dotF64(cholRows[i]!, newRow, i);
      const v = sum / L[ri + i]!;
      L[row + i] = v;
      d -= v * v;
      tp -= v * fp[i]!;
      tn -= v * fn[i]!;
    }
    if (!(d > 1e-13 * c)) return false;
    const r = Math.sqrt(d);
    L[row + s] = r;
    fp[s] = tp / r;
    fn[s] = tn / r;
    idx[s] = j;
    lam[s] = 0;
    this.member[j] = 1;
    this.s = s + 1;
    return true;
  }

  /**
   * Removes corral position k: rows below move up, and the trailing block takes the rank-one
   * update `L33 L33^T + l32 l32^T` by Givens rotations `[L33 l32] Q = [L33' 0]`, applied row by row
   * (row b takes rotations 0..b-1 in turn, then defines rotation b), so every access is contiguous.
   * The forward solutions rotate alike: `y3' = (Q^T [y3; y_k])_{1..p}`.
   */
  private remove(k: number): void {
    const { stride } = this;
    const { chol: L, idx, lam, fp, fn, v: cs, g: sn } = this.ws; // v, g: scratch (both are recomputed after a removal)
    const s = this.s;
    this.member[idx[k]!] = 0;
    let xp = fp[k]!;
    let xn = fn[k]!;
    for (let i = k + 1; i < s; i++) {
      const src = i * stride;
      const dst = (i - 1) * stride;
      let x = L[src + k]!;
      L.copyWithin(dst, src, src + k);
      // Row i - 1 (new numbering), columns k..i-1: rotations a = 0..i-k-2 with the removed column x.
      const b = i - 1;
      for (let a = k; a < b; a++) {
        const l = L[src + a + 1]!;
        const c = cs[a]!;
        const t = sn[a]!;
        L[dst + a] = c * l + t * x;
        x = c * x - t * l;
      }
      const l = L[src + i]!;
      const r = Math.hypot(l, x);
      const c = l / r;
      const t = x / r;
      cs[b] = c;
      sn[b] = t;
      L[dst + b] = r;
      const pa = fp[i]!;
      fp[b] = c * pa + t * xp;
      xp = c * xp - t * pa;
      const na = fn[i]!;
      fn[b] = c * na + t * xn;
      xn = c * xn - t * na;
      idx[b] = idx[i]!;
      lam[b] = lam[i]!;
    }
    this.s = s - 1;
  }

  /**
   * The affine minimiser `v = L^-T (mu_+ f_+ + mu_- f_-)` into the workspace's `v`, with `mu` solving
   * `[f_+.f_+, f_+.f_-; f_+.f_-, f_-.f_-] mu = [1; 1]` (both class sums of v equal 1); false if singular.
   */
  private affineMinimizer(): boolean {
    const { stride } = this;
    const { chol: L, cholRows, fp, fn, v, kernels } = this.ws;
    const s = this.s;
    let a11 = 0;
    let a12 = 0;
    let a22 = 0;
    for (let i = 0; i < s; i++) {
      a11 += fp[i]! * fp[i]!;
      a12 += fp[i]! * fn[i]!;
      a22 += fn[i]! * fn[i]!;
    }
    let mp: number;
    let mn: number;
    if (this.twoSided) {
      const det = a11 * a22 - a12 * a12;
      if (!(det > 0)) return false;
      mp = (a22 - a12) / det;
      mn = (a11 - a12) / det;
    } else {
      if (!(a11 > 0)) return false;
      mp = 1 / a11;
      mn = 0;
    }
    for (let i = 0; i < s; i++) v[i] = mp * fp[i]! + mn * fn[i]!;
    // Back substitution L^T v = w by rows of L (contiguous): v_i = w_i / L_ii, then w_q -= L_iq v_i for q < i.
    for (let i = s - 1; i >= 0; i--) {
      const ri = i * stride;
      const vi = v[i]! / L[ri + i]!;
      v[i] = vi;
      if (i < SHORT) for (let q = 0; q < i; q++) v[q] -= L[ri + q]! * vi;
      else kernels.axpyF64(v, cholRows[i]!, -vi, i);
    }
    return true;
  }

  /**
   * Wolfe's minor cycles after `added` points entered the corral (with weight 0, at its end):
   * `OK`, `STALLED` when every new point left again without progress (then the next
   * major cycle adds one point, for which Wolfe's step always progresses), or `BROKEN` on a
   * numerical breakdown.
   */
  private minorCycles(added: number): number {
    const { labels } = this;
    const { lam, v, idx } = this.ws;
    let fresh = added;
    for (let guard = 0; guard < 4 * this.size + 8; guard++) {
      if (!this.affineMinimizer()) return BROKEN;
      const s = this.s;
      let theta = 1;
      let hit = -1;
      for (let k = 0; k < s; k++) {
        const vk = v[k]!;
        if (!(vk > 0)) {
          const lk = lam[k]!;
          const t = lk - vk > 0 ? lk / (lk - vk) : 0;
          if (hit < 0 || t < theta) {
            theta = t;
            hit = k;
          }
        }
      }
      if (hit < 0) {
        lam.set(v.subarray(0, s));
        return OK;
      }
      if (theta === 0 && hit >= s - fresh) {
        // A new point (weight 0) would turn negative: it leaves again, nothing else moves.
        this.remove(hit);
        fresh--;
        if (fresh === 0) return added === 1 ? BROKEN : STALLED;
        continue;
      }
      let sp = 0;
      let sn = 0;
      for (let k = 0; k < s; k++) {
        const w = k === hit ? 0 : lam[k]! + theta * (v[k]! - lam[k]!);
        lam[k] = w > 0 ? w : 0;
        if (labels[idx[k]!]! > 0) sp += lam[k]!;
        else sn += lam[k]!;
      }
      if (!(sp > 0 && (sn > 0 || !this.twoSided))) return BROKEN;
      for (let k = 0; k < s; k++) lam[k] = lam[k]! / (labels[idx[k]!]! > 0 ? sp : sn);
      fresh = 0;
      for (let k = s - 1; k >= 0; k--) if (!(lam[k]! > 1e-15)) this.remove(k);
    }
    return BROKEN;
  }
}
