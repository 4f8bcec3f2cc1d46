import { describe, expect, it } from 'vitest';
import { InvalidValueError } from '../../src/errors.js';
import { CAPACITY_SCAN_LIMIT, capacitySearch, largestStorable } from '../../src/search/capacity-search.js';
import { createRng } from '../../src/rng/rng.js';

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

  it('with a proven bound it returns the largest storable M at or below it, exactly, monotone or not', () => {
    // Against a brute-force scan written here: every predicate over [1, 40] with a few holes,
    // every bound. Within the scan limit the answer is the largest storable M <= bound.
    const rng = createRng('bound-search');
    for (let trial = 0; trial < 300; trial++) {
      const threshold = rng.int(41);
      const holes = new Set(Array.from({ length: rng.int(4) }, () => 1 + rng.int(40)));
      const storable = (m: number): boolean => m <= threshold && !holes.has(m);
      const bound = threshold + rng.int(CAPACITY_SCAN_LIMIT);
      let truth = 0;
      for (let m = Math.min(bound, 40); m >= 1; m--) if (storable(m)) { truth = m; break; }
      const seen: number[] = [];
      const r = capacitySearch((m) => { seen.push(m); return storable(m); }, { start: 4, max: 40, bound });
      if (Math.min(bound, 40) - truth < CAPACITY_SCAN_LIMIT) expect(r.mMax).toBe(truth);
      // Never above the bound, never outside [1, max], and a monotone predicate gives the bisection's answer.
      expect(Math.max(0, ...seen)).toBeLessThanOrEqual(Math.min(bound, 40));
      expect(Math.min(41, ...seen)).toBeGreaterThanOrEqual(1);
      expect(capacitySearch((m) => m <= threshold, { start: 4, max: 40, bound: Math.max(bound, threshold) }).mMax).toBe(capacitySearch((m) => m <= threshold, { start: 4, max: 40 }).mMax);
    }
    // Far below the bound the scan gives way to bisection: few calls for a monotone predicate.
    const far = capacitySearch((m) => m <= 100, { start: 10, max: 1000, bound: 900 });
    expect(far.mMax).toBe(100);
    expect(far.calls.length).toBeLessThanOrEqual(CAPACITY_SCAN_LIMIT + 2 * Math.ceil(Math.log2(1001)) + 2);
    expect(capacitySearch(() => true, { max: 30, bound: 50 })).toMatchObject({ mMax: 30, censored: true });
    expect(() => capacitySearch(() => true, { max: 30, bound: -1 })).toThrow(InvalidValueError);
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
