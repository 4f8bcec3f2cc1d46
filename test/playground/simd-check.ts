/**
 * The WebAssembly SIMD kernels against their scalar JavaScript references, runnable in Node and in a
 * browser (issue 14: "the WebAssembly kernels equal the scalar loops bit for bit on integer inputs and
 * to rounding on floats, in Node and in the browser"). `test/playground/e2e.mjs` bundles this file
 * with esbuild, runs `simdCheck` in Chromium's main thread, runs it again in Node, and requires no
 * failure in either and equal digests (the same wasm bytes on the same inputs give the same bits).
 *
 * Per kernel and random shape (lengths 0..67, so every SIMD tail occurs):
 * - element-wise kernels (`addInt8Row`, `axpyF64`, `axpyF32`) and the blocked product `gemm6x8`: bit
 *   for bit equal to the scalar loop, on real-valued inputs;
 * - the integer kernels `hamming4` (XOR-popcount overlaps) and `gemmI16` (the exact limb product),
 *   and `signedGroup` (the table-lookup projection of +/-1 patterns, real weights): bit for bit;
 * - `dotF32`, whose scalar reference sums in the SIMD order: bit for bit on every input;
 * - reductions (`dotInt8`, `dotF64`): bit for bit on integer inputs (every partial sum is
 *   an exact integer, so the summation order cannot matter), and on real inputs within the standard
 *   bound for any summation order, `|s - s'| <= 2 (n - 1) u sum |a_i b_i|` (Higham, Accuracy and
 *   Stability of Numerical Algorithms, Eq. 3.5, for each of the two sums; u = 2^-53).
 */
import { createRng, createSimdKernels, type SimdKernels } from '../../index.js';

/** What one run of the check found. */
export interface SimdCheckResult {
  /** Whether the SIMD module was in use (false: the engine fell back to the scalar loops). */
  readonly simd: boolean;
  readonly checks: number;
  readonly failures: string[];
  /** FNV-1a over the bits of every SIMD output, to compare engines. */
  readonly digest: string;
}

/** Runs every kernel on seeded random inputs, SIMD against scalar. */
export function simdCheck(seed: number): SimdCheckResult {
  const fast = createSimdKernels({ bytes: 1 << 22 });
  const slow = createSimdKernels({ bytes: 1 << 22, simd: false });
  const tables = new Map([[fast, fast.f64(4128)], [slow, slow.f64(4128)]]);
  const rng = createRng(seed);
  const failures: string[] = [];
  let checks = 0;
  let hash = 0x811c9dc5;
  const bits = new DataView(new ArrayBuffer(8));
  const mix = (x: number): void => {
    bits.setFloat64(0, x);
    for (let b = 0; b < 8; b++) hash = Math.imul(hash ^ bits.getUint8(b), 0x01000193) >>> 0;
  };
  const same = (name: string, a: ArrayLike<number>, b: ArrayLike<number>): void => {
    checks++;
    for (let k = 0; k < a.length; k++) {
      mix(a[k]!);
      if (!Object.is(a[k], b[k])) {
        failures.push(`${name}: entry ${k} is ${a[k]} (SIMD) vs ${b[k]} (scalar)`);
        return;
      }
    }
  };
  const close = (name: string, a: number, b: number, n: number, abs: number, u: number): void => {
    checks++;
    mix(a);
    const bound = 2 * Math.max(n - 1, 0) * u * abs;
    if (!(Math.abs(a - b) <= bound)) failures.push(`${name}: ${a} (SIMD) vs ${b} (scalar), bound ${bound}`);
  };
  const fill = (k: SimdKernels, kind: 'f64' | 'f32' | 'i8' | 'u32' | 'i16' | 'i32', values: number[]): Float64Array | Float32Array | Int8Array | Uint32Array | Int16Array | Int32Array => {
    const out = k[kind](Math.max(values.length, 1));
    out.set(values);
    return out;
  };
  const reals = (n: number): number[] => Array.from({ length: n }, () => rng.uniformIn(-1, 1) * 2 ** rng.int(8));
  const ints = (n: number, r: number): number[] => Array.from({ length: n }, () => rng.int(2 * r + 1) - r);
  const signs = (n: number): number[] => Array.from({ length: n }, () => (rng.uniform() < 0.5 ? -1 : 1));
  for (let trial = 0; trial < 60; trial++) {
    const n = rng.int(68);
    for (const integer of [true, false]) {
      const tag = `${integer ? 'integer' : 'real'} n=${n}`;
      const av = integer ? ints(n, 1000) : reals(n);
      const bv = integer ? ints(n, 1000) : reals(n);
      const sv = signs(n + 3);
      const abs = av.reduce((s, x, k) => s + Math.abs(x * bv[k]!), 0);
      const absT = av.reduce((s, x, k) => s + Math.abs(x * sv[k + 3]!), 0);
      const args = (k: SimdKernels) => ({ a: fill(k, 'f64', av) as Float64Array, b: fill(k, 'f64', bv) as Float64Array, t: fill(k, 'i8', sv) as Int8Array });
      const f = args(fast);
      const s = args(slow);
      const d1 = fast.dotF64(f.a, f.b, n);
      const d2 = slow.dotF64(s.a, s.b, n);
      if (integer) same(`dotF64 ${tag}`, [d1], [d2]); else close(`dotF64 ${tag}`, d1, d2, n, abs, 2 ** -53);
      const t1 = fast.dotInt8(f.t, 3, f.a, n);
      const t2 = slow.dotInt8(s.t, 3, s.a, n);
      if (integer) same(`dotInt8 ${tag}`, [t1], [t2]); else close(`dotInt8 ${tag}`, t1, t2, n, absT, 2 ** -53);
      const alpha = integer ? rng.int(7) - 3 : rng.uniformIn(-2, 2);
      fast.axpyF64(f.a, f.b, alpha, n);
      slow.axpyF64(s.a, s.b, alpha, n);
      same(`axpyF64 ${tag}`, f.a.subarray(0, n), s.a.subarray(0, n));
      fast.addInt8Row(f.b, f.t, 3, alpha, n);
      slow.addInt8Row(s.b, s.t, 3, alpha, n);
      same(`addInt8Row ${tag}`, f.b.subarray(0, n), s.b.subarray(0, n));
            const a32 = integer ? ints(n, 40) : reals(n);
      const b32 = integer ? ints(n, 40) : reals(n);
      const fa = fill(fast, 'f32', a32) as Float32Array;
      const fb = fill(fast, 'f32', b32) as Float32Array;
      const sa = fill(slow, 'f32', a32) as Float32Array;
      const sb = fill(slow, 'f32', b32) as Float32Array;
      const e1 = fast.dotF32(fa, fb, n);
      const e2 = slow.dotF32(sa, sb, n);
      // dotF32's scalar reference sums in the SIMD order (eight partial sums), so: bit for bit, always.
      same(`dotF32 ${tag}`, [e1], [e2]);
      const alpha32 = Math.fround(alpha);
      fast.axpyF32(fa, fb, alpha32, n);
      slow.axpyF32(sa, sb, alpha32, n);
      same(`axpyF32 ${tag}`, fa.subarray(0, n), sa.subarray(0, n));
    }
    // gemm6x8: C (qp x np tiles of 6 x 8) += A B^T over kc, real-valued, bit for bit.
    const qp = 1 + rng.int(3);
    const np = 1 + rng.int(3);
    const kc = rng.int(40);
    const aStride = 6 * kc + 6 * rng.int(3);
    const av = reals(qp * aStride);
    const bv = reals(8 * np * kc);
    const cv = reals(48 * qp * np);
    const run = (k: SimdKernels): Float64Array => {
      const c = fill(k, 'f64', cv) as Float64Array;
      k.gemm6x8(fill(k, 'f64', av) as Float64Array, 0, aStride, fill(k, 'f64', bv) as Float64Array, c, 48 * np, qp, np, kc);
      return c;
    };
    same(`gemm6x8 qp=${qp} np=${np} kc=${kc}`, run(fast), run(slow));
    // hamming4: popcounts of XORed packed rows (integers), bit for bit.
    const hm = 1 + rng.int(9);
    const panels = 1 + rng.int(2);
    const chunks = 1 + rng.int(3);
    const xw = Array.from({ length: hm * 4 * chunks }, () => rng.uniform32());
    const sw = Array.from({ length: 16 * panels * chunks }, () => rng.uniform32());
    const popcounts = (k: SimdKernels): Int32Array => {
      const out = k.i32(4 * panels * hm);
      k.hamming4(fill(k, 'u32', xw) as Uint32Array, fill(k, 'u32', sw) as Uint32Array, out, hm, panels, chunks);
      return out;
    };
    same(`hamming4 m=${hm} panels=${panels} chunks=${chunks}`, popcounts(fast), popcounts(slow));
    // gemmI16: exact integer product in 16-bit limbs, in its domain (full-range limbs of A, small
    // entries of B such as the +/-1 patterns, every sum below 2^31), bit for bit.
    const iq = 1 + rng.int(2);
    const ib = 1 + rng.int(2);
    const steps = 1 + rng.int(6);
    const ai = Array.from({ length: 32 * steps * iq }, () => rng.int(65535) - 32767);
    const bi = Array.from({ length: 16 * steps * ib }, () => rng.int(7) - 3);
    const limbs = (k: SimdKernels): Int32Array => {
      const c = k.i32(8 * ib * iq);
      k.gemmI16(fill(k, 'i16', ai) as Int16Array, 32 * steps, fill(k, 'i16', bi) as Int16Array, 0, c, 0, 8 * ib, iq, ib, steps);
      return c;
    };
    same(`gemmI16 qp=${iq} np=${ib} steps=${steps}`, limbs(fast), limbs(slow));
    // signedGroup: the table-lookup projection of +/-1 patterns (real weights), bit for bit.
    const sk = 1 + rng.int(4);
    const sn = rng.int(40);
    const sWeights = reals(32 * sk);
    const sWords = Array.from({ length: sn }, () => rng.uniform32() | 0);
    const sOut = reals(sk * sn);
    const lookups = (k: SimdKernels): Float64Array => {
      const out = fill(k, 'f64', sOut) as Float64Array;
      k.signedGroup(fill(k, 'f64', sWeights) as Float64Array, 0, 32, sk, fill(k, 'i32', sWords) as Int32Array, 0, sn, tables.get(k)!, out, 0, sn);
      return out;
    };
    same(`signedGroup k=${sk} n=${sn}`, lookups(fast), lookups(slow));
  }
  return { simd: fast.simd, checks, failures, digest: hash.toString(16) };
}
