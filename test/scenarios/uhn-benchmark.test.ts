import { describe, expect, it } from 'vitest';
import { createRng, dotSimilarity, negativeEuclidean, negativeManhattan } from '../../node.js';
import { runScenario } from '../../src/scenario/run-scenario.js';
import { normalCdf } from '../../src/linalg/special.js';
import uhn from '../../scenarios/uhn-benchmark.js';
import {
  MIN_THRESHOLD_DIM, compare, comparisons, corrupt, errorThreshold, isCorrect, project, separationApplies, separationFunction, separationWeights,
  similarityScores, squaredError, uhnSeparations,
} from '../../scenarios/lib/uhn-protocol.js';
import { ParameterError } from '../../src/errors.js';

// Two memories m0 = (1, 0), m1 = (0, 2) and the query q = (1, 1); every expected value is worked by hand.
const M = Float64Array.of(1, 0, 0, 2);
const sums = Float64Array.of(1, 2);
const q = Float64Array.of(1, 1);
const scores = (kind: Parameters<typeof similarityScores>[0], query = q) => {
  const c = comparisons(2);
  compare(M, 2, 2, query, c);
  return Array.from(similarityScores(kind, c, 2, sums, query[0]! + query[1]!, new Float64Array(2)));
};

describe('UHN similarity functions against hand computations', () => {
  it('raw comparisons: m.q = (1, 2), ||q - m||^2 = (1, 2), ||q - m||_1 = (1, 2)', () => {
    const c = comparisons(2);
    compare(M, 2, 2, q, c);
    expect(Array.from(c.dot)).toEqual([1, 2]);
    expect(Array.from(c.sq)).toEqual([1, 2]);
    expect(Array.from(c.l1)).toEqual([1, 2]);
  });

  it('their forms: 1/d normalised -> (2/3, 1/3); normalised dot (m/sum m).(q/sum q) = (1/2, 1/2) -> (1/2, 1/2)', () => {
    for (const kind of ['manhattan', 'euclidean'] as const) {
      const s = scores(kind);
      expect(s[0]).toBeCloseTo(2 / 3, 15);
      expect(s[1]).toBeCloseTo(1 / 3, 15);
    }
    expect(scores('dot')).toEqual([0.5, 0.5]);
  });

  it("their outer beta cancels: beta * sim / sum(beta * sim) is the same for beta = 1 and 1000 (their general_update_rule, as a plain loop)", () => {
    const d = [3.7, 1.2, 8.9];
    const theirs = (beta: number) => {
      const s = d.map((x) => beta * (1 / x));
      const total = s.reduce((a, b) => a + b, 0);
      return s.map((x) => x / total);
    };
    const c = { dot: new Float64Array(3), sq: new Float64Array(3), l1: Float64Array.from(d) };
    const ours = Array.from(similarityScores('manhattan', c, 3, new Float64Array(3), 1, new Float64Array(3)));
    theirs(1).forEach((v, k) => expect(ours[k]).toBeCloseTo(v, 14));
    theirs(1000).forEach((v, k) => expect(ours[k]).toBeCloseTo(v, 14));
  });

  it("kmn's forms: -||q - m||_2 = (-1, -sqrt 2), -||q - m||_1 = (-1, -2), equal to kmn's similarity functions", () => {
    expect(scores('neg-euclidean')).toEqual([-1, -Math.SQRT2]);
    expect(scores('neg-manhattan')).toEqual([-1, -2]);
    // the one-pass comparison agrees with src/kernels/universal-hopfield.ts on random 784-pixel data
    const rng = createRng(9);
    const mem = Float64Array.from({ length: 3 * 784 }, () => rng.uniform());
    const query = Float64Array.from({ length: 784 }, () => rng.uniform());
    const c = comparisons(3);
    compare(mem, 784, 3, query, c);
    for (let mu = 0; mu < 3; mu++) {
      const m = mem.subarray(mu * 784, (mu + 1) * 784);
      expect(-Math.sqrt(c.sq[mu]!)).toBeCloseTo(negativeEuclidean(m, query), 10);
      expect(-c.l1[mu]!).toBeCloseTo(negativeManhattan(m, query), 10);
      expect(c.dot[mu]).toBeCloseTo(dotSimilarity(m, query), 10);
    }
  });

  it('a query equal to a memory: the limit of 1/d puts all weight on it (their code gives NaN); an all-zero query gives uniform dot scores', () => {
    expect(scores('manhattan', Float64Array.of(0, 2))).toEqual([0, 1]);
    expect(scores('euclidean', Float64Array.of(1, 0))).toEqual([1, 0]);
    expect(scores('dot', Float64Array.of(0, 0))).toEqual([0.5, 0.5]);
  });
});

describe('UHN separation functions against hand computations', () => {
  const s = () => Float64Array.of(2 / 3, 1 / 3);
  it('their normalised weights: identity (2/3, 1/3); x^2 -> (4/9, 1/9)/(5/9) = (0.8, 0.2); max (1, 0)', () => {
    const id = separationWeights(s(), separationFunction('identity', 1), true);
    expect(id[0]).toBeCloseTo(2 / 3, 15);
    const sq = separationWeights(s(), separationFunction('poly2', 1), true);
    expect(sq[0]).toBeCloseTo(0.8, 15);
    expect(sq[1]).toBeCloseTo(0.2, 15);
    expect(Array.from(separationWeights(s(), separationFunction('max', 1), true))).toEqual([1, 0]);
    const p10 = separationWeights(s(), separationFunction('poly10', 1), true);
    expect(p10[0]).toBeCloseTo(1024 / 1025, 14);
  });

  it('softmax(beta x) with beta = 3: weights e^2 / (e^2 + e^1) and e / (e^2 + e)', () => {
    const w = separationWeights(s(), separationFunction('softmax', 3), true);
    expect(w[0]).toBeCloseTo(Math.E ** 2 / (Math.E ** 2 + Math.E), 14);
    expect(w[1]).toBeCloseTo(Math.E / (Math.E ** 2 + Math.E), 14);
  });

  it('kmn forms are not renormalised: identity keeps the negative scores', () => {
    expect(Array.from(separationWeights(Float64Array.of(-1, -2), separationFunction('identity', 1), false))).toEqual([-1, -2]);
  });

  it('negative distances run with softmax and max only: x^2 on (-1, -sqrt 2) weights the farther m1 twice as much; softmax and max favour the nearer m0', () => {
    // q = (1, 1), m0 = (1, 0) at distance 1, m1 = (0, 2) at distance sqrt 2.
    const neg = () => Float64Array.from(scores('neg-euclidean'));
    const sq = separationWeights(neg(), separationFunction('poly2', 1), false);
    expect(sq[0]).toBeCloseTo(1, 15);
    expect(sq[1]).toBeCloseTo(2, 14); // the wrong way round: why the pair is not run
    expect(Array.from(separationWeights(neg(), separationFunction('max', 1), false))).toEqual([1, 0]);
    const soft = separationWeights(neg(), separationFunction('softmax', 2), false);
    expect(soft[0]).toBeGreaterThan(soft[1]!);
    // softmax is shift-invariant: the same weights as for the scores shifted by +5
    const shifted = separationWeights(Float64Array.from(scores('neg-euclidean'), (v) => v + 5), separationFunction('softmax', 2), false);
    expect(shifted[0]).toBeCloseTo(soft[0]!, 14);
    for (const sep of uhnSeparations) {
      expect(separationApplies('neg-euclidean', sep)).toBe(sep === 'softmax' || sep === 'max');
      expect(separationApplies('neg-manhattan', sep)).toBe(sep === 'softmax' || sep === 'max');
      expect(separationApplies('euclidean', sep)).toBe(true);
    }
  });

  it('projection z = sum w_mu m_mu: weights (0.8, 0.2) on m0, m1 give (0.8, 0.4)', () => {
    const z = project(M, 2, Float64Array.of(0.8, 0.2), new Float64Array(2));
    expect(z[0]).toBeCloseTo(0.8, 15);
    expect(z[1]).toBeCloseTo(0.4, 15);
  });
});

describe('the correctness criterion (their ERROR_THRESHOLD = 60 for 784 pixels, scaled by 784/dim)', () => {
  it('an output differing from the target by 1 in exactly 60 of 784 pixels is correct; 61 pixels is not', () => {
    const target = new Float64Array(784);
    const out = new Float64Array(784);
    for (let j = 0; j < 60; j++) out[j] = 1;
    expect(squaredError(target, out)).toBe(60);
    expect(isCorrect(squaredError(target, out), errorThreshold(784))).toBe(true);
    out[60] = 1;
    expect(isCorrect(squaredError(target, out), errorThreshold(784))).toBe(false);
  });

  it('256 pixels (16 x 16): the threshold is 60 * 784 / 256 = 183.75; non-finite errors are failures', () => {
    expect(errorThreshold(256)).toBe(183.75);
    expect(isCorrect(183.75, errorThreshold(256))).toBe(true);
    expect(isCorrect(183.8, errorThreshold(256))).toBe(false);
    expect(isCorrect(NaN, errorThreshold(784))).toBe(false);
  });

  it('refuses image sizes whose threshold cannot fail: 60 * 784 / dim >= dim, the largest squared error of a [0, 1] image (dim <= 216)', () => {
    // 196 pixels (14 x 14): threshold 240 > 196, so even an all-wrong output (error 196) would be "correct".
    const target = new Float64Array(196);
    const allWrong = new Float64Array(196).fill(1);
    expect(squaredError(target, allWrong)).toBe(196);
    expect(() => errorThreshold(196)).toThrow(ParameterError);
    expect(() => errorThreshold(196, 'factor')).toThrow(/^factor: gives 196-pixel images/);
    // The boundary, by a plain loop over sizes: refused exactly while 47040 / dim >= dim.
    for (let dim = 200; dim <= 230; dim++) {
      if (47040 / dim >= dim) expect(() => errorThreshold(dim)).toThrow(ParameterError);
      else expect(errorThreshold(dim)).toBe(47040 / dim);
    }
    expect(MIN_THRESHOLD_DIM).toBe(217);
  });
});

describe('UHN corruptions', () => {
  it('bottom mask: level 0.5 on 4 rows zeroes rows 2 and 3; level 0.1 on 28 rows zeroes rows floor(28 * 0.9) = 25 to 27', () => {
    const img = Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8);
    expect(Array.from(corrupt(img, 'bottom-mask', 0.5, 4, createRng(1), new Float64Array(8)))).toEqual([1, 2, 3, 4, 0, 0, 0, 0]);
    const digit = new Float64Array(784).fill(1);
    const out = corrupt(digit, 'bottom-mask', 0.1, 28, createRng(1), new Float64Array(784));
    expect(out.reduce((a, b) => a + b, 0)).toBe(25 * 28);
    expect(out[25 * 28 - 1]).toBe(1);
    expect(out[25 * 28]).toBe(0);
  });

  it('Gaussian: clamp(|0 + N(0, 0.5^2)|, 0, 1) has mean int_0^1 2(1 - Phi(t / 0.5)) dt (Monte Carlo, 4 SE)', () => {
    const n = 200_000;
    const out = corrupt(new Float64Array(n), 'gaussian', 0.5, n, createRng(2), new Float64Array(n));
    let mean = 0;
    let sq = 0;
    for (const v of out) { mean += v; sq += v * v; }
    mean /= n;
    const se = Math.sqrt((sq / n - mean * mean) / n);
    // E[min(X, 1)] = int_0^1 P(X > t) dt for X = 0.5 |Z|; midpoint rule with 10^4 steps (error ~1e-9)
    let expected = 0;
    for (let k = 0; k < 10_000; k++) expected += 2 * (1 - normalCdf((k + 0.5) / 10_000 / 0.5)) / 10_000;
    expect(Math.abs(mean - expected)).toBeLessThan(4 * se);
    expect(Math.max(...out.subarray(0, 1000))).toBeLessThanOrEqual(1);
  });

  it('random mask: the fraction of zeroed pixels is the level (binomial, 4 SE)', () => {
    const n = 100_000;
    const out = corrupt(new Float64Array(n).fill(1), 'random-mask', 0.3, n, createRng(3), new Float64Array(n));
    const zeroed = out.filter((v) => v === 0).length / n;
    expect(Math.abs(zeroed - 0.3)).toBeLessThan(4 * Math.sqrt((0.3 * 0.7) / n));
  });
});

describe('uhn-benchmark scenario (tiny)', () => {
  const options = {
    seed: 3, trials: 2,
    params: {
      counts: '2,10', separationCounts: '5,10', separations: 'identity,softmax,poly2,max', noiseLevels: '0,0.5', noiseCount: '10',
      maskFractions: '0.3', maskCount: '10', randomMaskFractions: '0.3', randomMaskCount: '10', gridCount: '10', gridImages: '2',
    },
  };

  it('runs, gives identical results on 1 and 2 workers, and uncorrupted L1/L2 queries are all retrieved', async () => {
    const one = await runScenario(uhn, { ...options, workers: 1 });
    const two = await runScenario(uhn, { ...options, workers: 2, moduleUrl: new URL('../../scenarios/uhn-benchmark.ts', import.meta.url).href });
    expect(two.result.rows).toEqual(one.result.rows);
    const rows = one.result.rows;
    // sigma = 0: the cue is the stored digit, at distance 0 from itself, so nearest-neighbour recall is exact
    for (const s of ['manhattan', 'euclidean', 'neg-manhattan', 'neg-euclidean']) {
      const r = rows.find((x) => x.experiment === 'noise' && x.similarity === s && x.level === 0)!;
      expect(r.fraction).toBe(1);
      expect(r.queries).toBe(20);
    }
    // every query is counted once: capacity cells hold runs x M queries
    expect(rows.find((x) => x.experiment === 'capacity' && x.stored === 10 && x.similarity === 'dot')!.queries).toBe(20);
    // max-separation agreement checks hold exactly
    expect(one.output.checks.filter((c) => c.claim.startsWith('max separation')).every((c) => c.pass)).toBe(true);
    // kmn's negative forms appear in the separation sweep with softmax and max only
    const negSeps = new Set(rows.filter((x) => x.experiment === 'separation' && String(x.similarity).startsWith('neg-')).map((x) => x.separation));
    expect([...negSeps].sort()).toEqual(['max', 'softmax']);
    expect(new Set(rows.filter((x) => x.experiment === 'separation' && x.similarity === 'manhattan').map((x) => x.separation)).size).toBe(4);
    const names = one.output.plots.map((p) => p.name);
    expect(names).toContain('capacity-by-similarity');
    expect(names).toContain('grid-gaussian');
    expect(names).toContain('grid-bottom-mask');
  });

  it('more runs than disjoint blocks fit in 10,000 digits is a ParameterError before any work', async () => {
    await expect(runScenario(uhn, { trials: 11, params: { counts: '1000' } })).rejects.toThrow(/disjoint runs/);
  });
});
