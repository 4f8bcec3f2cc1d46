import fc from 'fast-check';
import { describe, it } from 'vitest';
import { createRng } from '../../src/rng/rng.js';
import { batchedOverlaps } from '../../src/simd/batched-overlaps.js';

describe('batchedOverlaps (SIMD XOR-popcount)', () => {
  it('equals the plain loop sum_j xi_j s_j and ||xi - s||^2, SIMD and scalar, for N across the 128-bit words', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (q, m, n, seed) => {
        const rng = createRng(seed);
        const x = Int8Array.from({ length: m * n }, () => rng.bipolar());
        const s = Int8Array.from({ length: q * n }, () => rng.bipolar());
        const h = new Float64Array(m);
        for (const simd of [true, false]) {
          const ov = batchedOverlaps({ patterns: x, count: m, dim: n, rows: q, simd });
          for (let r = 0; r < q; r++) ov.setRow(r, s, r * n);
          ov.compute(q);
          for (let r = 0; r < q; r++) {
            for (const squared of [false, true]) {
              ov.stats(r, h, squared);
              for (let mu = 0; mu < m; mu++) {
                let want = 0;
                for (let j = 0; j < n; j++) want += squared ? (x[mu * n + j]! - s[r * n + j]!) ** 2 : x[mu * n + j]! * s[r * n + j]!;
                if (h[mu] !== want) return false;
              }
            }
          }
        }
        return true;
      }),
      { numRuns: 80 },
    );
  });
});
