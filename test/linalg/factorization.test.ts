import { describe, expect, it } from 'vitest';
import { SingularMatrixError } from '../../src/errors.js';
import { SINGULAR_TOLERANCE, factorize } from '../../src/linalg/factorization.js';

describe('factorize: one singularity tolerance for Cholesky and LU', () => {
  it('solves a positive-definite system by Cholesky, and a non-symmetric one by LU (checked by multiplying back)', () => {
    const spd = Float64Array.of(4, 2, 0, 2, 3, 1, 0, 1, 2);
    const ns = Float64Array.of(0, 2, 1, 1, 1, 0, 3, 0, 1); // zero first pivot: needs row exchanges
    for (const [a, method] of [[spd, 'cholesky'], [ns, 'lu']] as const) {
      const f = factorize(a, 3, 'A');
      expect(f.method).toBe(method);
      const b = [1, -2, 0.5];
      const x = f.solve(b, new Float64Array(3));
      for (let i = 0; i < 3; i++) expect(a[i * 3]! * x[0]! + a[i * 3 + 1]! * x[1]! + a[i * 3 + 2]! * x[2]!).toBeCloseTo(b[i]!, 12);
    }
  });

  it('a Gram matrix whose third vector is the sum of the first two is singular, naming that row; a nearly dependent one is not', () => {
    // Vectors u, v, w = u + v + eps z: the Cholesky pivot of w is |eps z_perp|^2 / |w|^2 of its diagonal.
    const gram = (eps: number): Float64Array => {
      const vs = [[1, 0, 0, 1], [0, 1, 1, 0], [1, 1, 1, 1 + eps]];
      return Float64Array.from({ length: 9 }, (_, k) => vs[Math.floor(k / 3)]!.reduce((acc, x, j) => acc + x * vs[k % 3]![j]!, 0));
    };
    expect(() => factorize(gram(0), 3, 'K', { positiveDefinite: true })).toThrow(SingularMatrixError);
    expect(() => factorize(gram(0), 3, 'K', { positiveDefinite: true, fix: 'drop it' })).toThrow(/^K: .*row 2.*drop it/);
    // eps^2 (1/2) / (4 + 2 eps) > 1e-10 at eps = 1e-3: clearly regular.
    expect(factorize(gram(1e-3), 3, 'K', { positiveDefinite: true }).method).toBe('cholesky');
    // At eps = 1e-6 the pivot ratio is ~1.25e-13 < SINGULAR_TOLERANCE: singular to working precision.
    expect(1.25e-13).toBeLessThan(SINGULAR_TOLERANCE);
    expect(() => factorize(gram(1e-6), 3, 'K', { positiveDefinite: true })).toThrow(SingularMatrixError);
  });

  it('a symmetric indefinite matrix goes to LU, or is an error when positive definiteness is required', () => {
    const indefinite = Float64Array.of(1, 2, 2, 1);
    expect(factorize(indefinite, 2, 'A').method).toBe('lu');
    expect(() => factorize(indefinite, 2, 'A', { positiveDefinite: true })).toThrow(/not positive definite/);
  });
});
