import { CholeskyDecomposition, LuDecomposition, Matrix } from 'ml-matrix';
import { SingularMatrixError } from '../errors.js';

/**
 * The one singularity tolerance of kmn's factorisations: a Cholesky pivot is singular when
 * `L_jj^2 <= tol A_jj`, i.e. when less than a fraction `tol` of row j's diagonal is left after
 * projecting out the rows before it (example j lies in the span of the others, to working
 * precision); an LU factorisation is singular when its smallest pivot is `<= tol` times its
 * largest. 1e-10 leaves ~6 significant digits in the solution at double precision.
 *
 * @example
 * ```ts
 * factorize(gram, m, 'kernel matrix', { positiveDefinite: true }); // SingularMatrixError below SINGULAR_TOLERANCE
 * ```
 */
export const SINGULAR_TOLERANCE = 1e-10;

/** A square matrix factorised once, solving `A x = b` in O(n^2) per right-hand side. */
export interface Factorization {
  readonly size: number;
  /** `'cholesky'` for symmetric positive-definite matrices, else `'lu'` (partial pivoting). */
  readonly method: 'cholesky' | 'lu';
  /** Solves `A x = b` into `out` (no allocation) and returns it. */
  solve(b: ArrayLike<number>, out: Float64Array): Float64Array;
}

/**
 * Factorises a row-major n x n matrix once (ml-matrix: Cholesky if it is positive definite,
 * otherwise LU with partial pivoting), keeping the factors in flat arrays so that each later
 * solve is two triangular substitutions without allocation: never an inverse per step.
 *
 * @param parameter - name used in errors, e.g. `"kernel matrix"`.
 * @param options - `fix`: the advice in errors; `positiveDefinite: true` refuses the LU
 * fallback (a symmetric matrix that is not positive definite is then singular).
 * @throws {@link SingularMatrixError} if the matrix is singular to {@link SINGULAR_TOLERANCE},
 * naming the offending row and the fix.
 * @example
 * ```ts
 * const f = factorize(Float64Array.of(4, 2, 2, 3), 2, 'K');
 * f.solve([2, 1], new Float64Array(2)); // [0.5, 0]
 * ```
 */
export function factorize(a: ArrayLike<number>, n: number, parameter: string, options: { fix?: string; positiveDefinite?: boolean } = {}): Factorization {
  const tol = SINGULAR_TOLERANCE;
  const fix = options.fix ?? 'remove duplicate or nearly identical patterns';
  const matrix = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) matrix.set(i, j, a[i * n + j]!);
  let symmetric = true;
  for (let i = 0; i < n && symmetric; i++) for (let j = 0; j < i; j++) if (a[i * n + j] !== a[j * n + i]) { symmetric = false; break; }
  if (symmetric) {
    const chol = new CholeskyDecomposition(matrix);
    const l = chol.lowerTriangularMatrix;
    let worst = 0;
    let ratio = chol.isPositiveDefinite() ? Infinity : 0;
    for (let j = 0; j < n && ratio > 0; j++) {
      const r = l.get(j, j) ** 2 / a[j * n + j]!;
      if (!(r >= ratio)) { ratio = r; worst = j; }
    }
    if (ratio > tol) {
      const flat = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) flat[i * n + j] = l.get(i, j);
      return choleskySolver(flat, n);
    }
    if (options.positiveDefinite) {
      const why = chol.isPositiveDefinite() ? `row ${worst} lies in the span of the rows before it` : 'it is not positive definite';
      throw new SingularMatrixError(parameter, `is singular to working precision (${why})`, fix);
    }
  } else if (options.positiveDefinite) {
    throw new SingularMatrixError(parameter, 'is not symmetric, so it is not positive definite', fix);
  }
  const lu = new LuDecomposition(matrix);
  const u = lu.upperTriangularMatrix;
  const l = lu.lowerTriangularMatrix;
  let pmin = Infinity;
  let pmax = 0;
  for (let i = 0; i < n; i++) {
    const d = Math.abs(u.get(i, i));
    pmin = Math.min(pmin, d);
    pmax = Math.max(pmax, d);
  }
  if (lu.isSingular() || !(pmin > tol * pmax)) {
    throw new SingularMatrixError(parameter, `is singular to working precision (smallest/largest pivot ${pmax > 0 ? (pmin / pmax).toExponential(1) : 0})`, fix);
  }
  const lf = new Float64Array(n * n);
  const uf = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      lf[i * n + j] = l.get(i, j);
      uf[i * n + j] = u.get(i, j);
    }
  }
  const pivot = Int32Array.from(lu.pivotPermutationVector);
  return {
    size: n,
    method: 'lu',
    solve(b, out) {
      // L y = P b (unit lower), then U x = y.
      for (let i = 0; i < n; i++) {
        let s = b[pivot[i]!]!;
        const row = i * n;
        for (let j = 0; j < i; j++) s -= lf[row + j]! * out[j]!;
        out[i] = s;
      }
      for (let i = n - 1; i >= 0; i--) {
        let s = out[i]!;
        const row = i * n;
        for (let j = i + 1; j < n; j++) s -= uf[row + j]! * out[j]!;
        out[i] = s / uf[row + i]!;
      }
      return out;
    },
  };
}

function choleskySolver(l: Float64Array, n: number): Factorization {
  return {
    size: n,
    method: 'cholesky',
    solve(b, out) {
      // L y = b, then L^T x = y.
      for (let i = 0; i < n; i++) {
        let s = b[i]!;
        const row = i * n;
        for (let j = 0; j < i; j++) s -= l[row + j]! * out[j]!;
        out[i] = s / l[row + i]!;
      }
      for (let i = n - 1; i >= 0; i--) {
        let s = out[i]!;
        for (let j = i + 1; j < n; j++) s -= l[j * n + i]! * out[j]!;
        out[i] = s / l[i * n + i]!;
      }
      return out;
    },
  };
}
