import { describe, expect, it } from 'vitest';
import { InvalidValueError } from '../../src/errors.js';
import { capacitySearch, largestStorable } from '../../src/search/capacity-search.js';

describe('capacitySearch (doubling, then bisection)', () => {
  it('finds a planted threshold exactly for every start, in at most 2 ceil(log2(max + 1)) + 2 calls', () => {
    const max = 400;
    const bound = 2 * Math.ceil(Math.log2(max + 1)) + 2;
    for (const start of [1, 3, 16, 500]) {
      for (let threshold = 0; threshold <= 420; threshold += 7) {
        const r = capacitySearch((m) => m <= threshold, { start, max });
        expect(r.mMax).toBe(Math.min(threshold, max));
        expect(r.censored).toBe(threshold >= max);
        expect(r.firstFailure).toBe(threshold >= max ? null : threshold + 1);
        expect(r.calls.length).toBeLessThanOrEqual(bound);
        // the bracket is witnessed by the calls themselves
        if (r.firstFailure !== null) expect(r.calls).toContainEqual([r.firstFailure, false]);
        if (r.mMax > 0) expect(r.calls).toContainEqual([r.mMax, true]);
      }
    }
  });

  it('never calls the predicate outside [1, max]', () => {
    const seen: number[] = [];
    capacitySearch((m) => { seen.push(m); return m <= 1000; }, { start: 0.2, max: 50 });
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...seen)).toBeLessThanOrEqual(50);
  });

  it('largestStorable returns max when everything up to max is storable, 0 when nothing is', () => {
    expect(largestStorable(() => true, { start: 5, max: 64 })).toBe(64);
    expect(largestStorable(() => false, { start: 5, max: 64 })).toBe(0);
  });

  it('rejects a bad bracket before calling the predicate', () => {
    let called = false;
    const p = (): boolean => { called = true; return true; };
    expect(() => capacitySearch(p, { max: 0 })).toThrow(InvalidValueError);
    expect(() => capacitySearch(p, { max: 2.5 })).toThrow(InvalidValueError);
    expect(() => capacitySearch(p, { max: 10, start: Number.NaN })).toThrow(InvalidValueError);
    expect(called).toBe(false);
  });
});
