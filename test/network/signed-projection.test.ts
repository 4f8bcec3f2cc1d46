import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/rng/rng.js';
import { signTable, signedProject, signedProjectMany } from '../../src/network/signed-projection.js';

/** sum_mu w_mu x_mu,j in double-double (Neumaier's two-sum): error about u^2 sum |terms|, negligible here. */
function accurate(data: Float64Array, w: Float64Array, m: number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let s = 0;
    let c = 0;
    for (let mu = 0; mu < m; mu++) {
      const x = w[mu]! * data[mu * n + j]!; // exact: a sign change
      const t = s + x;
      c += Math.abs(s) >= Math.abs(x) ? (s - t) + x : (x - t) + s;
      s = t;
    }
    out[j] = s + c;
  }
  return out;
}

describe('signedProject: X^T w for +/-1 patterns by table lookup', () => {
  const rng = createRng('signed-projection');
  const shapes = [[1, 1], [7, 3], [8, 5], [31, 4], [32, 9], [33, 2], [100, 17], [257, 40]] as const;

  it('equals the plain sum exactly when every partial sum is exact (dyadic weights), for every shape and tail', () => {
    for (const [m, n] of shapes) {
      const data = Float64Array.from({ length: m * n }, () => (rng.uniform() < 0.5 ? -1 : 1));
      const w = Float64Array.from({ length: m }, () => (rng.int(2001) - 1000) / 64);
      const t = signTable(data, m, n)!;
      const out = new Float64Array(n + 3);
      signedProject(t, Float64Array.of(9, ...w), 1, out, 3);
      const plain = new Float64Array(n);
      for (let mu = 0; mu < m; mu++) for (let j = 0; j < n; j++) plain[j]! += w[mu]! * data[mu * n + j]!;
      expect(Array.from(out.subarray(3))).toEqual(Array.from(plain));
    }
  });

  it('is within its documented bound (M / 32 + 6) u sum |w| of the exact sum on real weights (softmax-like, many magnitudes)', () => {
    for (const [m, n] of shapes) {
      const data = Float64Array.from({ length: m * n }, () => (rng.uniform() < 0.5 ? -1 : 1));
      const w = Float64Array.from({ length: m }, () => Math.exp(20 * rng.uniform() - 10) * (rng.uniform() < 0.2 ? -1 : 1));
      const out = new Float64Array(n);
      signedProject(signTable(data, m, n)!, w, 0, out, 0);
      const exact = accurate(data, w, m, n);
      const abs = w.reduce((s, v) => s + Math.abs(v), 0);
      // Table entries: 3 + 1 rounded additions each (<= 4 u sum_block |w|); accumulation over
      // ceil(M / 32) groups of 3 additions: (M / 32 + 2) u sum |w|. Total below (M / 32 + 6) u sum |w|.
      const bound = (m / 32 + 6) * 2 ** -53 * abs;
      for (let j = 0; j < n; j++) expect(Math.abs(out[j]! - exact[j]!)).toBeLessThanOrEqual(bound);
    }
  });

  it('declines patterns with an entry other than +/-1', () => {
    expect(signTable(Float64Array.of(1, -1, 0.5, 1), 2, 2)).toBeNull();
    expect(signTable(Float64Array.of(1, -1, 0, 1), 2, 2)).toBeNull();
    expect(signTable(Int8Array.of(1, -1, -1, 1), 2, 2)?.groups).toBe(1);
  });
});
