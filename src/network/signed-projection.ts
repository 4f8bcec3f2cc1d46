// The projection s' = X^T c of a continuous network when every stored entry is +/-1, by table
// lookup (the "method of four Russians", Arlazarov et al. 1970): per block of 8 patterns the 256
// signed sums of their weights are tabulated once, and each output entry then adds one table entry
// per block instead of 8 multiply-adds. Pure typed-array code, shared by the per-query and the
// batched paths, so both give the same bits.

/** Sign bytes of +/-1 patterns, packed for {@link signedProject}. */
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
  // Int32 words (bit 31 makes them negative), so the lookups below stay in small-integer arithmetic.
  const words = new Int32Array(groups * n);
  for (let mu = 0; mu < m; mu++) {
    const g = mu >> 5;
    const bit = 1 << (mu & 31);
    const base = mu * n;
    for (let j = 0; j < n; j++) if (data[base + j] === 1) words[g * n + j] |= bit;
  }
  return { count: m, dim: n, groups, words };
}

/** Queries projected together by {@link signedProjectMany} (their tables stay in L1 cache together). */
const TILE = 4;

/** Scratch doubles {@link signedProject} and {@link signedProjectMany} need: 256-entry tables (4 per query of a tile) and two 16-entry halves. */
export const SIGNED_PROJECTION_SCRATCH = TILE * 4 * 256 + 32;

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
 * signedProject(t, Float64Array.of(0.25, 0.75), 0, out, 0, new Float64Array(SIGNED_PROJECTION_SCRATCH)); // out = [-0.5, 0.5]
 * ```
 */
export function signedProject(t: SignTable, w: Float64Array, wOffset: number, out: Float64Array, outOffset: number, scratch: Float64Array): void {
  signedProjectMany(t, w, wOffset, t.count, out, outOffset, t.dim, 1, scratch);
}

/**
 * {@link signedProject} for q weight vectors at once (`w[wOffset + r wStride + mu]` -> `out[outOffset
 * + r outStride + j]`): each output gets exactly the bits of its own `signedProject` call; tiles
 * of 4 queries share the loads of the sign words.
 *
 * @example
 * ```ts
 * signedProjectMany(t, weights, 0, M, states, 0, N, 64, new Float64Array(SIGNED_PROJECTION_SCRATCH));
 * ```
 */
export function signedProjectMany(t: SignTable, w: Float64Array, wOffset: number, wStride: number, out: Float64Array, outOffset: number, outStride: number, q: number, scratch: Float64Array): void {
  const { count: m, dim: n, groups, words } = t;
  for (let r0 = 0; r0 < q; r0 += TILE) {
    const k = Math.min(TILE, q - r0);
    for (let r = 0; r < k; r++) out.fill(0, outOffset + (r0 + r) * outStride, outOffset + (r0 + r) * outStride + n);
    for (let g = 0; g < groups; g++) {
      for (let r = 0; r < k; r++) for (let b = 0; b < 4; b++) blockTable(w, wOffset + (r0 + r) * wStride, 32 * g + 8 * b, m, scratch, 1024 * r + 256 * b);
      const base = g * n;
      const o0 = outOffset + r0 * outStride;
      if (k === TILE) lookup4(words, base, n, scratch, out, o0, outStride);
      else for (let r = 0; r < k; r++) lookup1(words, base, n, scratch, 1024 * r, out, o0 + r * outStride);
    }
  }
}

/** `out[o + j] += (T0[b0] + T1[b1]) + (T2[b2] + T3[b3])` for one query's four tables at `tab[at..]`. */
function lookup1(words: Int32Array, base: number, n: number, tab: Float64Array, at: number, out: Float64Array, o: number): void {
  for (let j = 0; j < n; j++) {
    const u = words[base + j]!;
    out[o + j]! += (tab[at + (u & 255)]! + tab[at + 256 + ((u >>> 8) & 255)]!) + (tab[at + 512 + ((u >>> 16) & 255)]! + tab[at + 768 + (u >>> 24)]!);
  }
}

/** {@link lookup1} for four queries (tables at 0, 1024, 2048, 3072; outputs `stride` apart), one word load per entry. */
function lookup4(words: Int32Array, base: number, n: number, tab: Float64Array, out: Float64Array, o: number, stride: number): void {
  const o1 = o + stride;
  const o2 = o1 + stride;
  const o3 = o2 + stride;
  for (let j = 0; j < n; j++) {
    const u = words[base + j]!;
    const i0 = u & 255;
    const i1 = 256 + ((u >>> 8) & 255);
    const i2 = 512 + ((u >>> 16) & 255);
    const i3 = 768 + (u >>> 24);
    out[o + j]! += (tab[i0]! + tab[i1]!) + (tab[i2]! + tab[i3]!);
    out[o1 + j]! += (tab[1024 + i0]! + tab[1024 + i1]!) + (tab[1024 + i2]! + tab[1024 + i3]!);
    out[o2 + j]! += (tab[2048 + i0]! + tab[2048 + i1]!) + (tab[2048 + i2]! + tab[2048 + i3]!);
    out[o3 + j]! += (tab[3072 + i0]! + tab[3072 + i1]!) + (tab[3072 + i2]! + tab[3072 + i3]!);
  }
}

/** The 256 signed sums of weights `first..first+7` (0 past M) into `tab[at..at+255]`. */
function blockTable(w: Float64Array, wOffset: number, first: number, m: number, tab: Float64Array, at: number): void {
  const lo = TILE * 1024;
  const hi = lo + 16;
  halfTable(w, wOffset, first, m, tab, lo);
  halfTable(w, wOffset, first + 4, m, tab, hi);
  for (let b = 0; b < 256; b++) tab[at + b] = tab[lo + (b & 15)]! + tab[hi + (b >> 4)]!;
}

/** The 16 left-to-right signed sums of weights `first..first+3` into `tab[at..at+15]`, index bit k = sign of weight k. */
function halfTable(w: Float64Array, wOffset: number, first: number, m: number, tab: Float64Array, at: number): void {
  const p0 = first < m ? w[wOffset + first]! : 0;
  tab[at] = -p0;
  tab[at + 1] = p0;
  for (let k = 1; k < 4; k++) {
    const p = first + k < m ? w[wOffset + first + k]! : 0;
    const size = 1 << k;
    for (let b = 0; b < size; b++) {
      const v = tab[at + b]!;
      tab[at + b] = v - p;
      tab[at + b + size] = v + p;
    }
  }
}
