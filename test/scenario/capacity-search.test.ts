import { describe, expect, it } from 'vitest';
import { largestStorable } from '../../scenarios/lib/capacity-search.js';

describe('largestStorable (doubling, then bisection)', () => {
  it('finds the threshold of every monotone predicate exactly, in O(log M) calls', () => {
    for (const start of [1, 3, 16, 500]) {
      for (let threshold = 0; threshold <= 300; threshold += 7) {
        let calls = 0;
        const found = largestStorable((m) => { calls++; return m <= threshold; }, { start, max: 400 });
        expect(found).toBe(threshold);
        expect(calls).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(401)) + 2);
      }
    }
  });

  it('returns max when everything up to max is storable, 0 when nothing is', () => {
    expect(largestStorable(() => true, { start: 5, max: 64 })).toBe(64);
    expect(largestStorable(() => false, { start: 5, max: 64 })).toBe(0);
  });
});
