import { describe, expect, it } from 'vitest';
import { InvalidValueError, ShapeError } from '../../src/errors.js';
import { createRng } from '../../src/rng/rng.js';
import { signedGroup } from '../../src/simd/scalar-kernels.js';
import { createSimdKernels } from '../../src/simd/simd-kernels.js';

describe('signedGroup (table-lookup projection of +/-1 patterns, one group of 32)', () => {
  it('SIMD equals the scalar reference bit for bit, for tiles of 1 to 4 queries, offsets and strides', () => {
    expect(createSimdKernels({ bytes: 1 << 16 }).simd).toBe(true);
    const rng = createRng('signed-group');
    for (let trial = 0; trial < 40; trial++) {
      const k = 1 + rng.int(4);
      const n = rng.int(70);
      const wStride = 32 + rng.int(9);
      const outStride = n + rng.int(5);
      const wv = Array.from({ length: 3 + k * wStride }, () => Math.exp(16 * rng.uniform() - 8) * (rng.uniform() < 0.3 ? -1 : 1));
      const wordsV = Array.from({ length: n + 2 }, () => rng.int(2 ** 32) | 0);
      const outV = Array.from({ length: 1 + k * outStride }, () => rng.uniform() - 0.5);
      const run = (simd: boolean): number[] => {
        const kk = createSimdKernels({ bytes: 1 << 16, simd });
        const w = kk.f64(wv.length);
        w.set(wv);
        const words = kk.i32(wordsV.length);
        words.set(wordsV);
        const out = kk.f64(outV.length);
        out.set(outV);
        kk.signedGroup(w, 3, wStride, k, words, 2, n, kk.f64(4128), out, 1, outStride);
        return Array.from(out);
      };
      const a = run(true);
      const b = run(false);
      expect(a.every((v, i) => Object.is(v, b[i]))).toBe(true);
    }
  });

  it('computes sum_t w_t s_t(j) for each output: exact on dyadic weights against a plain loop', () => {
    const rng = createRng('signed-group-exact');
    const w = Float64Array.from({ length: 64 }, () => (rng.int(2001) - 1000) / 8);
    const words = Int32Array.from({ length: 9 }, () => rng.int(2 ** 32) | 0);
    const out = new Float64Array(18);
    signedGroup(w, 0, 32, 2, words, 0, 9, new Float64Array(4128), out, 0, 9);
    for (let r = 0; r < 2; r++) {
      for (let j = 0; j < 9; j++) {
        let s = 0;
        for (let t = 0; t < 32; t++) s += w[32 * r + t]! * ((words[j]! >>> t) & 1 ? 1 : -1);
        expect(out[9 * r + j]).toBe(s);
      }
    }
  });

  it('refuses a tile size outside 1..4 and arrays outside the arena before any work', () => {
    const k = createSimdKernels({ bytes: 1 << 16 });
    const args = [k.f64(32), 0, 32, 1, k.i32(4), 0, 4, k.f64(4128), k.f64(4), 0, 4] as const;
    expect(() => k.signedGroup(args[0], 0, 32, 5, args[4], 0, 4, args[7], args[8], 0, 4)).toThrow(InvalidValueError);
    expect(() => k.signedGroup(new Float64Array(32), 0, 32, 1, args[4], 0, 4, args[7], args[8], 0, 4)).toThrow(ShapeError);
    expect(() => k.signedGroup(args[0], 0, 32, 1, args[4], 0, 5, args[7], args[8], 0, 4)).toThrow(ShapeError);
  });
});
