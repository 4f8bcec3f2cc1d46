// A cache-blocked matrix product C = A B^T over the SIMD `gemm6x8` kernel (issue 14, items 1-2): the
// engine of every batched path (recurrent fields, feed-forward fields, softmax overlaps and
// projections). Each entry of C sums its products in ascending k, one rounded multiply and one
// rounded add at a time, exactly as a plain dot-product loop: so batched results equal the
// per-query loops bit for bit, with or without SIMD, on every input.
import { InvalidValueError, ParameterError, ShapeError } from '../errors.js';
import { createSimdKernels, type SimdKernels } from './simd-kernels.js';

/**
 * Options of {@link blockedProduct}.
 *
 * @example
 * ```ts
 * const options: BlockedProductOptions = { rows: 256, cols: N, depth: M, b: neuronMajor(X) };
 * ```
 */
export interface BlockedProductOptions {
  /** Largest number of rows of A (queries) a product will have. */
  readonly rows: number;
  /** Rows of B, i.e. columns of C (neurons, patterns or input dimensions). */
  readonly cols: number;
  /** The shared dimension K (summed over). */
  readonly depth: number;
  /** B's entries: `(i, k)` at `b[i * rowStride + k * colStride]` (Int8 or Float64, read as numbers). */
  readonly b: ArrayLike<number>;
  /** Stride between B's rows in `b` (default `depth`: row-major). */
  readonly rowStride?: number;
  /** Stride between B's columns in `b` (default 1). */
  readonly colStride?: number;
  /** `false` forces the scalar JavaScript kernel (same bits, for comparison). */
  readonly simd?: boolean;
  /**
   * Pack all of B once at creation (8 bytes per entry) instead of one block per `multiply`; default:
   * when B has at most 2^23 entries (64 MB packed). Same results either way.
   */
  readonly packOnce?: boolean;
}

/**
 * A product `C = A B^T` with B fixed at creation and A written row by row (see {@link blockedProduct}).
 *
 * @example
 * ```ts
 * const p = blockedProduct({ rows: 2, cols: 3, depth: 4, b: Bdata });
 * p.setRow(0, a0); p.setRow(1, a1);
 * p.multiply(2);
 * p.get(1, 2); // sum_k a1[k] B[2, k]
 * ```
 */
export interface BlockedProduct {
  /** Whether the WebAssembly SIMD kernel runs (false: the scalar reference, with the same bits). */
  readonly simd: boolean;
  /** Largest number of rows of A. */
  readonly rows: number;
  /** Columns of C (rows of B). */
  readonly cols: number;
  /** The summed dimension K. */
  readonly depth: number;
  /** Writes row `r` of A: `A[r, k] = src[offset + k * stride]` for `k < depth`. */
  setRow(r: number, src: ArrayLike<number>, offset?: number, stride?: number): void;
  /** Computes `C[r, i] = sum_k A[r, k] B[i, k]` (k ascending) for the first `rows` rows of A. */
  multiply(rows: number): void;
  /** `C[r, i]` of the last `multiply`. */
  get(r: number, i: number): number;
}

/** Columns of K per block (so each entry of C is loaded and stored once per 256 multiply-adds). */
const BLOCK = 256;
/** Panels of B per kernel call: 16 panels x 8 rows x 256 columns x 8 bytes = 256 KB of B, kept in L2 while every panel of A passes. */
const GROUP = 16;

/**
 * Creates a blocked product `C = A B^T`: A (rows x depth) is packed in panels of 6 rows (block by
 * block of K, so each kernel call reads A contiguously); B in blocks
 * of 256 columns of K (taken 16 panels at a time), each in panels of 8 rows as doubles (once at creation up to 2^23 entries, else
 * one block per `multiply`, converted once and reused by every row of A), and the SIMD128 `gemm6x8`
 * kernel accumulates 6 x 8 tiles of C (24 f64x2 accumulators). Every entry of C adds
 * `A[r, k] B[i, k]` for k = 0, 1, ... in turn (rounded product, rounded sum), the order of a plain
 * loop `s += a[k] * b[k]` starting from `s = 0`, so C equals that loop bit for bit on every input (Goto and van de Geijn, "Anatomy of
 * high-performance matrix multiplication", ACM TOMS 34(3), 2008, for the packing and blocking).
 *
 * @throws {@link ParameterError} for sizes that are not positive integers or strides out of range;
 * {@link InvalidValueError} when the packed operands would exceed 1 GiB.
 * @example
 * ```ts
 * const p = blockedProduct({ rows: 256, cols: N, depth: M, b: xiNeuronMajor }); // B = X^T (N x M)
 * for (let q = 0; q < 256; q++) p.setRow(q, tables, q * M);
 * p.multiply(256);
 * const h = p.get(q, i); // sum_mu tables[q, mu] xi_i^mu
 * ```
 */
export function blockedProduct(options: BlockedProductOptions): BlockedProduct {
  const { rows, cols, depth, b } = options;
  for (const [name, v] of [['rows', rows], ['cols', cols], ['depth', depth]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new ParameterError(name, `must be a positive integer, got ${String(v)}`, 'pass the matrix sizes');
  }
  const rowStride = options.rowStride ?? depth;
  const colStride = options.colStride ?? 1;
  if (!Number.isInteger(rowStride) || rowStride < 0 || !Number.isInteger(colStride) || colStride < 0) {
    throw new ParameterError('rowStride', `strides must be non-negative integers, got ${String(rowStride)}, ${String(colStride)}`, 'pass element strides of b');
  }
  if ((cols - 1) * rowStride + (depth - 1) * colStride >= b.length) {
    throw new ShapeError('b', `has ${b.length} entries, too few for ${cols} x ${depth} with strides ${rowStride}, ${colStride}`, 'pass B with its strides');
  }
  const qp = Math.ceil(rows / 6);
  const np = Math.ceil(cols / 8);
  const kc = Math.min(BLOCK, depth);
  const packOnce = options.packOnce ?? cols * depth <= 2 ** 23;
  const entries = 6 * qp * depth + 8 * np * (packOnce ? depth : kc) + 48 * qp * np;
  if (entries * 8 > 2 ** 30 - (1 << 16)) {
    throw new InvalidValueError('rows', `the packed operands need ${entries * 8} bytes, more than 1 GiB`, 'split the queries into smaller batches');
  }
  const kernels: SimdKernels = createSimdKernels({ bytes: entries * 8 + 256, ...(options.simd === undefined ? {} : { simd: options.simd }) });
  const ap = kernels.f64(6 * qp * depth);
  const bp = kernels.f64(8 * np * (packOnce ? depth : kc));
  const c = kernels.f64(48 * qp * np);

  /** Packs B's columns [k0, k0 + width) into `bp` from `at` (panels of 8 rows; rows past `cols` stay 0). */
  const packB = (k0: number, width: number, at: number): void => {
    for (let i = 0; i < cols; i++) {
      const dst = at + (i >> 3) * 8 * width + (i & 7);
      let src = i * rowStride + k0 * colStride;
      for (let k = 0; k < width; k++, src += colStride) bp[dst + 8 * k] = b[src]!;
    }
  };

  // Packed once: block k0 (width columns) at 8 np k0, as `multiply` would pack it.
  if (packOnce) for (let k0 = 0; k0 < depth; k0 += kc) packB(k0, Math.min(kc, depth - k0), 8 * np * k0);
  return {
    simd: kernels.simd,
    rows,
    cols,
    depth,
    setRow(r, src, offset = 0, stride = 1) {
      if (!Number.isInteger(r) || r < 0 || r >= rows) throw new ShapeError('r', `row ${r} is outside [0, ${rows})`, 'create the product with more rows');
      if (offset < 0 || offset + (depth - 1) * stride >= src.length) throw new ShapeError('src', `has ${src.length} entries, too few for a row of ${depth} at offset ${offset}, stride ${stride}`);
      // A is packed block by block (the block of columns [k0, k0 + width) of every panel together,
      // panel after panel), so one kernel call reads one contiguous stretch of A.
      const pr = Math.floor(r / 6);
      let s = offset;
      for (let k0 = 0; k0 < depth; k0 += kc) {
        const width = Math.min(kc, depth - k0);
        const dst = 6 * qp * k0 + pr * 6 * width + (r - 6 * pr);
        for (let k = 0; k < width; k++, s += stride) ap[dst + 6 * k] = src[s]!;
      }
    },
    multiply(count) {
      if (!Number.isInteger(count) || count < 1 || count > rows) throw new InvalidValueError('rows', `must be an integer in [1, ${rows}], got ${count}`, 'multiply the rows you set');
      const panels = Math.ceil(count / 6);
      c.fill(0, 0, 48 * panels * np);
      for (let k0 = 0; k0 < depth; k0 += kc) {
        const width = Math.min(kc, depth - k0);
        const at = packOnce ? 8 * np * k0 : 0;
        if (!packOnce) packB(k0, width, 0);
        // Groups of B panels: C's tiles of the group stay in cache across the A panels.
        for (let b0 = 0; b0 < np; b0 += GROUP) {
          kernels.gemm6x8(ap, 6 * qp * k0, 6 * width, bp.subarray(at + 8 * width * b0), c.subarray(48 * b0), 48 * np, panels, Math.min(GROUP, np - b0), width);
        }
      }
    },
    get(r, i) {
      const pr = Math.floor(r / 6);
      return c[48 * (pr * np + (i >> 3)) + 8 * (r - 6 * pr) + (i & 7)]!;
    },
  };
}
