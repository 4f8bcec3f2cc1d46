// Overlaps of Q bipolar states with M bipolar patterns at once, by XOR and popcount on 64-bit words
// (the WebAssembly `hamming4` kernel): the first half of batched recall, exact in integers.
import { InvalidValueError, ParameterError, ShapeError } from '../errors.js';
import { createSimdKernels } from './simd-kernels.js';

/**
 * Options of {@link batchedOverlaps}.
 *
 * @example
 * ```ts
 * const options: BatchedOverlapsOptions = { patterns: X.data, count: X.count, dim: X.dim, rows: 256 };
 * ```
 */
export interface BatchedOverlapsOptions {
  /** The patterns, pattern-major `M x N`, entries +/-1 (checked by the caller). */
  readonly patterns: ArrayLike<number>;
  /** M, the number of patterns. */
  readonly count: number;
  /** N, the dimension. */
  readonly dim: number;
  /** Largest number of states per call (Q). */
  readonly rows: number;
  /** `false` forces the scalar popcount (same counts). */
  readonly simd?: boolean;
}

/**
 * Overlaps of up to `rows` bipolar states with the patterns (see {@link batchedOverlaps}).
 *
 * @example
 * ```ts
 * const ov = batchedOverlaps({ patterns: X.data, count: M, dim: N, rows: 2 });
 * ov.setRow(0, s0); ov.setRow(1, s1);
 * ov.compute(2);
 * ov.stats(1, h, false); // h[mu] = xi^mu . s1
 * ```
 */
export interface BatchedOverlaps {
  /** Whether the WebAssembly SIMD kernel runs. */
  readonly simd: boolean;
  /** Packs state `r` from `src[offset + j]`, `j < N` (+1 sets a bit). */
  setRow(r: number, src: ArrayLike<number>, offset?: number): void;
  /** Counts `Hamming(xi^mu, s_r)` for every pattern and the first `rows` states. */
  compute(rows: number): void;
  /** Writes state r's overlaps `N - 2 Hamming` (or squared distances `4 Hamming` when `squared`) into `out[0..M)`. */
  stats(r: number, out: Float64Array, squared: boolean): Float64Array;
}

/**
 * Batched overlaps `h_r^mu = xi^mu . s_r = N - 2 Hamming(xi^mu, s_r)` of Q bipolar states with M
 * bipolar patterns, one bit per entry, by XOR and POPCOUNT on 64-bit words (the wasm kernel
 * `hamming4`, four states per pattern word), with the patterns packed once. Integer counts, so the values equal the scalar popcount (`hammingStats`)
 * and the plain loop `sum_j xi_j s_j` exactly. Squared distances `||xi - s||^2 = 4 Hamming` for
 * translation-invariant kernels.
 *
 * @throws {@link ParameterError} for sizes that are not positive integers.
 * @example
 * ```ts
 * const ov = batchedOverlaps({ patterns: X.data, count: X.count, dim: X.dim, rows: 256 });
 * ```
 */
export function batchedOverlaps(options: BatchedOverlapsOptions): BatchedOverlaps {
  const { patterns, count: m, dim: n, rows } = options;
  for (const [name, v] of [['count', m], ['dim', n], ['rows', rows]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new ParameterError(name, `must be a positive integer, got ${String(v)}`, 'pass the sizes');
  }
  if (patterns.length < m * n) throw new ShapeError('patterns', `has ${patterns.length} entries, expected M x N = ${m} x ${n}`);
  const chunks = Math.ceil(n / 128);
  const words = 4 * chunks;
  const panels = Math.ceil(rows / 4);
  const bytes = 4 * (words * m + words * 4 * panels + 4 * panels * m) + 256;
  if (bytes > 2 ** 30) throw new InvalidValueError('rows', `needs ${bytes} bytes, more than 1 GiB`, 'split the queries into smaller batches');
  const k = createSimdKernels({ bytes, ...(options.simd === undefined ? {} : { simd: options.simd }) });
  const x = k.u32(words * m);
  const s = k.u32(words * 4 * panels);
  const ham = k.i32(4 * panels * m);
  const pack = (dst: Uint32Array, base: number, src: ArrayLike<number>, offset: number): void => {
    dst.fill(0, base, base + words);
    for (let j = 0; j < n; j++) if (src[offset + j]! > 0) dst[base + (j >>> 5)]! |= 1 << (j & 31);
  };
  for (let mu = 0; mu < m; mu++) pack(x, mu * words, patterns, mu * n);
  return {
    simd: k.simd,
    setRow(r, src, offset = 0) {
      if (!Number.isInteger(r) || r < 0 || r >= rows) throw new ShapeError('r', `row ${r} is outside [0, ${rows})`, 'create with more rows');
      if (offset < 0 || offset + n > src.length) throw new ShapeError('src', `has ${src.length} entries, too few for a state of ${n} at offset ${offset}`);
      pack(s, r * words, src, offset);
    },
    compute(count) {
      if (!Number.isInteger(count) || count < 1 || count > rows) throw new InvalidValueError('rows', `must be an integer in [1, ${rows}], got ${count}`, 'compute the rows you set');
      k.hamming4(x, s, ham, m, Math.ceil(count / 4), chunks);
    },
    stats(r, out, squared) {
      const base = r * m;
      if (squared) for (let mu = 0; mu < m; mu++) out[mu] = 4 * ham[base + mu]!;
      else for (let mu = 0; mu < m; mu++) out[mu] = n - 2 * ham[base + mu]!;
      return out;
    },
  };
}
