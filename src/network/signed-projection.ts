// The projection s' = X^T c of a continuous network when every stored entry is +/-1, by table
// lookup (the "method of four Russians", Arlazarov et al. 1970): per block of 8 patterns the 256
// signed sums of their weights are tabulated once, and each output entry then adds one table entry
// per block instead of 8 multiply-adds. The per-query and the batched paths run the same kernel
// (`signedGroup`, WebAssembly SIMD where supported, its scalar reference otherwise, bit-identical),
// so both give the same bits.
import { createSimdKernels, type SimdKernels } from '../simd/simd-kernels.js';

/** Queries projected together (their tables stay in L1 cache together). */
const TILE = 4;

/** Sign words of +/-1 patterns and the buffers of {@link signedProject}, in one SIMD arena. */
export interface SignTable {
  /** M, the number of patterns. */
  readonly count: number;
  /** N, the pattern dimension. */
  readonly dim: number;
  /** Groups of 4 blocks of 8 patterns (`ceil(M / 32)`). */
  readonly groups: number;
  /**
   * `words[g N + j]`: byte r (bits 8r..8r+7) holds entry j of patterns `32 g + 8 r + k`, bit k set
   * when that entry is +1 (patterns past M read as -1 with weight 0).
   */
  readonly words: Int32Array;
  /** The kernels and their arena (weights, tables and outputs of one tile of queries). */
  readonly kernels: SimdKernels;
  readonly weights: Float64Array;
  readonly tables: Float64Array;
  readonly outputs: Float64Array;
}

/**
 * The sign table of pattern-major `data` (M x N), or null when some entry is not exactly +/-1.
 *
 * @example
 * ```ts
 * const t = signTable(Float64Array.of(1, -1, -1, 1), 2, 2); // t.groups === 1
 * ```
 */
export function signTable(data: ArrayLike<number>, m: number, n: number): SignTable | null {
  for (let k = 0; k < m * n; k++) {
    const v = data[k];
    if (v !== 1 && v !== -1) return null;
  }
  const groups = Math.ceil(m / 32);
  const bytes = 4 * groups * n + 8 * (TILE * 32 * groups + 4128 + TILE * n) + 64;
  const kernels = createSimdKernels({ bytes });
  // Int32 words (bit 31 makes them negative), so the lookups stay in small-integer arithmetic.
  const words = kernels.i32(groups * n);
  for (let mu = 0; mu < m; mu++) {
    const g = mu >> 5;
    const bit = 1 << (mu & 31);
    const base = mu * n;
    for (let j = 0; j < n; j++) if (data[base + j] === 1) words[g * n + j] |= bit;
  }
  return { count: m, dim: n, groups, words, kernels, weights: kernels.f64(TILE * 32 * groups), tables: kernels.f64(4128), outputs: kernels.f64(TILE * n) };
}

/**
 * `out[outOffset + j] = sum_mu w[wOffset + mu] x_mu,j` for +/-1 patterns, by table lookup. The
 * order of the sums is fixed: for each block of 8 patterns, `t[b] = lo[b & 15] + hi[b >> 4]` with
 * `lo` (and `hi`) the left-to-right sums `((+/-w_0 +/- w_1) +/- w_2) +/- w_3` of its first (last)
 * four weights, sign + where bit k of b is set; then per group of 4 blocks
 * `out_j += (t_0[b_0] + t_1[b_1]) + (t_2[b_2] + t_3[b_3])`, groups in ascending order from +0.
 * Rounding error: each table entry is within `4 u sum_block |w|` of the exact signed sum, and the
 * accumulation adds at most `(M / 32 + 2) u sum |w|` (Higham, Eq. 3.5), against `M u sum |w|` for
 * the plain loop. Cost per output: M / 8 lookups, plus `316 M / 8` additions per call for the tables.
 *
 * @example
 * ```ts
 * const t = signTable(Float64Array.of(1, -1, -1, 1), 2, 2)!;
 * const out = new Float64Array(2);
 * signedProject(t, Float64Array.of(0.25, 0.75), 0, out, 0); // out = [-0.5, 0.5]
 * ```
 */
export function signedProject(t: SignTable, w: ArrayLike<number>, wOffset: number, out: Float64Array, outOffset: number): void {
  signedProjectMany(t, w, wOffset, t.count, out, outOffset, t.dim, 1);
}

/**
 * {@link signedProject} for q weight vectors at once (`w[wOffset + r wStride + mu]` -> `out[outOffset
 * + r outStride + j]`): each output gets exactly the bits of its own `signedProject` call; tiles
 * of 4 queries share the loads of the sign words.
 *
 * @example
 * ```ts
 * signedProjectMany(t, weights, 0, M, states, 0, N, 64);
 * ```
 */
export function signedProjectMany(t: SignTable, w: ArrayLike<number>, wOffset: number, wStride: number, out: Float64Array, outOffset: number, outStride: number, q: number): void {
  const { count: m, dim: n, groups, words, kernels, weights, tables, outputs } = t;
  const stride = 32 * groups;
  for (let r0 = 0; r0 < q; r0 += TILE) {
    const k = Math.min(TILE, q - r0);
    // Weights past M stay 0: only the first M of each row are ever written.
    for (let r = 0; r < k; r++) {
      const from = wOffset + (r0 + r) * wStride;
      for (let mu = 0; mu < m; mu++) weights[r * stride + mu] = w[from + mu]!;
    }
    outputs.fill(0, 0, k * n);
    for (let g = 0; g < groups; g++) kernels.signedGroup(weights, 32 * g, stride, k, words, g * n, n, tables, outputs, 0, n);
    for (let r = 0; r < k; r++) out.set(outputs.subarray(r * n, (r + 1) * n), outOffset + (r0 + r) * outStride);
  }
}
