// Wolfe's minimum-norm point through the origin, the first exact storability solver of issue 14,
// kept as an independent reference for the tests: the library's oracle now runs on
// NearestHullsSolver with `intercept: false` (plasticity/exact/nearest-hulls.ts), and
// test/exact/nearest-hulls.test.ts checks the two agree.
import { InvalidValueError, ShapeError } from '../../../src/errors.js';

/** Unit roundoff of float64, for the rounding-error bounds of certified signs. */
const U = 2 ** -53;

/** What {@link MinNormSolver.solve} decided for the first m points. */
export interface MinNormResult {
  /** The points are strictly separable through the origin (a neuron with coefficients `lambda * y` separates them). */
  readonly separable: boolean;
  /** The last iterate: barycentric weights over the first m points (zero outside the corral). */
  readonly lambda: Float64Array;
  /** The corral: indices with non-zero weight. */
  readonly corral: Int32Array;
  /** `|x|^2`, the squared norm of the iterate `x = sum_k lambda_k y_k phi_k`. */
  readonly norm2: number;
  /** `min_j x . a_j`, the smallest stability of the iterate (certified > 0 when `separable`). */
  readonly minStability: number;
  /** Duality gap `|x|^2 - min_j x . a_j` (>= 0; 0 at the max-margin solution). */
  readonly gap: number;
  /** Major cycles taken (points added to the corral). */
  readonly iterations: number;
}

/**
 * Wolfe's minimum-norm-point algorithm in kernel form, warm-started along nested point sets: for
 * points `a_mu = y_mu phi(x_mu)` given through their kernel matrix `K` and labels `y`, it finds the
 * point `x*` of the convex hull `conv{a_1..a_m}` nearest the origin. By Gordan's theorem the points
 * are strictly separable through the origin (a neuron `sign(sum_mu c_mu K(x_mu, .))` reproduces
 * every label) exactly when `x* != 0`, and then `x* / |x*|` is the max-margin neuron with margin
 * `|x*|` (hard-margin SVM without bias, dual `min |sum lambda_mu a_mu|^2` over the simplex).
 * An active-set method that terminates finitely in exact arithmetic (Wolfe 1976, "Finding the
 * nearest point in a polytope", Math. Programming 11). Each major cycle adds the point of least
 * stability `x . a_j`; minor cycles keep the corral affinely independent. Signs of stabilities are
 * certified against a rounding-error bound; see `separability.ts` for the exact (rational)
 * certificate of inseparability.
 *
 * `solve(m)` for growing m continues from the previous corral (the hull only grows): this is the
 * warm start along the nested pattern sets of a capacity search. A smaller m restarts.
 *
 * @example
 * ```ts
 * const s = new MinNormSolver(Float64Array.of(1, 0, 0, 1), [1, -1], 2);
 * s.solve(2).separable; // true: two orthogonal points
 * ```
 */
export class MinNormSolver {
  private readonly gram: Float64Array;
  private readonly labels: Float64Array;
  /** Rows of the kernel matrix held (the largest m that can be solved). */
  readonly size: number;
  private m = 0;
  private corral: number[] = [];
  private lambda: number[] = [];
  private readonly xa: Float64Array;
  private readonly err: Float64Array;
  private readonly cap: number;
  /** Offset `c` of the bordered Gram `G + c 1 1^T` (largest kernel diagonal). */
  private readonly c: number;
  /** Cholesky factor of `G_SS + c 1 1^T` over the corral, row-major with stride `size`. */
  private readonly L: Float64Array;

  /**
   * @param gram - kernel matrix, row-major `size x size` (finite entries).
   * @param labels - `+/-1` per point.
   * @param size - number of points.
   * @throws {@link ShapeError} for sizes that disagree; {@link InvalidValueError} for bad labels or kernel entries.
   */
  constructor(gram: Float64Array, labels: ArrayLike<number>, size: number) {
    if (!Number.isInteger(size) || size < 1) throw new InvalidValueError('size', `must be a positive integer, got ${size}`, 'pass the number of points');
    if (gram.length < size * size) throw new ShapeError('gram', `has ${gram.length} entries, expected ${size} x ${size}`, 'pass the full kernel matrix');
    if (labels.length < size) throw new ShapeError('labels', `has ${labels.length} entries, expected ${size}`, 'pass one label per point');
    this.labels = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      const y = labels[i];
      if (y !== 1 && y !== -1) throw new InvalidValueError('labels', `entry ${i} is ${y}`, 'labels must be +1 or -1');
      this.labels[i] = y;
      if (!Number.isFinite(gram[i * size + i]!) || gram[i * size + i]! < 0) throw new InvalidValueError('gram', `diagonal entry ${i} is ${gram[i * size + i]}`, 'pass a positive semi-definite kernel matrix');
    }
    const sg = new Float64Array(size * size);
    for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) sg[i * size + j] = this.labels[i]! * this.labels[j]! * gram[i * size + j]!;
    this.gram = sg;
    this.size = size;
    let c = 0;
    for (let i = 0; i < size; i++) c = Math.max(c, sg[i * size + i]!);
    this.c = c > 0 ? c : 1;
    this.L = new Float64Array(size * size);
    this.xa = new Float64Array(size);
    this.err = new Float64Array(size);
    this.cap = 50 * size + 100;
  }

  /** Signed kernel entry `a_i . a_j = y_i y_j K_ij`. */
  g(i: number, j: number): number {
    return this.gram[i * this.size + j]!;
  }

  /**
   * Stabilities `x . a_j` of the current iterate for j < m (corral rows streamed contiguously),
   * with their rounding-error bound: `|err| <= 2 (s + 2) u sum_k lambda_k |G_kj| <= 2 (s + 2) u c`,
   * since `lambda >= 0` sums to 1 and `|G_kj| <= max_k G_kk = c` for a positive semi-definite kernel.
   */
  private stabilities(m: number): void {
    const { corral, lambda, xa, err, gram, size } = this;
    const s = corral.length;
    xa.fill(0, 0, m);
    for (let k = 0; k < s; k++) {
      const l = lambda[k]!;
      const row = corral[k]! * size;
      for (let j = 0; j < m; j++) xa[j] += l * gram[row + j]!;
    }
    err.fill(2 * (s + 2) * U * this.c, 0, m);
  }

  /** `x . a_j > 0` holds for the current iterate beyond rounding error. */
  certifiedPositive(j: number): boolean {
    const { corral, lambda } = this;
    let sum = 0;
    let abs = 0;
    for (let k = 0; k < corral.length; k++) {
      const t = lambda[k]! * this.g(corral[k]!, j);
      sum += t;
      abs += Math.abs(t);
    }
    return sum > (corral.length + 2) * U * 2 * abs;
  }

  /**
   * Decides the first m points (warm start from the previous call when m grew).
   *
   * @param m - number of points, 1..size.
   * @param maxMargin - keep iterating after separation until the duality gap is below `gapTol * |x|^2`.
   * @param gapTol - relative duality-gap tolerance for `maxMargin` (default 1e-9).
   */
  solve(m: number, maxMargin = false, gapTol = 1e-9): MinNormResult {
    if (!Number.isInteger(m) || m < 1 || m > this.size) throw new InvalidValueError('m', `must be an integer in [1, ${this.size}], got ${m}`, 'pass how many of the points to decide');
    if (m < this.m || this.corral.length === 0) {
      let best = 0;
      for (let j = 1; j < m; j++) if (this.g(j, j) < this.g(best, best)) best = j;
      this.corral = [best];
      this.lambda = [1];
      if (!this.refactor()) throw new InvalidValueError('gram', `point ${best} has kernel value ${this.g(best, best)}`, 'pass a kernel matrix with a positive diagonal');
    }
    this.m = m;
    let maxDiag = 0;
    for (let j = 0; j < m; j++) maxDiag = Math.max(maxDiag, this.g(j, j));
    const absTol = 1e-15 * maxDiag;
    let iterations = 0;
    for (;;) {
      this.stabilities(m);
      let jmin = 0;
      let certified = true;
      for (let j = 0; j < m; j++) {
        if (this.xa[j]! < this.xa[jmin]!) jmin = j;
        if (!(this.xa[j]! > this.err[j]!)) certified = false;
      }
      // |x|^2 = lambda^T G lambda = sum_k lambda_k (x . a_k) over the corral, from the stabilities.
      let norm2 = 0;
      for (let k = 0; k < this.corral.length; k++) norm2 += this.lambda[k]! * this.xa[this.corral[k]!]!;
      const gap = norm2 - this.xa[jmin]!;
      const done = certified ? !maxMargin || gap <= gapTol * norm2 : gap <= absTol;
      if (done || iterations >= this.cap || this.corral.includes(jmin)) return this.result(certified, norm2, iterations);
      iterations++;
      if (!this.extend(jmin)) return this.result(false, norm2, iterations);
      this.corral.push(jmin);
      this.lambda.push(0);
      if (!this.minorCycles()) return this.result(false, this.norm2(), iterations);
    }
  }

  private result(separable: boolean, norm2: number, iterations: number): MinNormResult {
    const lambda = new Float64Array(this.m);
    this.corral.forEach((k, i) => (lambda[k] = this.lambda[i]!));
    let minStability = Infinity;
    for (let j = 0; j < this.m; j++) minStability = Math.min(minStability, this.xa[j]!);
    return { separable, lambda, corral: Int32Array.from(this.corral), norm2, minStability, gap: norm2 - minStability, iterations };
  }

  private norm2(): number {
    const { corral, lambda } = this;
    let sum = 0;
    for (let a = 0; a < corral.length; a++) for (let b = 0; b < corral.length; b++) sum += lambda[a]! * lambda[b]! * this.g(corral[a]!, corral[b]!);
    return sum;
  }

  /** Wolfe's minor cycles; false if the corral turned affinely dependent (numerically). */
  private minorCycles(): boolean {
    for (let guard = 0; guard < 4 * this.size + 8; guard++) {
      const v = this.affineMinimizer();
      if (!v) return false;
      const { lambda } = this;
      let allPositive = true;
      for (let k = 0; k < v.length; k++) if (!(v[k]! > 0)) allPositive = false;
      if (allPositive) {
        this.lambda = Array.from(v);
        return true;
      }
      let theta = 1;
      let hit = -1;
      for (let k = 0; k < v.length; k++) {
        if (!(v[k]! > 0) && lambda[k]! - v[k]! > 0) {
          const t = lambda[k]! / (lambda[k]! - v[k]!);
          if (hit < 0 || t < theta) {
            theta = t;
            hit = k;
          }
        }
      }
      const next: number[] = [];
      const keep: number[] = [];
      const gone: number[] = [];
      for (let k = 0; k < v.length; k++) {
        const w = k === hit ? 0 : lambda[k]! + theta * (v[k]! - lambda[k]!);
        if (w > 1e-15) {
          next.push(w);
          keep.push(this.corral[k]!);
        } else gone.push(k);
      }
      const dropped = gone.length > 0;
      if (!dropped || keep.length === 0) return false;
      let total = 0;
      for (const w of next) total += w;
      this.lambda = next.map((w) => w / total);
      for (let g = gone.length - 1; g >= 0; g--) this.remove(gone[g]!, v.length - (gone.length - 1 - g));
      this.corral = keep;
    }
    return false;
  }

  /** Appends point j to the Cholesky factor of the corral; false if it is affinely dependent (numerically). */
  private extend(j: number): boolean {
    const { L, size, corral, c } = this;
    const s = corral.length;
    const row = s * size;
    let d = this.g(j, j) + c;
    for (let i = 0; i < s; i++) {
      let sum = this.g(corral[i]!, j) + c;
      for (let k = 0; k < i; k++) sum -= L[i * size + k]! * L[row + k]!;
      const v = sum / L[i * size + i]!;
      L[row + i] = v;
      d -= v * v;
    }
    if (!(d > 1e-13 * c)) return false;
    L[row + s] = Math.sqrt(d);
    return true;
  }

  /**
   * Removes position k from the Cholesky factor of a corral of size s in O(s^2): rows below k move
   * up, and the trailing block takes the rank-one update `L33 L33^T + l32 l32^T` (Givens form).
   */
  private remove(k: number, s: number): void {
    const { L, size } = this;
    const p = s - 1 - k;
    const x = new Float64Array(p);
    for (let i = k + 1; i < s; i++) {
      x[i - k - 1] = L[i * size + k]!;
      for (let j = 0; j < k; j++) L[(i - 1) * size + j] = L[i * size + j]!;
      for (let j = k + 1; j <= i; j++) L[(i - 1) * size + j - 1] = L[i * size + j]!;
    }
    for (let a = 0; a < p; a++) {
      const d = (k + a) * size + k + a;
      const l = L[d]!;
      const r = Math.hypot(l, x[a]!);
      const c = r / l;
      const sn = x[a]! / l;
      L[d] = r;
      for (let b = a + 1; b < p; b++) {
        const e = (k + b) * size + k + a;
        const v = (L[e]! + sn * x[b]!) / c;
        L[e] = v;
        x[b] = c * x[b]! - sn * v;
      }
    }
  }

  /** Refactors `G_SS + c 1 1^T` from scratch (after points left the corral). */
  private refactor(): boolean {
    const all = this.corral;
    this.corral = [];
    for (const j of all) {
      if (!this.extend(j)) {
        this.corral = all;
        return false;
      }
      this.corral.push(j);
    }
    return true;
  }

  /** Minimiser of `|sum v_k a_k|` over the affine hull of the corral: `v ∝ (G + c 1 1^T)^-1 1` from the Cholesky factor. */
  private affineMinimizer(): Float64Array | null {
    const { L, size } = this;
    const s = this.corral.length;
    const u = new Float64Array(s).fill(1);
    for (let i = 0; i < s; i++) {
      let sum = u[i]!;
      for (let k = 0; k < i; k++) sum -= L[i * size + k]! * u[k]!;
      u[i] = sum / L[i * size + i]!;
    }
    for (let i = s - 1; i >= 0; i--) {
      let sum = u[i]!;
      for (let k = i + 1; k < s; k++) sum -= L[k * size + i]! * u[k]!;
      u[i] = sum / L[i * size + i]!;
    }
    let total = 0;
    for (let i = 0; i < s; i++) total += u[i]!;
    if (!(total > 0)) return null;
    for (let i = 0; i < s; i++) u[i] = u[i]! / total;
    return u;
  }
}
