// The exact integer form of the batched product C = A B^T for integer A (|A| < 2^30) and bipolar B:
// 16-bit limbs and i32x4.dot_i16x8_s, 8 entries of k per instruction against 2 per f64x2 multiply.
// Exact, so C equals every floating-point order's result whenever that result is exact too.
import { InvalidValueError, ParameterError, ShapeError } from '../errors.js';
import { createSimdKernels } from './simd-kernels.js';

/**
 * Options of {@link exactBipolarProduct}.
 *
 * @example
 * ```ts
 * const options: ExactBipolarProductOptions = { rows: 256, cols: N, depth: M, b: neuronMajor(X) };
 * ```
 */
export interface ExactBipolarProductOptions {
  /** Largest number of rows of A (queries). */
  readonly rows: number;
  /** Rows of B (columns of C). */
  readonly cols: number;
  /** The summed dimension K, below 2^16. */
  readonly depth: number;
  /** B, `cols x depth` row-major, every entry +1 or -1 (Int8; checked by the caller). */
  readonly b: Int8Array;
  /** `false` forces the scalar kernel (same integers). */
  readonly simd?: boolean;
}

/**
 * The exact integer product (see {@link exactBipolarProduct}).
 *
 * @example
 * ```ts
 * const p = exactBipolarProduct({ rows: 1, cols: N, depth: M, b: xi });
 * if (p.setRow(0, table)) { p.multiply(1); p.get(0, i); }
 * ```
 */
export interface ExactBipolarProduct {
  /** Whether the WebAssembly SIMD kernel runs. */
  readonly simd: boolean;
  /** Writes row r of A from `src[offset + k]`; false (nothing usable) if an entry is not an integer in [-2^30, 2^30). */
  setRow(r: number, src: ArrayLike<number>, offset?: number): boolean;
  /** Computes C for the first `rows` rows. */
  multiply(rows: number): void;
  /** `C[r, i] = sum_k A[r, k] B[i, k]`, exactly. */
  get(r: number, i: number): number;
}

/** Neuron panels per kernel call: 2 rows x 8192 i16 = 32 KB of B per panel at K = 4000, 16 of them in L2. */
const PANEL_BYTES_PER_BLOCK = 1 << 18;

/**
 * Creates the exact product `C = A B^T` for integer rows of A with `|A| < 2^30` and a bipolar B:
 * each entry of A splits into two 15-bit limbs (`a = l0 + 2^15 l1`, `0 <= l0 < 2^15`,
 * `-2^15 <= l1 < 2^15`), the SIMD kernel `gemmI16` sums `l_j b` in i32 lanes with
 * `i32x4.dot_i16x8_s` (2 x 2 tiles, 8 entries of k per instruction), and `C = S_0 + 2^15 S_1` in
 * binary64. Every partial sum is an integer below 2^31 (K < 2^16), so C is the exact value of
 * `sum_k A_rk B_ik`: equal, bit for bit, to any floating-point summation whose partial sums are
 * exact (the overlap engine's fields when `sumsExactly` holds, e.g. polynomial kernels with A = 1).
 *
 * @throws {@link ParameterError} for sizes that are not positive integers or `depth >= 2^16`.
 * @example
 * ```ts
 * const p = exactBipolarProduct({ rows: 256, cols: N, depth: M, b: neuronMajor(X) });
 * ```
 */
export function exactBipolarProduct(options: ExactBipolarProductOptions): ExactBipolarProduct {
  const { rows, cols, depth, b } = options;
  for (const [name, v] of [['rows', rows], ['cols', cols], ['depth', depth]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new ParameterError(name, `must be a positive integer, got ${String(v)}`, 'pass the matrix sizes');
  }
  if (depth >= 2 ** 16) throw new ParameterError('depth', `must be below 2^16, got ${depth}`, 'use the floating-point blockedProduct');
  if (b.length < cols * depth) throw new ShapeError('b', `has ${b.length} entries, expected ${cols} x ${depth}`);
  const steps = Math.ceil(depth / 8);
  const qp = Math.ceil(rows / 2);
  const np = Math.ceil(cols / 2);
  const aStride = 32 * steps;
  const cRow = 8 * np;
  const bytes = 2 * (qp * aStride + 16 * steps * np) + 4 * qp * cRow + 256;
  if (bytes > 2 ** 30) throw new InvalidValueError('rows', `needs ${bytes} bytes, more than 1 GiB`, 'split the queries into smaller batches');
  const k = createSimdKernels({ bytes, ...(options.simd === undefined ? {} : { simd: options.simd }) });
  const ap = k.i16(qp * aStride);
  const bp = k.i16(16 * steps * np);
  const c = k.i32(qp * cRow);
  for (let i = 0; i < cols; i++) {
    const base = 16 * steps * (i >> 1) + 8 * (i & 1);
    for (let kk = 0; kk < depth; kk++) bp[base + 16 * (kk >> 3) + (kk & 7)] = b[i * depth + kk]!;
  }
  const block = Math.max(1, Math.floor(PANEL_BYTES_PER_BLOCK / (32 * steps)));
  return {
    simd: k.simd,
    setRow(r, src, offset = 0) {
      if (!Number.isInteger(r) || r < 0 || r >= rows) throw new ShapeError('r', `row ${r} is outside [0, ${rows})`, 'create with more rows');
      if (offset < 0 || offset + depth > src.length) throw new ShapeError('src', `has ${src.length} entries, too few for a row of ${depth} at offset ${offset}`);
      const base = (r >> 1) * aStride + 16 * (r & 1);
      for (let kk = 0; kk < depth; kk++) {
        const v = src[offset + kk]!;
        if (!Number.isInteger(v) || v < -(2 ** 30) || v >= 2 ** 30) return false;
        const l0 = v & 0x7fff; // v mod 2^15 (two's complement of a 31-bit integer)
        const at = base + 32 * (kk >> 3) + (kk & 7);
        ap[at] = l0;
        ap[at + 8] = (v - l0) / 32768;
      }
      return true;
    },
    multiply(count) {
      if (!Number.isInteger(count) || count < 1 || count > rows) throw new InvalidValueError('rows', `must be an integer in [1, ${rows}], got ${count}`, 'multiply the rows you set');
      const panels = Math.ceil(count / 2);
      for (let b0 = 0; b0 < np; b0 += block) k.gemmI16(ap, aStride, bp, 16 * steps * b0, c, 8 * b0, cRow, panels, Math.min(block, np - b0), steps);
    },
    get(r, i) {
      const at = (r >> 1) * cRow + 8 * (i >> 1) + 4 * (r & 1) + 2 * (i & 1);
      return c[at]! + 32768 * c[at + 1]!;
    },
  };
}
