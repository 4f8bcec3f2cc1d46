import { InvalidValueError, ShapeError } from '../../src/errors.js';

/** Unit roundoff of float64, for the rounding-error bounds of certified signs. */
const U = 2 ** -53;

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
   * outside the norm, as libsvm's); Infinity when one class is empty, <= 0 when not separable.
   */
  readonly margin: number;
  /** Duality gap `|z|^2 - g_+ - g_-` (>= 0; 0 at the optimum, where the margin is `|z| / 2`). */
  readonly gap: number;
  /** The relative gap reached the requested tolerance (or the hulls were found to overlap). */
  readonly converged: boolean;
  /** Major cycles taken (points added to the corral). */
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
 * `L^-1 e_+`, `L^-1 e_-`, so a cycle costs one triangular solve plus the pricing `G_{:,S} lambda`.
 * The sign of `g_+ + g_-` is certified against a rounding-error bound; overlapping hulls end with
 * `|z|^2` at rounding level (see {@link farkasCertificate} with labels for the exact certificate).
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
  private readonly gram: Float64Array;
  private readonly labels: Float64Array;
  /** Offset `c` of the bordered matrix (largest kernel diagonal). */
  private readonly c: number;
  private m = 0;
  /** Corral size, indices, weights. */
  private s = 0;
  private readonly idx: Int32Array;
  private readonly lam: Float64Array;
  /** Cholesky factor of `G_SS + c (e_+ e_+^T + e_- e_-^T)` over the corral, row-major with stride `size`. */
  private readonly L: Float64Array;
  /** Forward solutions `L^-1 e_+` and `L^-1 e_-`. */
  private readonly fp: Float64Array;
  private readonly fn: Float64Array;
  /** Stabilities `g = G lambda` of the points. */
  private readonly g: Float64Array;
  /** Scratch: the affine minimiser over the corral. */
  private readonly v: Float64Array;
  private readonly cap: number;

  /**
   * @param gram - kernel matrix, row-major `size x size` (finite entries, positive semi-definite).
   * @param labels - `+/-1` per point.
   * @param size - number of points.
   * @throws {@link ShapeError} for sizes that disagree; {@link InvalidValueError} for bad labels or kernel entries.
   */
  constructor(gram: Float64Array, labels: ArrayLike<number>, size: number) {
    if (!Number.isInteger(size) || size < 1) throw new InvalidValueError('size', `must be a positive integer, got ${size}`, 'pass the number of points');
    if (gram.length < size * size) throw new ShapeError('gram', `has ${gram.length} entries, expected ${size} x ${size}`, 'pass the full kernel matrix');
    if (labels.length < size) throw new ShapeError('labels', `has ${labels.length} entries, expected ${size}`, 'pass one label per point');
    const y = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      const l = labels[i];
      if (l !== 1 && l !== -1) throw new InvalidValueError('labels', `entry ${i} is ${l}`, 'labels must be +1 or -1');
      y[i] = l;
      const d = gram[i * size + i]!;
      if (!Number.isFinite(d) || d < 0) throw new InvalidValueError('gram', `diagonal entry ${i} is ${d}`, 'pass a positive semi-definite kernel matrix');
    }
    const sg = new Float64Array(size * size);
    let c = 0;
    for (let i = 0; i < size; i++) {
      const row = i * size;
      const yi = y[i]!;
      for (let j = 0; j < size; j++) {
        const v = gram[row + j]!;
        if (!Number.isFinite(v)) throw new InvalidValueError('gram', `entry (${i}, ${j}) is ${v}`, 'pass finite kernel entries');
        sg[row + j] = yi * y[j]! * v;
      }
      c = Math.max(c, sg[row + i]!);
    }
    this.size = size;
    this.gram = sg;
    this.labels = y;
    this.c = c > 0 ? c : 1;
    this.idx = new Int32Array(size);
    this.lam = new Float64Array(size);
    this.L = new Float64Array(size * size);
    this.fp = new Float64Array(size);
    this.fn = new Float64Array(size);
    this.g = new Float64Array(size);
    this.v = new Float64Array(size);
    this.cap = 50 * size + 100;
  }

  /** Signed kernel entry `a_i . a_j = y_i y_j K_ij`. */
  signedGram(i: number, j: number): number {
    return this.gram[i * this.size + j]!;
  }

  /**
   * Solves the first m points (warm start from the previous call when m grew).
   *
   * @param m - number of points, 1..size.
   * @throws {@link InvalidValueError} for m outside 1..size or a tolerance outside (0, 1).
   */
  solve(m: number, options: NearestHullsSolveOptions = {}): NearestHullsResult {
    if (!Number.isInteger(m) || m < 1 || m > this.size) throw new InvalidValueError('m', `must be an integer in [1, ${this.size}], got ${m}`, 'pass how many of the points to solve');
    const gapTol = options.gapTol ?? 1e-9;
    if (!(gapTol > 0 && gapTol < 1)) throw new InvalidValueError('gapTol', `must be in (0, 1), got ${gapTol}`, 'pass a relative duality-gap tolerance such as 1e-6');
    const maxMargin = options.maxMargin ?? true;
    const { labels, g, size } = this;
    let hasP = false;
    let hasN = false;
    for (let j = 0; j < m; j++) {
      if (labels[j]! > 0) hasP = true;
      else hasN = true;
    }
    if (!hasP || !hasN) {
      this.m = m;
      this.s = 0;
      return this.oneClass(m, hasP ? 1 : -1);
    }
    if (m < this.m || !this.bothClassesInCorral()) this.coldStart(m);
    this.m = m;
    let maxDiag = 0;
    for (let j = 0; j < m; j++) maxDiag = Math.max(maxDiag, this.gram[j * size + j]!);
    const absTol = 1e-15 * maxDiag;
    let iterations = 0;
    for (;;) {
      this.price(m);
      const { idx, lam } = this;
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
      let gN = Infinity;
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
      // |g_j - fl(g_j)| <= gamma_{s+1} sum_k lambda_k |G_kj| <= 2 (s + 2) u * 2c (class sums 1, |G_kj| <= c).
      const err = 4 * (s + 2) * U * this.c;
      const certified = gP + gN > 2 * err;
      const converged = certified ? gap <= gapTol * norm2 : gap <= absTol;
      if ((certified && !maxMargin) || converged || iterations >= this.cap) return this.result(certified, converged, norm2, gP, gN, iterations);
      const j = nuP - gP >= nuN - gN ? jP : jN;
      if (this.inCorral(j)) return this.result(certified, converged, norm2, gP, gN, iterations);
      iterations++;
      if (!this.extend(j)) return this.result(certified, converged, norm2, gP, gN, iterations);
      if (!this.minorCycles()) {
        this.price(m);
        return this.finalResult(m, iterations);
      }
    }
  }

  private bothClassesInCorral(): boolean {
    let p = false;
    let n = false;
    for (let k = 0; k < this.s; k++) {
      if (this.labels[this.idx[k]!]! > 0) p = true;
      else n = true;
    }
    return p && n;
  }

  private inCorral(j: number): boolean {
    for (let k = 0; k < this.s; k++) if (this.idx[k] === j) return true;
    return false;
  }

  /** Starts from the closest pair (one point of each class), `|phi_p - phi_n|^2 = G_pp + G_nn + 2 G_pn`. */
  private coldStart(m: number): void {
    const { gram, labels, size } = this;
    let best = Infinity;
    let bp = -1;
    let bn = -1;
    for (let p = 0; p < m; p++) {
      if (labels[p]! < 0) continue;
      const row = p * size;
      const gpp = gram[row + p]!;
      for (let n = 0; n < m; n++) {
        if (labels[n]! > 0) continue;
        const d = gpp + gram[n * size + n]! + 2 * gram[row + n]!;
        if (d < best) {
          best = d;
          bp = p;
          bn = n;
        }
      }
    }
    this.s = 0;
    this.lam[0] = 1;
    this.lam[1] = 1;
    if (!this.extend(bp) || !this.extend(bn)) {
      throw new InvalidValueError('gram', `points ${bp} and ${bn} make a singular bordered matrix`, 'pass a positive semi-definite kernel matrix with a positive diagonal');
    }
    this.lam[0] = 1;
    this.lam[1] = 1;
  }

  /** `g_j = sum_k lambda_k G_{idx_k, j}` for j < m (corral rows streamed contiguously). */
  private price(m: number): void {
    const { g, gram, idx, lam, size } = this;
    g.fill(0, 0, m);
    for (let k = 0; k < this.s; k++) {
      const l = lam[k]!;
      const row = idx[k]! * size;
      for (let j = 0; j < m; j++) g[j] += l * gram[row + j]!;
    }
  }

  private oneClass(m: number, y: number): NearestHullsResult {
    return { separable: true, lambda: new Float64Array(m), threshold: -y, corral: new Int32Array(0), norm2: 0, margin: Infinity, gap: 0, converged: true, iterations: 0 };
  }

  /** The result from the current stabilities (after a numerical breakdown: recomputes the class minima). */
  private finalResult(m: number, iterations: number): NearestHullsResult {
    const { g, labels, idx, lam } = this;
    let gP = Infinity;
    let gN = Infinity;
    let norm2 = 0;
    for (let j = 0; j < m; j++) {
      if (labels[j]! > 0) gP = Math.min(gP, g[j]!);
      else gN = Math.min(gN, g[j]!);
    }
    for (let k = 0; k < this.s; k++) norm2 += lam[k]! * g[idx[k]!]!;
    const certified = gP + gN > 2 * 4 * (this.s + 2) * U * this.c;
    return this.result(certified, false, norm2, gP, gN, iterations);
  }

  private result(separable: boolean, converged: boolean, norm2: number, gP: number, gN: number, iterations: number): NearestHullsResult {
    const lambda = new Float64Array(this.m);
    for (let k = 0; k < this.s; k++) lambda[this.idx[k]!] = this.lam[k]!;
    const norm = Math.sqrt(Math.max(norm2, 0));
    return {
      separable,
      lambda,
      threshold: (gP - gN) / 2,
      corral: this.idx.slice(0, this.s),
      norm2,
      margin: norm > 0 ? (gP + gN) / (2 * norm) : 0,
      gap: norm2 - gP - gN,
      converged,
      iterations,
    };
  }

  /**
   * Appends point j (weight 0) to the corral and its row to the Cholesky factor and forward
   * solutions; false if it is affinely dependent on the corral (numerically).
   */
  private extend(j: number): boolean {
    const { L, size, idx, c, gram, labels, fp, fn } = this;
    const s = this.s;
    const row = s * size;
    const gj = j * size;
    const yj = labels[j]!;
    let d = gram[gj + j]! + c;
    let tp = yj > 0 ? 1 : 0;
    let tn = yj > 0 ? 0 : 1;
    for (let i = 0; i < s; i++) {
      const k = idx[i]!;
      let sum = gram[gj + k]! + (labels[k] === yj ? c : 0);
      const ri = i * size;
      for (let q = 0; q < i; q++) sum -= L[ri + q]! * L[row + q]!;
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
    this.lam[s] = 0;
    this.s = s + 1;
    return true;
  }

  /**
   * Removes corral position k: rows below move up, the trailing block takes the rank-one update
   * `L33 L33^T + l32 l32^T` by Givens rotations, which also rotate the forward solutions
   * (`[L33 l32] Q = [L33' 0]` gives `y3' = (Q^T [y3; y_k])_{1..p}`).
   */
  private remove(k: number): void {
    const { L, size, idx, lam, fp, fn } = this;
    const s = this.s;
    const p = s - 1 - k;
    const x = this.v; // scratch (the affine minimiser is recomputed after a removal)
    for (let i = k + 1; i < s; i++) {
      const src = i * size;
      const dst = (i - 1) * size;
      x[i - k - 1] = L[src + k]!;
      for (let j = 0; j < k; j++) L[dst + j] = L[src + j]!;
      for (let j = k + 1; j <= i; j++) L[dst + j - 1] = L[src + j]!;
    }
    let xp = fp[k]!;
    let xn = fn[k]!;
    for (let i = k + 1; i < s; i++) {
      fp[i - 1] = fp[i]!;
      fn[i - 1] = fn[i]!;
      idx[i - 1] = idx[i]!;
      lam[i - 1] = lam[i]!;
    }
    for (let a = 0; a < p; a++) {
      const dg = (k + a) * size + k + a;
      const l = L[dg]!;
      const xa = x[a]!;
      const r = Math.hypot(l, xa);
      const cs = l / r;
      const sn = xa / r;
      L[dg] = r;
      for (let b = a + 1; b < p; b++) {
        const e = (k + b) * size + k + a;
        const lb = L[e]!;
        const xb = x[b]!;
        L[e] = cs * lb + sn * xb;
        x[b] = cs * xb - sn * lb;
      }
      const pa = fp[k + a]!;
      fp[k + a] = cs * pa + sn * xp;
      xp = cs * xp - sn * pa;
      const na = fn[k + a]!;
      fn[k + a] = cs * na + sn * xn;
      xn = cs * xn - sn * na;
    }
    this.s = s - 1;
  }

  /**
   * The affine minimiser `v = L^-T (mu_+ f_+ + mu_- f_-)` into `this.v`, with `mu` solving
   * `[f_+.f_+, f_+.f_-; f_+.f_-, f_-.f_-] mu = [1; 1]` (both class sums of v equal 1); false if singular.
   */
  private affineMinimizer(): boolean {
    const { L, size, fp, fn, v } = this;
    const s = this.s;
    let a11 = 0;
    let a12 = 0;
    let a22 = 0;
    for (let i = 0; i < s; i++) {
      a11 += fp[i]! * fp[i]!;
      a12 += fp[i]! * fn[i]!;
      a22 += fn[i]! * fn[i]!;
    }
    const det = a11 * a22 - a12 * a12;
    if (!(det > 0)) return false;
    const mp = (a22 - a12) / det;
    const mn = (a11 - a12) / det;
    for (let i = 0; i < s; i++) v[i] = mp * fp[i]! + mn * fn[i]!;
    // Back substitution L^T v = w by rows of L (contiguous): v_i = w_i / L_ii, then w_q -= L_iq v_i.
    for (let i = s - 1; i >= 0; i--) {
      const ri = i * size;
      const vi = v[i]! / L[ri + i]!;
      v[i] = vi;
      for (let q = 0; q < i; q++) v[q] -= L[ri + q]! * vi;
    }
    return true;
  }

  /** Wolfe's minor cycles after a point was added; false on a numerical breakdown. */
  private minorCycles(): boolean {
    const { lam, v, idx, labels } = this;
    for (let guard = 0; guard < 4 * this.size + 8; guard++) {
      if (!this.affineMinimizer()) return false;
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
        return true;
      }
      // The point just added enters with weight 0: dropping it again means the step stalled.
      if (hit === s - 1 && theta === 0) return false;
      let sp = 0;
      let sn = 0;
      for (let k = 0; k < s; k++) {
        const w = k === hit ? 0 : lam[k]! + theta * (v[k]! - lam[k]!);
        lam[k] = w > 0 ? w : 0;
        if (labels[idx[k]!]! > 0) sp += lam[k]!;
        else sn += lam[k]!;
      }
      if (!(sp > 0 && sn > 0)) return false;
      for (let k = 0; k < s; k++) lam[k] = lam[k]! / (labels[idx[k]!]! > 0 ? sp : sn);
      for (let k = s - 1; k >= 0; k--) if (!(lam[k]! > 1e-15)) this.remove(k);
    }
    return false;
  }
}
