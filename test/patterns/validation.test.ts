import { describe, expect, it } from 'vitest';
import {
  DuplicatePatternError,
  InvalidValueError,
  KmnError,
  NotBipolarError,
  ShapeError,
  asContinuous,
  bipolarPatterns,
  continuousPatterns,
  neuronMajor,
  patternRow,
} from '../../node.js';
import { assertBipolarVector, assertDistinct, assertLength } from '../../src/patterns/pattern-set.js';

// Validation at the API edge: typed errors that name the parameter and the offending entry.

function caught(f: () => unknown): KmnError {
  try {
    f();
  } catch (e) {
    if (e instanceof KmnError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('bipolarPatterns / continuousPatterns', () => {
  it('a 0 or 2 entry throws NotBipolarError naming the pattern and the entry', () => {
    // Pattern 1, entry 2 of a 2 x 3 set (flat index 5).
    for (const bad of [0, 2]) {
      const data = Int8Array.of(1, -1, 1, -1, 1, bad);
      const e = caught(() => bipolarPatterns(data, { count: 2, dim: 3 }));
      expect(e).toBeInstanceOf(NotBipolarError);
      expect(e.parameter).toBe('patterns');
      expect(e.message).toMatch(/entry 2 of pattern 1/);
      expect(e.message).toMatch(new RegExp(`is ${bad}`));
    }
    expect(caught(() => bipolarPatterns(Int8Array.of(1, 0), { count: 1, dim: 2 }, 'cues')).message).toMatch(/^cues:/);
  });

  it('shape mismatch throws ShapeError; NaN throws InvalidValueError naming the entry', () => {
    const e = caught(() => bipolarPatterns(Int8Array.of(1, -1, 1), { count: 2, dim: 2 }));
    expect(e).toBeInstanceOf(ShapeError);
    expect(e.message).toMatch(/3 entries/);
    expect(caught(() => continuousPatterns(new Float64Array(5), { count: 2, dim: 3 }))).toBeInstanceOf(ShapeError);
    const nan = caught(() => continuousPatterns(Float64Array.of(0.5, 1, 2, Number.NaN), { count: 2, dim: 2 }));
    expect(nan).toBeInstanceOf(InvalidValueError);
    expect(nan.message).toMatch(/entry 1 of pattern 1 is NaN/);
    expect(caught(() => continuousPatterns(Float64Array.of(Infinity), { count: 1, dim: 1 }))).toBeInstanceOf(InvalidValueError);
    expect(caught(() => bipolarPatterns(new Int8Array(0), { count: 0, dim: 2 })).parameter).toBe('patterns.count');
  });

  it('assertDistinct throws DuplicatePatternError naming both patterns, and rejects an all-zero continuous pattern', () => {
    const X = bipolarPatterns(Int8Array.of(1, 1, -1, 1, 1, 1, 1, 1, -1), { count: 3, dim: 3 });
    const e = caught(() => assertDistinct(X));
    expect(e).toBeInstanceOf(DuplicatePatternError);
    expect(e.message).toMatch(/patterns 0 and 2/);
    expect(() => assertDistinct(bipolarPatterns(Int8Array.of(1, 1, -1, 1), { count: 2, dim: 2 }))).not.toThrow();
    const C = continuousPatterns(Float64Array.of(0.5, 1, 0.25, 1, 0.5, 1), { count: 3, dim: 2 });
    expect(caught(() => assertDistinct(C, 'stored')).message).toMatch(/^stored: patterns 0 and 2/);
    expect(caught(() => assertDistinct(continuousPatterns(Float64Array.of(1, 2, 0, 0), { count: 2, dim: 2 })))).toBeInstanceOf(InvalidValueError);
  });

  it('assertLength and assertBipolarVector name the parameter', () => {
    expect(caught(() => assertLength('state', new Float64Array(3), 4)).message).toMatch(/^state: has length 3, expected 4/);
    const e = caught(() => assertBipolarVector('cue', Int8Array.of(1, -1, 0)));
    expect(e).toBeInstanceOf(NotBipolarError);
    expect(e.message).toMatch(/^cue: entry 2 is 0/);
  });
});

describe('layout helpers', () => {
  it('patternRow is a view, neuronMajor transposes, asContinuous copies', () => {
    const X = bipolarPatterns(Int8Array.of(1, -1, -1, -1, 1, 1), { count: 2, dim: 3 });
    expect(Array.from(patternRow(X, 1))).toEqual([-1, 1, 1]);
    expect(patternRow(X, 1).buffer).toBe(X.data.buffer);
    // T[i * M + mu] = X[mu * N + i], by hand.
    expect(Array.from(neuronMajor(X))).toEqual([1, -1, -1, 1, -1, 1]);
    const C = asContinuous(X);
    expect(C.kind).toBe('continuous');
    expect(Array.from(C.data)).toEqual([1, -1, -1, -1, 1, 1]);
  });
});
