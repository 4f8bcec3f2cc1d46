import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/rng/rng.js';
import { blockedProduct } from '../../src/simd/blocked-product.js';
import { axpyF32, dotF32, gemm6x8 } from '../../src/simd/scalar-kernels.js';
import { createSimdKernels } from '../../src/simd/simd-kernels.js';

/** Doubles of every magnitude and sign, including -0, subnormals and huge values (rounding everywhere). */
const wild = fc.double({ noNaN: true, noDefaultInfinity: true });
const f32 = fc.float({ noNaN: true, noDefaultInfinity: true });

/** Bits of a double, so -0 vs 0 and every last-place difference counts. */
const same = (x: number, y: number): boolean => Object.is(x, y);

describe('gemm6x8 (SIMD) equals its scalar reference bit for bit on every input', () => {
  it('random panel counts, odd and even kc, arbitrary doubles', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 5 }), fc.array(wild, { minLength: 400, maxLength: 400 }), (qp, np, kc, off, pool) => {
        const k = createSimdKernels({ bytes: 1 << 16 });
        const aStride = 6 * kc + off; // panels of A need not be contiguous
        const ap = k.f64(off + qp * aStride);
        const bp = k.f64(8 * kc * np);
        const cRow = 48 * np + 8 * off; // rows of tiles need not be contiguous either
        const c = k.f64(qp * cRow);
        let p = 0;
        for (let i = 0; i < ap.length; i++) ap[i] = pool[p++ % pool.length]!;
        for (let i = 0; i < bp.length; i++) bp[i] = pool[(p++ * 7) % pool.length]!;
        for (let i = 0; i < c.length; i++) c[i] = pool[(p++ * 13) % pool.length]!;
        const ref = { ap: Float64Array.from(ap), bp: Float64Array.from(bp), c: Float64Array.from(c) };
        expect(k.simd).toBe(true);
        k.gemm6x8(ap, off, aStride, bp, c, cRow, qp, np, kc);
        gemm6x8(ref.ap, off, aStride, ref.bp, ref.c, cRow, qp, np, kc);
        for (let i = 0; i < c.length; i++) if (!same(c[i]!, ref.c[i]!)) return false;
        return true;
      }),
      { numRuns: 200 },
    );
  });
});

describe('blockedProduct', () => {
  it('equals a plain loop `s += a[k] * b[k]` bit for bit (SIMD and scalar), over shapes with tails and B strides', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 11 }),
        fc.integer({ min: 1, max: 140 }), // crosses the 16-panel (128-row) groups of B
        fc.integer({ min: 1, max: 600 }), // crosses the 256-column blocks, with a ragged last block
        fc.boolean(),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (q, n, depth, transposed, seed) => {
          const rng = createRng(seed);
          // Magnitudes over 12 decades: the sums round, so any other order would show.
          const a = Float64Array.from({ length: q * depth }, () => rng.normal() * 10 ** rng.uniformIn(-6, 6));
          const b = Float64Array.from({ length: n * depth }, () => rng.normal() * 10 ** rng.uniformIn(-6, 6));
          // B stored row-major (i, k) -> b[i depth + k] or column-major (i, k) -> b[k n + i].
          const at = (i: number, kk: number): number => (transposed ? b[kk * n + i]! : b[i * depth + kk]!);
          const strides = transposed ? { rowStride: 1, colStride: n } : {};
          for (const [simd, packOnce] of [[true, true], [true, false], [false, true], [false, false]] as const) {
            const p = blockedProduct({ rows: q, cols: n, depth, b, ...strides, simd, packOnce });
            for (let r = 0; r < q; r++) p.setRow(r, a, r * depth);
            p.multiply(q);
            for (let r = 0; r < q; r++) {
              for (let i = 0; i < n; i++) {
                let s = 0;
                for (let kk = 0; kk < depth; kk++) s += a[r * depth + kk]! * at(i, kk);
                if (!same(p.get(r, i), s)) return false;
              }
            }
          }
          return true;
        },
      ),
      { numRuns: 40 },
    );
  });

  it('reads Int8 B and strided rows of A; multiply(rows) uses only the first rows', () => {
    const rng = createRng('int8');
    const n = 7, depth = 70, q = 6;
    const b = Int8Array.from({ length: n * depth }, () => rng.bipolar());
    const a = Float64Array.from({ length: depth * q }, () => rng.normal());
    const p = blockedProduct({ rows: q, cols: n, depth, b });
    for (let r = 0; r < q; r++) p.setRow(r, a, r, q); // A stored column-major
    p.multiply(3);
    for (let r = 0; r < 3; r++) {
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let k = 0; k < depth; k++) s += a[k * q + r]! * b[i * depth + k]!;
        expect(Object.is(p.get(r, i), s)).toBe(true);
      }
    }
  });

  it('refuses bad sizes and short operands before any work', () => {
    expect(() => blockedProduct({ rows: 0, cols: 1, depth: 1, b: [1] })).toThrow(/rows/);
    expect(() => blockedProduct({ rows: 1, cols: 2, depth: 3, b: new Float64Array(5) })).toThrow(/b/);
    const p = blockedProduct({ rows: 2, cols: 1, depth: 3, b: new Float64Array(3) });
    expect(() => p.setRow(2, new Float64Array(3))).toThrow(/row 2/);
    expect(() => p.setRow(0, new Float64Array(2))).toThrow(/src/);
    expect(() => p.multiply(3)).toThrow(/rows/);
  });
});

describe('binary32 kernels', () => {
  it('dotF32 and axpyF32 (SIMD) equal their scalar references bit for bit on every float', () => {
    fc.assert(
      fc.property(fc.array(f32, { maxLength: 70 }), fc.array(f32, { maxLength: 70 }), f32, (xs, ys, alpha) => {
        const n = Math.min(xs.length, ys.length);
        const k = createSimdKernels({ bytes: 1 << 16 });
        const a = k.f32(n), b = k.f32(n);
        a.set(xs.slice(0, n));
        b.set(ys.slice(0, n));
        if (!same(k.dotF32(a, b, n), dotF32(Float32Array.from(a), Float32Array.from(b), n))) return false;
        const yRef = Float32Array.from(b);
        k.axpyF32(b, a, alpha, n);
        axpyF32(yRef, Float32Array.from(a), alpha, n);
        for (let i = 0; i < n; i++) if (!same(b[i]!, yRef[i]!)) return false;
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('dotF32 is within the binary32 rounding bound of the exact sum', () => {
    // Any summation order: |computed - exact| <= gamma_n sum |a_i b_i|, gamma_n = n u / (1 - n u),
    // u = 2^-24 (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., eq. 3.5; n - 1
    // additions plus the product rounding). The exact value is a plain double loop: products of two
    // binary32 numbers are exact in binary64, and the double sum's own error (n 2^-53) is negligible.
    const rng = createRng('f32-bound');
    const k = createSimdKernels({ bytes: 1 << 16 });
    for (const n of [1, 7, 8, 9, 63, 64, 1000, 1003]) {
      const a = k.f32(n), b = k.f32(n);
      for (let i = 0; i < n; i++) {
        a[i] = rng.normal() * 10 ** rng.uniformIn(-2, 2);
        b[i] = rng.normal();
      }
      let exact = 0, abs = 0;
      for (let i = 0; i < n; i++) {
        exact += a[i]! * b[i]!;
        abs += Math.abs(a[i]! * b[i]!);
      }
      const u = 2 ** -24;
      const gamma = (n * u) / (1 - n * u);
      expect(Math.abs(k.dotF32(a, b, n) - exact)).toBeLessThanOrEqual(gamma * abs * (1 + 1e-6));
    }
  });
});
