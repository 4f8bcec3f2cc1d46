import { describe, expect, it } from 'vitest';
import { hasImageShape, selectPatterns, withImageShape } from '../../src/data/image-patterns.js';
import { binarise, centre, downsample, meanPattern, toBipolar, toUnitInterval } from '../../src/data/transforms.js';
import { InvalidValueError, ShapeError } from '../../src/errors.js';
import { continuousPatterns, type ContinuousPatterns } from '../../src/patterns/pattern-set.js';

// Two 2 x 4 "images" with raw 8-bit values; expected outputs are computed by hand in each test.
const raw = withImageShape(continuousPatterns(Float64Array.of(0, 51, 102, 255, 255, 204, 153, 0, 10, 20, 30, 40, 50, 60, 70, 80), { count: 2, dim: 8 }), { height: 2, width: 4 }, [3, 8]);

describe('image transforms', () => {
  it('toUnitInterval divides by 255 (hand values) and keeps image shape and labels', () => {
    const X = toUnitInterval(raw);
    expect(Array.from(X.data.slice(0, 4))).toEqual([0, 0.2, 0.4, 1]);
    expect(X.image).toEqual({ height: 2, width: 4 });
    expect(Array.from(X.labels!)).toEqual([3, 8]);
    const shifted = toUnitInterval(raw, { lo: -5, hi: 295 });
    expect(shifted.data[8]).toBeCloseTo(15 / 300, 15);
    expect(shifted.data[9]).toBeCloseTo(25 / 300, 15);
    expect(() => toUnitInterval(raw, { hi: 100 })).toThrow(/entry 2 of pattern 0 is 102, outside \[0, 100\]/);
    expect(() => toUnitInterval(raw, { lo: 5, hi: 5 })).toThrow(InvalidValueError);
  });

  it('binarise: strictly above the threshold is +1, at or below is -1', () => {
    const B = binarise(toUnitInterval(raw), { threshold: 0.4 });
    expect(B.kind).toBe('bipolar');
    expect(Array.from(B.data.slice(0, 8))).toEqual([-1, -1, -1, 1, 1, 1, 1, -1]);
    expect(B.image).toEqual({ height: 2, width: 4 });
    expect(() => binarise(raw, { threshold: NaN })).toThrow(InvalidValueError);
  });

  it('toBipolar maps 0 -> -1, 0.5 -> 0, 1 -> 1 and rejects values outside [0, 1]', () => {
    const X = toBipolar(toUnitInterval(raw));
    expect(Array.from(X.data.slice(0, 4)).map((v) => +v.toFixed(12))).toEqual([-1, -0.6, -0.2, 1]);
    expect(() => toBipolar(raw)).toThrow(/outside \[0, 1\]/);
  });

  it('centre subtracts the mean image (hand mean of the two images); a given mean of wrong length is a ShapeError', () => {
    expect(Array.from(meanPattern(raw))).toEqual([5, 35.5, 66, 147.5, 152.5, 132, 111.5, 40]);
    const C = centre(raw);
    expect(Array.from(C.data.slice(0, 4))).toEqual([-5, 15.5, 36, 107.5]);
    for (const v of meanPattern(C)) expect(v).toBe(0);
    expect(Array.from(centre(raw, { mean: new Float64Array(8).fill(10) }).data.slice(8, 10))).toEqual([0, 10]);
    expect(() => centre(raw, { mean: [1, 2] })).toThrow(ShapeError);
  });

  it('downsample by 2 averages 2 x 2 blocks (hand averages); factors that do not divide are ShapeErrors', () => {
    const D = downsample(raw, 2);
    expect(D.image).toEqual({ height: 1, width: 2 });
    expect(D.dim).toBe(2);
    // image 0: block (0,51,255,204) -> 127.5; block (102,255,153,0) -> 127.5
    // image 1: block (10,20,50,60) -> 35; block (30,40,70,80) -> 55
    expect(Array.from(D.data)).toEqual([127.5, 127.5, 35, 55]);
    expect(Array.from(D.labels!)).toEqual([3, 8]);
    expect(() => downsample(raw, 3)).toThrow(ShapeError);
    expect(() => downsample(raw, 0)).toThrow(InvalidValueError);
    const plain = continuousPatterns(new Float64Array(4), { count: 1, dim: 4 });
    expect(() => downsample(plain as never, 2)).toThrow(/no image shape/);
  });

  it('withImageShape and selectPatterns validate and keep labels in the selected order', () => {
    expect(() => withImageShape(raw, { height: 3, width: 3 })).toThrow(ShapeError);
    expect(() => withImageShape(raw, { height: 2, width: 4 }, [1])).toThrow(ShapeError);
    expect(() => withImageShape(raw, { height: 0, width: 4 })).toThrow(InvalidValueError);
    const S = selectPatterns(raw, [1, 0, 1]);
    expect(S.count).toBe(3);
    expect(Array.from(S.labels!)).toEqual([8, 3, 8]);
    expect(Array.from(S.data.slice(8, 10))).toEqual([0, 51]);
    expect(hasImageShape(S)).toBe(true);
    expect(() => selectPatterns(raw, [2])).toThrow(InvalidValueError);
  });

  it('NaN entries and empty sets are typed errors (before: binarise mapped NaN to -1, meanPattern divided by 0 and gave NaN)', () => {
    // Built as literals: continuousPatterns itself rejects NaN, but a Patterns value may come from anywhere.
    const X: ContinuousPatterns = { kind: 'continuous', count: 2, dim: 2, data: Float64Array.of(0.2, NaN, 0.9, 0.1) };
    expect(() => binarise(X)).toThrow(InvalidValueError);
    expect(() => binarise(X)).toThrow(/^patterns: entry 1 of pattern 0 is NaN/);
    const empty: ContinuousPatterns = { kind: 'continuous', count: 0, dim: 3, data: new Float64Array(0) };
    expect(() => meanPattern(empty)).toThrow(/^patterns: is empty/);
    expect(() => centre(empty)).toThrow(InvalidValueError);
    expect(centre(empty, { mean: [0, 0, 0] }).count).toBe(0);
    expect(() => centre(continuousPatterns(Float64Array.of(1, 2), { count: 1, dim: 2 }), { mean: [0, NaN] })).toThrow(/^mean: entry 1 is NaN/);
  });
});
