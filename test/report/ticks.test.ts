import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidValueError } from '../../src/errors.js';
import { axisTicks, labelExpression } from '../../src/report/ticks.js';

describe('axisTicks', () => {
  it('on any linear domain: at least three ticks, inside the domain, equally spaced at a 1-2-5 step, at most a dozen', () => {
    fc.assert(fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 1e-6, max: 1e6, noNaN: true }), (lo, span) => {
      const hi = lo + span;
      fc.pre(hi > lo && (hi - lo) / Math.max(1, Math.abs(lo)) > 1e-9);
      const { values, labels } = axisTicks([lo, hi]);
      expect(values.length).toBeGreaterThanOrEqual(3);
      expect(values.length).toBeLessThanOrEqual(12);
      expect(labels).toHaveLength(values.length);
      const step = values[1]! - values[0]!;
      // The step read back from two doubles carries their rounding: 4 ulp of the largest value.
      const slack = (4 * Number.EPSILON * Math.max(Math.abs(values[0]!), Math.abs(values.at(-1)!))) / step;
      const mantissa = step / 10 ** Math.floor(Math.log10(step) + 1e-6);
      expect([1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-6 + slack * m)).toBe(true);
      for (let k = 0; k < values.length; k++) {
        // Inside up to a millionth of the span (tick positions are snapped with a 1e-9 slack).
        expect(values[k]!).toBeGreaterThanOrEqual(lo - 1e-6 * span);
        expect(values[k]!).toBeLessThanOrEqual(hi + 1e-6 * span);
        // Equal spacing to a millionth of the step, or to the doubles' own resolution at this
        // magnitude (4 ulp: at 5e5 one ulp is 1.2e-10, more than a millionth of a 1e-4 step).
        if (k > 0) expect(Math.abs(values[k]! - values[k - 1]! - step)).toBeLessThan(1e-6 * step + 4 * Number.EPSILON * Math.abs(values[k]!));
      }
      expect(new Set(labels).size).toBe(labels.length);
    }), { numRuns: 2000, examples: [[524287.99990000005, 0.0005242879851721228]] });
  });

  it('on any log domain: at least three distinct labels inside the domain, at most a dozen', () => {
    fc.assert(fc.property(fc.double({ min: -15, max: 8, noNaN: true }), fc.double({ min: 0.05, max: 14, noNaN: true }), (l0, decades) => {
      const lo = 10 ** l0;
      const hi = 10 ** (l0 + decades);
      const { values, labels } = axisTicks([lo, hi], { scale: 'log' });
      expect(values.length).toBeGreaterThanOrEqual(3);
      expect(values.length).toBeLessThanOrEqual(12);
      for (const v of values) {
        // Ticks are chosen in log10 space with a 1e-9 slack (2.3e-9 relative).
        expect(v).toBeGreaterThanOrEqual(lo * (1 - 1e-8));
        expect(v).toBeLessThanOrEqual(hi * (1 + 1e-8));
      }
      expect(new Set(labels).size).toBe(labels.length);
    }), { numRuns: 2000 });
  });

  it('integer axes get whole-number ticks (no 8.5 and 9.5 for N = 8, 9, 10)', () => {
    expect(axisTicks([7.9, 10.1], { integer: true }).values).toEqual([8, 9, 10]);
    fc.assert(fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 5000 }), (a, w) => {
      for (const v of axisTicks([a - 0.2, a + w + 0.2], { integer: true }).values) expect(Number.isInteger(v)).toBe(true);
    }));
  });

  it('writes decades far from 1 as powers of ten with superscripts, and near 1 as plain numbers', () => {
    const t = axisTicks([1e-13, 0.5], { scale: 'log' });
    expect(t.labels).toContain('10⁻¹²');
    expect(t.labels).toContain('0.01');
    expect(t.values.every((v) => Number.isInteger(Math.round(Math.log10(v) * 1e9) / 1e9))).toBe(true);
    expect(axisTicks([1e5, 1e9], { scale: 'log' }).labels).toEqual(['10⁵', '10⁶', '10⁷', '10⁸', '10⁹']);
  });

  it('the label expression maps each tick value to its label (evaluated as JavaScript)', () => {
    const t = axisTicks([1e-7, 3], { scale: 'log' });
    // The Vega expression language is a subset of JavaScript for this form.
    const evaluate = new Function('datum', `return ${labelExpression(t)};`) as (d: { value: number; label: string }) => string;
    t.values.forEach((v, k) => expect(evaluate({ value: v, label: 'fallback' })).toBe(t.labels[k]));
    expect(evaluate({ value: 0.123, label: 'fallback' })).toBe('fallback');
  });

  it('refuses reversed, empty and non-positive log domains with a typed error', () => {
    expect(() => axisTicks([1, 1])).toThrow(InvalidValueError);
    expect(() => axisTicks([2, 1])).toThrow(/increasing/);
    expect(() => axisTicks([0, 1], { scale: 'log' })).toThrow(/above zero/);
    expect(() => axisTicks([Number.NaN, 1])).toThrow(InvalidValueError);
  });
  it('a linear axis across zero has an exact 0 tick labelled "0" (ticks are multiples of the step, not a running sum)', () => {
    for (const domain of [[-0.31, 0.25], [-0.3, 0.3], [-7e-3, 3e-3], [-130, 70]] as const) {
      const t = axisTicks(domain);
      const k = t.values.indexOf(0);
      expect(k, `no exact zero in ${t.values.join(', ')}`).toBeGreaterThanOrEqual(0);
      expect(t.labels[k]).toBe('0');
    }
  });
});
