// Scalar JavaScript references (and fallbacks) of the SIMD kernels; the Int8 ones are the overlap
// engine's own loops in src/network/hot-loops.ts.
import { popcount32 } from '../network/hot-loops.js';

/**
 * `sum_i a[i] b[i]` over `i < n`, summed in index order (the scalar reference of the SIMD `dotF64`).
 *
 * @example
 * ```ts
 * dotF64(Float64Array.of(1, 2), Float64Array.of(3, 4), 2); // 11
 * ```
 */
export function dotF64(a: Float64Array, b: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * `y[i] += alpha x[i]` for `i < n` (BLAS axpy; the scalar reference of the SIMD `axpyF64`).
 *
 * @example
 * ```ts
 * const y = Float64Array.of(1, 1);
 * axpyF64(y, Float64Array.of(2, 3), 0.5, 2); // y = [2, 2.5]
 * ```
 */
export function axpyF64(y: Float64Array, x: Float64Array, alpha: number, n: number): void {
  for (let i = 0; i < n; i++) y[i]! += alpha * x[i]!;
}

/**
 * The blocked product `C += A B^T` on packed 6 x 8 tiles (the scalar reference of the SIMD
 * `gemm6x8`, bit-identical to it on every input): entry `(r, i)` of C adds `a_rk b_ik` for
 * `k = 0, ..., kc - 1` in turn, `s += a * b` as in a plain dot-product loop. Layouts (indices in
 * elements): A's entry `(r, k)` at `ap[aOffset + floor(r / 6) aStride + 6 k + r mod 6]`; B's (a block
 * of kc columns) at `bp[floor(i / 8) 8 kc + 8 k + i mod 8]`; C's at
 * `c[floor(r / 6) cRow + 48 floor(i / 8) + 8 (r mod 6) + i mod 8]`, for `qp` panels of A rows and
 * `np` panels of B rows (`cRow = 48 np` for a C of exactly these tiles).
 *
 * @example
 * ```ts
 * // one panel each, kc = 1: c[8 r + i] += a[r] b[i]
 * const c = new Float64Array(48);
 * gemm6x8(Float64Array.of(1, 2, 3, 4, 5, 6), 0, 6, Float64Array.of(1, 0, 0, 0, 0, 0, 0, 1), c, 48, 1, 1, 1); // c[0] = 1, c[47] = 6
 * ```
 */
export function gemm6x8(ap: Float64Array, aOffset: number, aStride: number, bp: Float64Array, c: Float64Array, cRow: number, qp: number, np: number, kc: number): void {
  for (let a = 0; a < qp; a++) {
    const pa = aOffset + a * aStride;
    for (let b = 0; b < np; b++) {
      const pb = b * 8 * kc;
      const pc = a * cRow + 48 * b;
      for (let r = 0; r < 6; r++) {
        for (let i = 0; i < 8; i++) {
          let s = c[pc + 8 * r + i]!;
          for (let k = 0; k < kc; k++) s += ap[pa + 6 * k + r]! * bp[pb + 8 * k + i]!;
          c[pc + 8 * r + i] = s;
        }
      }
    }
  }
}

/**
 * `sum_i a[i] b[i]` over `i < n` in binary32, in the SIMD `dotF32`'s order: eight partial sums
 * (`p_k` over the `i = k mod 8` of the first `floor(n / 8) 8` entries), combined as
 * `((p0 + p4) + (p2 + p6)) + ((p1 + p5) + (p3 + p7))`, then the tail; every operation rounded to
 * binary32 (`Math.fround` of the exact double result is the correctly rounded binary32 result).
 *
 * @example
 * ```ts
 * dotF32(Float32Array.of(1, 2), Float32Array.of(3, 4), 2); // 11
 * ```
 */
export function dotF32(a: Float32Array, b: Float32Array, n: number): number {
  const f = Math.fround;
  let p0 = 0, p1 = 0, p2 = 0, p3 = 0, p4 = 0, p5 = 0, p6 = 0, p7 = 0;
  const body = n & ~7;
  for (let i = 0; i < body; i += 8) {
    p0 = f(p0 + f(a[i]! * b[i]!));
    p1 = f(p1 + f(a[i + 1]! * b[i + 1]!));
    p2 = f(p2 + f(a[i + 2]! * b[i + 2]!));
    p3 = f(p3 + f(a[i + 3]! * b[i + 3]!));
    p4 = f(p4 + f(a[i + 4]! * b[i + 4]!));
    p5 = f(p5 + f(a[i + 5]! * b[i + 5]!));
    p6 = f(p6 + f(a[i + 6]! * b[i + 6]!));
    p7 = f(p7 + f(a[i + 7]! * b[i + 7]!));
  }
  let s = f(f(f(p0 + p4) + f(p2 + p6)) + f(f(p1 + p5) + f(p3 + p7)));
  for (let i = body; i < n; i++) s = f(s + f(a[i]! * b[i]!));
  return s;
}

/**
 * `y[i] += alpha x[i]` for `i < n` in binary32 (`alpha` rounded to binary32 first; the scalar
 * reference of the SIMD `axpyF32`).
 *
 * @example
 * ```ts
 * const y = Float32Array.of(1, 1);
 * axpyF32(y, Float32Array.of(2, 3), 0.5, 2); // y = [2, 2.5]
 * ```
 */
export function axpyF32(y: Float32Array, x: Float32Array, alpha: number, n: number): void {
  const a = Math.fround(alpha);
  for (let i = 0; i < n; i++) y[i] = y[i]! + Math.fround(a * x[i]!);
}

/**
 * Hamming distances of packed bit rows (the scalar reference of the SIMD `hamming4`):
 * `out[r m + mu] = popcount(x_mu xor s_r)` for `mu < m` and the `4 panels` rows of `s`, every row
 * `4 chunks` words. For bipolar vectors packed one bit per entry, `x . s = N - 2 Hamming`.
 *
 * @example
 * ```ts
 * const out = new Int32Array(4);
 * hamming4(Uint32Array.of(0b1011, 0, 0, 0), new Uint32Array(16), out, 1, 1, 1); // out[0] = 3
 * ```
 */
export function hamming4(x: Uint32Array, s: Uint32Array, out: Int32Array, m: number, panels: number, chunks: number): void {
  const words = 4 * chunks;
  for (let mu = 0; mu < m; mu++) {
    for (let r = 0; r < 4 * panels; r++) {
      let h = 0;
      for (let w = 0; w < words; w++) h += popcount32(x[mu * words + w]! ^ s[r * words + w]!);
      out[r * m + mu] = h;
    }
  }
}

/**
 * Exact integer product in 16-bit limbs (the scalar reference of the SIMD `gemmI16`): for `qp`
 * panels of 2 rows of A (each row as two limbs) and `np` panels of 2 rows of B, over `steps` steps
 * of 8 entries of k, `c[cOffset + a cRow + 8 b + 4 r + 2 i + l] = sum_k A_l[2a + r, k] B[2b + i, k]`.
 * Layouts (elements): A's limb l of row `2a + r`, entry `8 t + e`, at `ap[a aStride + 32 t + 16 r + 8 l + e]`;
 * B's row `2b + i`, entry `8 t + e`, at `bp[bOffset + 16 steps b + 16 t + 8 i + e]`. Integer sums below
 * 2^31 (the caller keeps |limb| <= 2^15 and k < 2^16), so every order gives the same value.
 *
 * @example
 * ```ts
 * const ap = new Int16Array(32), bp = new Int16Array(16), c = new Int32Array(8);
 * ap[0] = 5; bp[0] = -1; // A_0[0, 0] = 5, B[0, 0] = -1
 * gemmI16(ap, 32, bp, 0, c, 0, 8, 1, 1, 1); // c[0] = -5
 * ```
 */
export function gemmI16(ap: Int16Array, aStride: number, bp: Int16Array, bOffset: number, c: Int32Array, cOffset: number, cRow: number, qp: number, np: number, steps: number): void {
  for (let a = 0; a < qp; a++) {
    for (let b = 0; b < np; b++) {
      for (let r = 0; r < 2; r++) {
        for (let i = 0; i < 2; i++) {
          for (let l = 0; l < 2; l++) {
            let s = 0;
            for (let t = 0; t < steps; t++) {
              for (let e = 0; e < 8; e++) s += ap[a * aStride + 32 * t + 16 * r + 8 * l + e]! * bp[bOffset + 16 * steps * b + 16 * t + 8 * i + e]!;
            }
            c[cOffset + a * cRow + 8 * b + 4 * r + 2 * i + l] = s;
          }
        }
      }
    }
  }
}

/**
 * One group of 32 +/-1 patterns of the table-lookup projection `s' = X^T w`
 * (`src/network/signed-projection.ts`; the scalar reference of the SIMD `signedGroup`, bit-identical
 * to it): for each of the k (1..4) queries, the four 256-entry tables of signed weight sums
 * `T_b[i] = lo[i & 15] + hi[i >> 4]`, `lo`/`hi` the left-to-right sums `((+/-w_0 +/- w_1) +/- w_2) +/- w_3`
 * of the block's first/last four weights (sign + where bit k of the index is set), then
 * `out_r[j] += (T_0[b_0] + T_1[b_1]) + (T_2[b_2] + T_3[b_3])` with `b_r` byte r of `words[j]`.
 * Layouts (elements): weight t of query r at `w[wOffset + r wStride + t]` (t < 32, zero past M);
 * tables at `tab[1024 r + 256 b]`, halves scratch at `tab[4096..4127]`; outputs at
 * `out[outOffset + r outStride + j]`.
 *
 * @example
 * ```ts
 * // one pattern (+1, -1) with weight 0.5: out = [0.5, -0.5]
 * const w = new Float64Array(32); w[0] = 0.5;
 * const out = new Float64Array(2);
 * signedGroup(w, 0, 32, 1, Int32Array.of(1, 0), 0, 2, new Float64Array(4128), out, 0, 2);
 * ```
 */
export function signedGroup(w: Float64Array, wOffset: number, wStride: number, k: number, words: Int32Array, wordsOffset: number, n: number, tab: Float64Array, out: Float64Array, outOffset: number, outStride: number): void {
  for (let r = 0; r < k; r++) {
    for (let b = 0; b < 4; b++) {
      const first = wOffset + r * wStride + 8 * b;
      signedHalf(w, first, tab, 4096);
      signedHalf(w, first + 4, tab, 4112);
      const at = 1024 * r + 256 * b;
      for (let i = 0; i < 256; i++) tab[at + i] = tab[4096 + (i & 15)]! + tab[4112 + (i >> 4)]!;
    }
  }
  for (let r = 0; r < k; r++) {
    const at = 1024 * r;
    const o = outOffset + r * outStride;
    for (let j = 0; j < n; j++) {
      const u = words[wordsOffset + j]!;
      out[o + j]! += (tab[at + (u & 255)]! + tab[at + 256 + ((u >>> 8) & 255)]!) + (tab[at + 512 + ((u >>> 16) & 255)]! + tab[at + 768 + (u >>> 24)]!);
    }
  }
}

/** The 16 left-to-right signed sums of `w[first..first+3]` into `tab[at..at+15]`. */
function signedHalf(w: Float64Array, first: number, tab: Float64Array, at: number): void {
  const p0 = w[first]!;
  tab[at] = -p0;
  tab[at + 1] = p0;
  for (let k = 1; k < 4; k++) {
    const p = w[first + k]!;
    const size = 1 << k;
    for (let b = 0; b < size; b++) {
      const v = tab[at + b]!;
      tab[at + b] = v - p;
      tab[at + b + size] = v + p;
    }
  }
}
