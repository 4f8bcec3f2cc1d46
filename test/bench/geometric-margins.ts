import type { Patterns } from '../../node.js';
import { overlapMatrix } from '../../plasticity/index.js';

/**
 * Geometric margins `min_mu y_mu f(x_mu) / |w|` of every neuron of a recurrent network from its
 * coefficients and threshold (`f = sum_nu alpha_nu y_nu K_i(nu, .) - theta`, intercept outside
 * the norm), with `K_i = H - x_i x_i^T` from the overlaps, as the reference scripts
 * (`reference/svc_sklearn.py`, `linear_svc_sklearn.py`) compute theirs. A plain loop, independent
 * of the solvers it checks.
 *
 * @example
 * ```ts
 * const margins = geometricMargins(X, alpha, theta); // one per neuron
 * ```
 */
export function geometricMargins(X: Patterns, alpha: Float64Array, theta: Float64Array): Float64Array {
  const { count: m, dim: n } = X;
  const h = overlapMatrix(X);
  const c = new Float64Array(m);
  const margins = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const y = (mu: number): number => X.data[mu * n + i]!;
    for (let mu = 0; mu < m; mu++) c[mu] = alpha[i * m + mu]! * y(mu);
    let norm2 = 0;
    let minYf = Infinity;
    for (let mu = 0; mu < m; mu++) {
      let f = 0;
      for (let nu = 0; nu < m; nu++) f += c[nu]! * (h[nu * m + mu]! - y(nu) * y(mu));
      norm2 += c[mu]! * f;
      minYf = Math.min(minYf, y(mu) * (f - theta[i]!));
    }
    margins[i] = minYf / Math.sqrt(norm2);
  }
  return margins;
}
