import { describe, expect, it } from 'vitest';
import {
  dotSimilarity,
  identitySeparation,
  maxSeparation,
  negativeEuclidean,
  negativeManhattan,
  polynomialSeparation,
  softmaxSeparation,
  universalHopfieldRecall,
} from '../../node.js';
import { softmaxInPlace } from '../../src/kernels/universal-hopfield.js';

// The Universal Hopfield Network view P sep(sim(M, q)) (Millidge et al. 2022; DESIGN.md section 2).

describe('similarities (hand computations)', () => {
  it('dot, negative Euclidean and negative Manhattan', () => {
    expect(dotSimilarity([1, 2], [3, 4])).toBe(11);
    expect(dotSimilarity([1, -1, 1], [-1, -1, 1])).toBe(1);
    expect(negativeEuclidean([0, 0], [3, 4])).toBe(-5);
    expect(negativeEuclidean([1, 1, 1, 1], [0, 0, 0, 0])).toBe(-2);
    expect(negativeManhattan([0, 0], [3, -4])).toBe(-7);
    expect(negativeManhattan([1, 2, 3], [1, 2, 3])).toBe(-0);
  });
});

describe('separations (hand computations)', () => {
  it('identity, polynomial and max', () => {
    expect(Array.from(identitySeparation(Float64Array.of(1, -2)))).toEqual([1, -2]);
    expect(Array.from(polynomialSeparation(3)(Float64Array.of(2, -1, 0.5)))).toEqual([8, -1, 0.125]);
    expect(Array.from(polynomialSeparation(2)(Float64Array.of(-3)))).toEqual([9]);
    expect(Array.from(maxSeparation(Float64Array.of(1, 5, 2)))).toEqual([0, 1, 0]);
    expect(Array.from(maxSeparation(Float64Array.of(4, 4, 1)))).toEqual([1, 0, 0]); // first of ties
    expect(() => polynomialSeparation(0)).toThrow(/^degree:/);
    expect(() => softmaxSeparation(0)).toThrow(/^beta:/);
  });

  it('softmax: exp(beta x_i) / sum_j exp(beta x_j)', () => {
    // Hand: scores (0, ln 3) at beta = 1 -> (1, 3) / 4.
    const a = softmaxInPlace(Float64Array.of(0, Math.log(3)), 1);
    expect(a[0]).toBeCloseTo(0.25, 15);
    expect(a[1]).toBeCloseTo(0.75, 15);
    // beta = 2, scores (0, 1, 2): weights (1, e^2, e^4) / (1 + e^2 + e^4).
    const z = 1 + Math.exp(2) + Math.exp(4);
    const b = softmaxSeparation(2)(Float64Array.of(0, 1, 2));
    [1 / z, Math.exp(2) / z, Math.exp(4) / z].forEach((v, i) => expect(b[i]).toBeCloseTo(v, 15));
  });

  it('softmax at large beta equals max separation', () => {
    // With a gap of at least 0.1 between the top score and the rest, beta = 1e5 makes the other
    // weights exp(-1e4) = 0 in double precision.
    const scores = [0.3, -2, 1.7, 1.6, 0.9];
    const soft = softmaxSeparation(1e5)(Float64Array.from(scores));
    const hard = maxSeparation(Float64Array.from(scores));
    expect(Array.from(soft)).toEqual(Array.from(hard));
  });

  it('softmaxInPlace with huge scores does not overflow', () => {
    const a = softmaxInPlace(Float64Array.of(1000, 1000), 1);
    expect(Array.from(a)).toEqual([0.5, 0.5]);
    const b = softmaxInPlace(Float64Array.of(1e308, 1e308 - 1e293, -1e308), 10);
    for (const v of b) expect(Number.isFinite(v)).toBe(true);
    expect(b[0]).toBe(1);
    expect(b[2]).toBe(0);
    const c = softmaxInPlace(Float64Array.of(1e6, 1e6 + Math.log(3)), 1);
    expect(c[0]).toBeCloseTo(0.25, 9);
    expect(c[1]).toBeCloseTo(0.75, 9);
  });
});

describe('universalHopfieldRecall', () => {
  it('computes P sep(sim(M, q)) (hand example)', () => {
    // Memories (pattern-major, 3 x 2): (1, 0), (0, 1), (-1, 0); projections (3 x 1): 10, 20, 30.
    const memories = Float64Array.of(1, 0, 0, 1, -1, 0);
    const projection = Float64Array.of(10, 20, 30);
    const q = [0.9, 0.2];
    // dot sims (0.9, 0.2, -0.9): identity -> 9 + 4 - 27 = -14.
    expect(universalHopfieldRecall(memories, projection, 3, q, { similarity: dotSimilarity, separation: identitySeparation })[0]).toBeCloseTo(-14, 12);
    // max -> memory 0's projection.
    expect(Array.from(universalHopfieldRecall(memories, projection, 3, q, { similarity: negativeEuclidean, separation: maxSeparation }))).toEqual([10]);
    // softmax(beta = 1) over dot sims, by hand.
    const e = [Math.exp(0.9), Math.exp(0.2), Math.exp(-0.9)];
    const z = e[0]! + e[1]! + e[2]!;
    const expected = (10 * e[0]! + 20 * e[1]! + 30 * e[2]!) / z;
    expect(universalHopfieldRecall(memories, projection, 3, q, { similarity: dotSimilarity, separation: softmaxSeparation(1) })[0]).toBeCloseTo(expected, 13);
    // Auto-association with a 2-d projection: recall memory 1 from a nearby query.
    const auto = universalHopfieldRecall(memories, memories, 3, [0.1, 0.8], { similarity: negativeManhattan, separation: maxSeparation });
    expect(Array.from(auto)).toEqual([0, 1]);
  });
});
