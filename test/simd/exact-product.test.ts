import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/rng/rng.js';
import { exactBipolarProduct } from '../../src/simd/exact-product.js';
import { gemmI16 } from '../../src/simd/scalar-kernels.js';
import { createSimdKernels } from '../../src/simd/simd-kernels.js';

describe('gemmI16 (SIMD) equals its scalar reference', () => {
  it('on random limbs over the whole i16 range and random tile counts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (qp, np, steps, seed) => {
        const rng = createRng(seed);
        const k = createSimdKernels({ bytes: 1 << 16 });
        const aStride = 32 * steps + 8;
        const ap = k.i16(qp * aStride);
        const bp = k.i16(16 * steps * np + 16);
        const c = k.i32(8 * np * qp + 8);
        for (let i = 0; i < ap.length; i++) ap[i] = rng.int(65536) - 32768;
        for (let i = 0; i < bp.length; i++) bp[i] = rng.bipolar();
        const ref = new Int32Array(c.length);
        k.gemmI16(ap, aStride, bp, 16, c, 8, 8 * np, qp, np, steps);
        gemmI16(Int16Array.from(ap), aStride, Int16Array.from(bp), 16, ref, 8, 8 * np, qp, np, steps);
        return c.every((v, i) => v === ref[i]);
      }),
      { numRuns: 100 },
    );
  });
});

describe('exactBipolarProduct', () => {
  it('equals the exact integer product (a plain loop; integers below 2^53 add exactly) on shapes with tails', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 11 }), fc.integer({ min: 1, max: 90 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (q, n, depth, seed) => {
        const rng = createRng(seed);
        const b = Int8Array.from({ length: n * depth }, () => rng.bipolar());
        // Entries up to the limits of the two limbs, and small ones.
        const a = Float64Array.from({ length: q * depth }, () => (rng.uniform() < 0.5 ? rng.int(2 ** 31) - 2 ** 30 : rng.int(201) - 100));
        for (const simd of [true, false]) {
          const p = exactBipolarProduct({ rows: q, cols: n, depth, b, simd });
          for (let r = 0; r < q; r++) if (!p.setRow(r, a, r * depth)) return false;
          p.multiply(q);
          for (let r = 0; r < q; r++) {
            for (let i = 0; i < n; i++) {
              let s = 0;
              for (let k = 0; k < depth; k++) s += a[r * depth + k]! * b[i * depth + k]!;
              if (!Object.is(p.get(r, i), s)) return false;
            }
          }
        }
        return true;
      }),
      { numRuns: 60 },
    );
  });

  it('refuses rows it cannot represent exactly (non-integers, |a| >= 2^30), and bad sizes', () => {
    const p = exactBipolarProduct({ rows: 1, cols: 1, depth: 2, b: Int8Array.of(1, -1) });
    expect(p.setRow(0, [0.5, 1])).toBe(false);
    expect(p.setRow(0, [2 ** 30, 1])).toBe(false);
    expect(p.setRow(0, [-(2 ** 30), 2 ** 30 - 1])).toBe(true);
    p.multiply(1);
    expect(p.get(0, 0)).toBe(-(2 ** 30) - (2 ** 30 - 1));
    expect(() => exactBipolarProduct({ rows: 1, cols: 1, depth: 2 ** 16, b: new Int8Array(2 ** 16) })).toThrow(/depth/);
  });
});
