import { describe, expect, it } from 'vitest';
import { createRng, randomBipolar } from '../../node.js';
import { hammingStats, packBipolar } from '../../src/network/hot-loops.js';

describe('packed bipolar overlaps (XOR + popcount)', () => {
  it('equal the direct sums xi . s and ||xi - s||^2 for sizes that are not multiples of 32', () => {
    const rng = createRng(1);
    for (const n of [1, 31, 32, 33, 100, 257]) {
      const X = randomBipolar({ count: 7, dim: n }, rng);
      const s = randomBipolar({ count: 1, dim: n }, rng).data;
      const packed = packBipolar(X.data, 7, n);
      const h = hammingStats(packed, 7, n, packBipolar(s, 1, n), new Float64Array(7), false);
      const d2 = hammingStats(packed, 7, n, packBipolar(s, 1, n), new Float64Array(7), true);
      for (let mu = 0; mu < 7; mu++) {
        let dot = 0;
        let dist = 0;
        for (let j = 0; j < n; j++) {
          dot += X.data[mu * n + j]! * s[j]!;
          dist += (X.data[mu * n + j]! - s[j]!) ** 2;
        }
        expect(h[mu]).toBe(dot);
        expect(d2[mu]).toBe(dist);
      }
    }
  });
});
