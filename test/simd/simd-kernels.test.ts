import { describe, expect, it } from 'vitest';
import { InvalidValueError, ParameterError, ShapeError } from '../../src/errors.js';
import { addInt8Row, dotInt8 } from '../../src/network/hot-loops.js';
import { createRng, type Rng } from '../../src/rng/rng.js';
import { axpyF64, dotF64 } from '../../src/simd/scalar-kernels.js';
import { createSimdKernels, simdSupported } from '../../src/simd/simd-kernels.js';

// Lengths around the vector widths (2 lanes, 8 per iteration) plus the bench sizes.
const LENGTHS = [0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 33, 63, 64, 65, 127, 1000, 1001, 4000, 4003];
const EPS = 2 ** -53; // unit roundoff of binary64

function fillInt8(t: Int8Array, rng: Rng): void {
  for (let i = 0; i < t.length; i++) t[i] = rng.int(256) - 128;
}

/** Exact integer sum of t[base + i] a[i] by BigInt (a integer-valued): an independent computation. */
function exactDot(t: Int8Array, base: number, a: Float64Array, m: number): number {
  let s = 0n;
  for (let i = 0; i < m; i++) s += BigInt(t[base + i]!) * BigInt(a[i]!);
  return Number(s);
}

describe('WebAssembly SIMD kernels', () => {
  it('are in use on this Node (SIMD128 is supported since Node 16)', () => {
    expect(simdSupported()).toBe(true);
    expect(createSimdKernels().simd).toBe(true);
    expect(createSimdKernels({ simd: false }).simd).toBe(false);
  });

  it('dotInt8 and dotF64 are bit-identical to the scalar loops, and exact, on integer-valued inputs', () => {
    const k = createSimdKernels({ bytes: 1 << 20 });
    const rng = createRng(14).child('int');
    const t = k.i8(4003 + 37);
    const a = k.f64(4003);
    const b = k.f64(4003);
    for (const m of LENGTHS) {
      for (let rep = 0; rep < 3; rep++) {
        fillInt8(t, rng);
        // |entries| <= 2^20, so every partial sum is an integer below 2^53: no rounding anywhere.
        for (let i = 0; i < m; i++) {
          a[i] = rng.int(2 ** 21) - 2 ** 20;
          b[i] = rng.int(2 ** 21) - 2 ** 20;
        }
        const base = rng.int(38); // unaligned Int8 rows, as in the pattern matrix
        const simd = k.dotInt8(t, base, a, m);
        expect(simd).toBe(dotInt8(t, base, a, m));
        expect(simd).toBe(exactDot(t, base, a, m));
        let exact = 0n;
        for (let i = 0; i < m; i++) exact += BigInt(a[i]!) * BigInt(b[i]!);
        expect(k.dotF64(a, b, m)).toBe(dotF64(a, b, m));
        expect(k.dotF64(a, b, m)).toBe(Number(exact));
      }
    }
  });

  it('dotInt8 and dotF64 agree with the scalar loops to rounding on random floats', () => {
    // Bound: each of the scalar loop and the eight-partial-sum SIMD loop computes sum_i a_i b_i with
    // |error| <= gamma_n S, gamma_n = n eps / (1 - n eps), S = sum_i |a_i b_i| (Higham, Accuracy and
    // Stability of Numerical Algorithms, 2nd ed., eq. 3.5: any summation order; n - 1 additions plus
    // the product rounding), so |simd - scalar| <= 2 gamma_n S. Also |simd - exact| <= gamma_n S,
    // checked against a plain loop in the test with an error-free (TwoSum) compensated sum.
    const k = createSimdKernels({ bytes: 1 << 20 });
    const rng = createRng(14).child('float');
    const t = k.i8(4003);
    const a = k.f64(4003);
    const b = k.f64(4003);
    let differed = 0;
    for (const m of LENGTHS) {
      for (let rep = 0; rep < 3; rep++) {
        fillInt8(t, rng);
        for (let i = 0; i < m; i++) {
          a[i] = rng.normal() * 10 ** rng.uniformIn(-3, 3);
          b[i] = rng.normal();
        }
        const gamma = (m * EPS) / (1 - m * EPS);
        let sInt8 = 0;
        let sF64 = 0;
        for (let i = 0; i < m; i++) {
          sInt8 += Math.abs(t[i]! * a[i]!);
          sF64 += Math.abs(a[i]! * b[i]!);
        }
        const simd8 = k.dotInt8(t, 0, a, m);
        const simdF = k.dotF64(a, b, m);
        expect(Math.abs(simd8 - dotInt8(t, 0, a, m))).toBeLessThanOrEqual(2 * gamma * sInt8);
        expect(Math.abs(simdF - dotF64(a, b, m))).toBeLessThanOrEqual(2 * gamma * sF64);
        // Reference: the same rounded products (each within eps |t_i a_i| of exact) summed with
        // Neumaier's compensated sum (error <= 2 eps |sum| + O(n eps^2) S), so the reference is
        // within about 3 eps S of the exact value and |simd - ref| <= gamma_n S + 3 eps S.
        let s = 0;
        let c = 0;
        for (let i = 0; i < m; i++) {
          const p = t[i]! * a[i]!;
          const u = s + p;
          c += Math.abs(s) >= Math.abs(p) ? s - u + p : p - u + s;
          s = u;
        }
        expect(Math.abs(simd8 - (s + c))).toBeLessThanOrEqual(gamma * sInt8 + 3 * EPS * sInt8);
        if (simd8 !== dotInt8(t, 0, a, m)) differed++;
      }
    }
    // The orders really differ (otherwise this test would not exercise the bound).
    expect(differed).toBeGreaterThan(0);
  });

  it('addInt8Row and axpyF64 are bit-identical to the scalar loops on random floats', () => {
    const k = createSimdKernels({ bytes: 1 << 20 });
    const rng = createRng(14).child('axpy');
    const t = k.i8(4003 + 37);
    const x = k.f64(4003);
    const y = k.f64(4003);
    for (const m of LENGTHS) {
      fillInt8(t, rng);
      for (let i = 0; i < 4003; i++) {
        x[i] = rng.normal();
        y[i] = rng.normal() * 100;
      }
      const f = rng.normal() * 3;
      const base = rng.int(38);
      const yRef = Float64Array.from(y);
      k.axpyF64(y, x, f, m);
      axpyF64(yRef, x, f, m);
      expect(Array.from(y)).toEqual(Array.from(yRef)); // also: entries >= m untouched in both
      k.addInt8Row(y, t, base, f, m);
      addInt8Row(yRef, t, base, f, m);
      expect(Array.from(y)).toEqual(Array.from(yRef));
    }
  });

  it('the scalar fallback computes the same results over its own arena', () => {
    const k = createSimdKernels({ simd: false, bytes: 1 << 16 });
    const t = k.i8(3);
    const a = k.f64(3);
    t.set([1, -1, 2]);
    a.set([0.5, 2, 4]);
    expect(k.dotInt8(t, 0, a, 3)).toBe(0.5 - 2 + 8);
    expect(k.dotF64(a, a, 3)).toBe(0.25 + 4 + 16);
  });

  it('aligns allocations to 16 bytes and rejects bad input with typed errors before any work', () => {
    const k = createSimdKernels({ bytes: 1 << 16 });
    k.i8(3);
    const a = k.f64(5);
    expect(a.byteOffset % 16).toBe(0);
    const t = k.i8(5);
    expect(() => k.dotInt8(Int8Array.of(1, 2), 0, a, 2)).toThrow(ShapeError); // not in the arena
    expect(() => k.dotF64(a, new Float64Array(5), 5)).toThrow(ShapeError);
    expect(() => k.dotInt8(t, 3, a, 5)).toThrow(ShapeError); // row beyond t
    expect(() => k.dotInt8(t, 0, a, -1)).toThrow(InvalidValueError);
    const y = k.f64(4);
    y.fill(1);
    expect(() => k.axpyF64(y, a, 2, 6)).toThrow(ShapeError);
    expect(Array.from(y)).toEqual([1, 1, 1, 1]); // unchanged
    expect(() => k.f64(1 << 20)).toThrow(InvalidValueError); // arena full
    expect(() => createSimdKernels({ bytes: 0 })).toThrow(ParameterError);
    expect(() => createSimdKernels({ bytes: 2 ** 31 })).toThrow(ParameterError);
  });
});
