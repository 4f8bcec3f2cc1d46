import { describe, expect, it } from 'vitest';
import { InvalidValueError, bipolarPatterns, createRng, flipBits, kernelValue, patternRow, randomBipolar, sdmHypercube, sdmHypercubeLogTable } from '../../node.js';

// Independent references for the SDM kernel on the hypercube (Property 3.1, Eq. 16).

/** Number of set bits of a 32-bit integer. */
function popcount(v: number): number {
  let c = 0;
  while (v !== 0) {
    v &= v - 1;
    c++;
  }
  return c;
}

/**
 * Brute force over all 2^n addresses z. x = all +1 (encoded as bitmask 0), y differs from x in
 * its first `delta` bits (bitmask (1 << delta) - 1); a set bit of z is a mismatch with x.
 * Returns counts[delta][r] = #{z : d(z, x) <= r and d(z, y) <= r}.
 */
function bruteForceCounts(n: number): number[][] {
  const counts: number[][] = [];
  for (let delta = 0; delta <= n; delta++) {
    const mask = (1 << delta) - 1;
    const hist = new Array<number>(n + 1).fill(0); // hist[m] = #{z : max(d(z,x), d(z,y)) = m}
    for (let z = 0; z < 1 << n; z++) hist[Math.max(popcount(z), popcount(z ^ mask))]!++;
    const cumulative: number[] = [];
    let acc = 0;
    for (let r = 0; r <= n; r++) {
      acc += hist[r]!;
      cumulative.push(acc);
    }
    counts.push(cumulative);
  }
  return counts;
}

/** Exact binomial coefficient as a BigInt; 0 outside 0 <= k <= n (as Eq. 16 needs). */
function binom(n: number, k: number): bigint {
  if (k < 0 || k > n || n < 0) return 0n;
  let num = 1n;
  let den = 1n;
  const kk = Math.min(k, n - k);
  for (let t = 0; t < kk; t++) {
    num *= BigInt(n - t);
    den *= BigInt(t + 1);
  }
  return num / den;
}

/**
 * Literal transcription of the paper's Eq. 16 (numerator, i.e. times 2^N), exact in BigInt:
 * sum_{i = N - r - floor(Delta/2)}^{N - Delta} sum_{j = [N - r - i]_+}^{Delta - (N - r - i)} C(N - Delta, i) C(Delta, j).
 */
function eq16Count(n: number, r: number, delta: number): bigint {
  let total = 0n;
  for (let i = n - r - Math.floor(delta / 2); i <= n - delta; i++) {
    for (let j = Math.max(0, n - r - i); j <= delta - (n - r - i); j++) total += binom(n - delta, i) * binom(delta, j);
  }
  return total;
}

/** Natural log of a positive BigInt, to double precision (top 53 bits plus the exponent). */
function bigLog(v: bigint): number {
  const bits = v.toString(2).length;
  const shift = Math.max(0, bits - 53);
  return Math.log(Number(v >> BigInt(shift))) + shift * Math.LN2;
}

/** num / den as a double, for huge BigInts (via logs; relative error ~1e-14 here). */
function ratio(num: bigint, den: bigint): number {
  return num === 0n ? 0 : Math.exp(bigLog(num) - bigLog(den));
}

describe('sdmHypercubeLogTable (Eq. 16)', () => {
  it('equals a brute-force count over all 2^N addresses for every N <= 14, r and Delta', () => {
    // Reference: enumerate every address z in {+-1}^N and count those within Hamming distance r
    // of both x and y (Sec. 3.3), divided by 2^N. Integers below 2^14 are exact in double, so the
    // only error is the log-space summation: relative 1e-12.
    for (let n = 1; n <= 14; n++) {
      const counts = bruteForceCounts(n);
      for (let r = 0; r <= n; r++) {
        const table = sdmHypercubeLogTable({ dim: n, radius: r });
        expect(table.length).toBe(n + 1);
        for (let delta = 0; delta <= n; delta++) {
          const expected = counts[delta]![r]! / 2 ** n;
          const got = Math.exp(table[delta]!);
          if (expected === 0) expect(got).toBe(0);
          else expect(Math.abs(got - expected) / expected).toBeLessThan(1e-12);
        }
      }
      // Property of the count (found by the brute force, provable by pairing the differing bits):
      // an odd distance 2m - 1 has the same overlap as the even distance 2m.
      for (let m = 1; 2 * m <= n; m++) expect(counts[2 * m - 1]).toEqual(counts[2 * m]);
    }
  });

  it('equals a literal transcription of the paper\'s Eq. 16 (exact BigInt sums), also at N = 60', () => {
    // Reference: Eq. 16 as printed, with exact integer binomials; checks both the code and that
    // the printed equation is the same count as the brute force (small N) .
    for (const n of [5, 9, 14]) {
      const counts = bruteForceCounts(n);
      for (let r = 0; r <= n; r++) for (let delta = 0; delta <= n; delta++) expect(Number(eq16Count(n, r, delta))).toBe(counts[delta]![r]!);
    }
    const n = 60;
    const twoN = 1n << BigInt(n);
    for (const r of [0, 7, 20, 29, 30, 45, 60]) {
      const table = sdmHypercubeLogTable({ dim: n, radius: r });
      for (let delta = 0; delta <= n; delta++) {
        const expected = ratio(eq16Count(n, r, delta), twoN);
        const got = Math.exp(table[delta]!);
        if (expected === 0) expect(got).toBe(0);
        else expect(Math.abs(got - expected) / expected).toBeLessThan(1e-11);
      }
    }
  });

  it('K(Delta = 0) is the binomial tail P(Bin(N, 1/2) <= r) and no value overflows at N = 3000', () => {
    // Reference: at Delta = 0 both balls coincide, so K = sum_{k <= r} C(N, k) / 2^N (exact BigInt).
    const n = 3000;
    const r = 1450;
    const table = sdmHypercubeLogTable({ dim: n, radius: r });
    let tail = 0n;
    for (let k = 0; k <= r; k++) tail += binom(n, k);
    const expected = ratio(tail, 1n << BigInt(n));
    expect(Math.abs(Math.exp(table[0]!) - expected) / expected).toBeLessThan(1e-10);
    for (const v of table) expect(Number.isNaN(v) || v === Infinity).toBe(false);
    // Monotone: the overlap of two balls shrinks as their centres move apart (geometric fact).
    // Consecutive values can be equal (K(2m - 1) = K(2m), see the brute-force test), so allow the
    // log-space rounding of ~1e-12 accumulated over r terms: 1e-10.
    for (let d = 1; d <= n; d++) expect(table[d]!).toBeLessThanOrEqual(table[d - 1]! + 1e-10);
    // Balls of radius r are disjoint once Delta > 2r.
    expect(sdmHypercubeLogTable({ dim: 20, radius: 4 })[9]).toBe(-Infinity);
  });

  it('rejects a radius outside [0, dim] naming the parameter', () => {
    expect(() => sdmHypercubeLogTable({ dim: 10, radius: 11 })).toThrow(InvalidValueError);
    expect(() => sdmHypercubeLogTable({ dim: 10, radius: 2.5 })).toThrow(/radius/);
    expect(() => sdmHypercubeLogTable({ dim: 0, radius: 0 })).toThrow(/dim/);
  });
});

describe('sdmHypercube kernel on bipolar vectors', () => {
  it('kernelValue(x, y) with Hamming distance Delta equals the brute-force count', () => {
    // Reference: brute force as above; inputs are random bipolar x and y = x with exactly Delta
    // bits flipped, so ||x - y||^2 / 4 = Delta.
    const n = 12;
    const counts = bruteForceCounts(n);
    const rng = createRng(2024);
    const x = patternRow(randomBipolar({ count: 1, dim: n }, rng), 0);
    for (const r of [2, 4, 6, 9]) {
      const K = sdmHypercube({ dim: n, radius: r });
      expect(K.kind).toBe('distance');
      for (let delta = 0; delta <= n; delta++) {
        const y = flipBits(x, delta / n, rng);
        const expected = counts[delta]![r]! / 2 ** n;
        expect(kernelValue(K, x, y)).toBeCloseTo(expected, 14);
        expect(kernelValue(K, y, x)).toBeCloseTo(expected, 14);
      }
    }
    // A 2-point sanity check by hand: N = 2, r = 1, x = (1, 1), y = (1, -1): addresses within 1 bit
    // of both are (1, 1) and (1, -1), so K = 2 / 4.
    const X = bipolarPatterns(Int8Array.of(1, 1, 1, -1), { count: 2, dim: 2 });
    expect(kernelValue(sdmHypercube({ dim: 2, radius: 1 }), patternRow(X, 0), patternRow(X, 1))).toBeCloseTo(0.5, 15);
  });
});
