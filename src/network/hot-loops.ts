// Pure typed-array loops of the recurrent network's overlap engine. They are top-level functions
// taking every array as an argument (not closures over per-network state), so V8 optimises each
// once for all networks, whatever kernels a process uses.

/**
 * `sum_mu t[base + mu] a[mu]` for an Int8 row (the A = 1 field).
 *
 * @example
 * ```ts
 * dotInt8(Int8Array.of(1, -1), 0, Float64Array.of(2, 3), 2); // -1
 * ```
 */
export function dotInt8(t: Int8Array, base: number, a: Float64Array, m: number): number {
  let s = 0;
  for (let mu = 0; mu < m; mu++) s += t[base + mu]! * a[mu]!;
  return s;
}

/**
 * `sum_mu c[base + mu] a[mu] + sign * sum_mu c[base + mu] t[base + mu] b[mu]` (the general field,
 * with `c = alpha xi` and `t = xi`, so `c t = alpha`): one Float64 and one Int8 stream.
 *
 * @example
 * ```ts
 * dotPair(Float64Array.of(-2), Int8Array.of(-1), 0, Float64Array.of(3), Float64Array.of(4), -1, 1); // -6 - 8
 * ```
 */
export function dotPair(c: Float64Array, t: Int8Array, base: number, a: Float64Array, b: Float64Array, sign: number, m: number): number {
  let sa = 0;
  let sb = 0;
  for (let mu = 0; mu < m; mu++) {
    const cv = c[base + mu]!;
    sa += cv * a[mu]!;
    sb += cv * t[base + mu]! * b[mu]!;
  }
  return sa + sign * sb;
}

/**
 * `stat[mu] += f * t[base + mu]` (overlap or squared-distance update after a spike).
 *
 * @example
 * ```ts
 * addInt8Row(h, t, i * M, 2 * v, M);
 * ```
 */
export function addInt8Row(stat: Float64Array, t: Int8Array, base: number, f: number, m: number): void {
  for (let mu = 0; mu < m; mu++) stat[mu]! += f * t[base + mu]!;
}

/**
 * Multiplies `a[mu]` and `b[mu]` by `up` where `t[base + mu] * v > 0` and by `down` elsewhere,
 * and returns the new `sum_mu b[mu]` (exponential-kernel tables after a spike).
 *
 * @example
 * ```ts
 * const sumB = scaleRows(a, b, t, i * M, v, Math.exp(2 / T), Math.exp(-2 / T), M);
 * ```
 */
export function scaleRows(a: Float64Array, b: Float64Array, t: Int8Array, base: number, v: number, up: number, down: number, m: number): number {
  let sumB = 0;
  for (let mu = 0; mu < m; mu++) {
    const f = t[base + mu]! * v > 0 ? up : down;
    a[mu]! *= f;
    b[mu]! *= f;
    sumB += b[mu]!;
  }
  return sumB;
}

/**
 * The two subunit inputs of every pattern for a neuron whose own term is +1 (`same`) or -1
 * (`diff`): `h - 1` and `h + 1` for overlaps, `d2` and `max(d2 - 4, 0)` for squared distances.
 *
 * @example
 * ```ts
 * subunitInputs(h, same, diff, M, true);
 * ```
 */
export function subunitInputs(stat: Float64Array, same: Float64Array, diff: Float64Array, m: number, inner: boolean): void {
  if (inner) {
    for (let mu = 0; mu < m; mu++) {
      same[mu] = stat[mu]! - 1;
      diff[mu] = stat[mu]! + 1;
    }
  } else {
    // d2 = 0 (the state is pattern mu) rules out a differing own entry; clamp its unused input to
    // 0, since g2 of a negative squared distance is NaN for Exp_beta and SDM, and NaN does not cancel.
    for (let mu = 0; mu < m; mu++) {
      same[mu] = stat[mu]!;
      diff[mu] = stat[mu]! >= 4 ? stat[mu]! - 4 : 0;
    }
  }
}

/**
 * `a = (kSame + kDiff) / 2`, `b = (kSame - kDiff) / 2` (after `exp(. - shift)` when `logScale`),
 * and `b[m] = sum_mu b[mu]`; returns the shift used (`max` of the log values, or 0).
 *
 * @example
 * ```ts
 * const shift = combineTables(kSame, kDiff, a, b, M, false);
 * ```
 */
export function combineTables(kSame: Float64Array, kDiff: Float64Array, a: Float64Array, b: Float64Array, m: number, logScale: boolean): number {
  let shift = 0;
  if (logScale) {
    shift = -Infinity;
    for (let mu = 0; mu < m; mu++) shift = Math.max(shift, kSame[mu]!, kDiff[mu]!);
    for (let mu = 0; mu < m; mu++) {
      kSame[mu] = Math.exp(kSame[mu]! - shift);
      kDiff[mu] = Math.exp(kDiff[mu]! - shift);
    }
  }
  let sumB = 0;
  for (let mu = 0; mu < m; mu++) {
    a[mu] = 0.5 * (kSame[mu]! + kDiff[mu]!);
    const v = 0.5 * (kSame[mu]! - kDiff[mu]!);
    b[mu] = v;
    sumB += v;
  }
  b[m] = sumB;
  return shift;
}

/**
 * Number of set bits of a 32-bit integer (SWAR popcount).
 *
 * @example
 * ```ts
 * popcount32(0b1011); // 3
 * ```
 */
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/**
 * Packs bipolar rows (pattern-major, `rows x n`) into bits, 1 for +1, `ceil(n / 32)` words per
 * row; `out` may be given to reuse a buffer.
 *
 * @example
 * ```ts
 * const packed = packBipolar(X.data, M, N);
 * ```
 */
export function packBipolar(data: ArrayLike<number>, rows: number, n: number, out?: Uint32Array): Uint32Array {
  const words = (n + 31) >>> 5;
  const packed = out ?? new Uint32Array(rows * words);
  packed.fill(0);
  for (let r = 0; r < rows; r++) {
    const base = r * n;
    const wbase = r * words;
    for (let j = 0; j < n; j++) if (data[base + j]! > 0) packed[wbase + (j >>> 5)]! |= 1 << (j & 31);
  }
  return packed;
}

/**
 * Overlaps `xi^mu . s = n - 2 Hamming(xi^mu, s)` (or squared distances `4 Hamming`) of packed
 * bipolar patterns with a packed bipolar state, by XOR and popcount: 32 entries per operation.
 *
 * @example
 * ```ts
 * hammingStats(packedX, M, N, packBipolar(s, 1, N), h, false);
 * ```
 */
export function hammingStats(packed: Uint32Array, m: number, n: number, state: Uint32Array, out: Float64Array, squared: boolean): Float64Array {
  const words = (n + 31) >>> 5;
  for (let mu = 0; mu < m; mu++) {
    const base = mu * words;
    let ham = 0;
    for (let w = 0; w < words; w++) ham += popcount32(packed[base + w]! ^ state[w]!);
    out[mu] = squared ? 4 * ham : n - 2 * ham;
  }
  return out;
}
