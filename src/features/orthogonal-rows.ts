import type { Rng } from '../rng/rng.js';

/**
 * Random projection rows `S` (Y x d, row-major): i.i.d. `N(0, 1)` entries, or orthogonal
 * Gaussian rows (Yu et al., "Orthogonal Random Features", NeurIPS 2016): in blocks of d rows,
 * Gram-Schmidt on d Gaussian vectors gives orthonormal directions, and each row is then scaled
 * by the norm of an independent Gaussian vector in R^d (a chi_d length). Each row is then
 * marginally `N(0, I_d)`, so every random-feature estimate stays unbiased, while rows of a block
 * are exactly orthogonal, which lowers the variance. The last block is truncated to Y rows.
 *
 * (The reference code of Hoover et al. 2024, `initializations.py`, scales all rows by one
 * constant instead of chi_d lengths; rows are then not marginally Gaussian and kernel estimates
 * are biased. kmn follows Yu et al.)
 *
 * @example
 * ```ts
 * const S = gaussianRows(256, 16, true, createRng(1)); // 16 orthogonal blocks of 16 rows
 * ```
 */
export function gaussianRows(rows: number, dim: number, orthogonal: boolean, rng: Rng): Float64Array {
  const s = new Float64Array(rows * dim);
  if (!orthogonal) {
    for (let k = 0; k < s.length; k++) s[k] = rng.normal();
    return s;
  }
  const block = new Float64Array(dim * dim);
  for (let start = 0; start < rows; start += dim) {
    for (let k = 0; k < block.length; k++) block[k] = rng.normal();
    orthonormalizeRows(block, dim);
    const count = Math.min(dim, rows - start);
    for (let r = 0; r < count; r++) {
      let len2 = 0;
      for (let j = 0; j < dim; j++) {
        const g = rng.normal();
        len2 += g * g;
      }
      const len = Math.sqrt(len2);
      const base = (start + r) * dim;
      for (let j = 0; j < dim; j++) s[base + j] = len * block[r * dim + j]!;
    }
  }
  return s;
}

/**
 * Modified Gram-Schmidt on the rows of a square `dim x dim` matrix, in place (rows become
 * orthonormal). Gaussian rows are linearly independent with probability 1; the second pass
 * ("twice is enough", Giraud et al. 2005) keeps the rows orthogonal to rounding.
 *
 * @example
 * ```ts
 * const q = Float64Array.of(1, 1, 0, 1);
 * orthonormalizeRows(q, 2); // rows (0.707, 0.707), (-0.707, 0.707)
 * ```
 */
export function orthonormalizeRows(a: Float64Array, dim: number): void {
  for (let r = 0; r < dim; r++) {
    const rb = r * dim;
    for (let pass = 0; pass < 2; pass++) {
      for (let q = 0; q < r; q++) {
        const qb = q * dim;
        let dot = 0;
        for (let j = 0; j < dim; j++) dot += a[rb + j]! * a[qb + j]!;
        for (let j = 0; j < dim; j++) a[rb + j]! -= dot * a[qb + j]!;
      }
    }
    let norm = 0;
    for (let j = 0; j < dim; j++) norm += a[rb + j]! ** 2;
    norm = Math.sqrt(norm);
    for (let j = 0; j < dim; j++) a[rb + j]! /= norm;
  }
}
