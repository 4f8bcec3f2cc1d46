import { InvalidValueError } from '../errors.js';
import type { Patterns } from '../patterns/pattern-set.js';
import type { Kernel } from './kernel.js';
import type { kernelMatrix } from './batch.js';

/**
 * The overlap matrix `H = X X^T` (M x M, row-major), computed once and shared by every neuron.
 *
 * @example
 * ```ts
 * const H = overlapMatrix(X); // H[mu * M + nu] = xi^mu . xi^nu
 * ```
 */
export function overlapMatrix(patterns: Patterns): Float64Array {
  const { count: m, dim: n, data } = patterns;
  const h = new Float64Array(m * m);
  const row = new Float64Array(n);
  for (let mu = 0; mu < m; mu++) {
    const a = mu * n;
    for (let j = 0; j < n; j++) row[j] = data[a + j]!;
    for (let nu = mu; nu < m; nu++) {
      const b = nu * n;
      let acc = 0;
      for (let j = 0; j < n; j++) acc += row[j]! * data[b + j]!;
      h[mu * m + nu] = acc;
      h[nu * m + mu] = acc;
    }
  }
  return h;
}

/**
 * Writes one neuron's kernel matrix into `out` from the shared overlaps in O(M^2):
 * with `removed` (component i of every pattern, or null) the kernel sees
 * `H - x_i x_i^T` (inner product) or `D2 - (x_i^mu - x_i^nu)^2` (distance), where `norms` is
 * the diagonal of H. Kernels with `logK` are evaluated as `exp(logK - max)`; returns that max
 * (the log scale). `bias` is added to every entry. On bipolar patterns every entry is exact
 * (integer overlaps), so this is how kmn builds `K(X, X)` for them (see {@link kernelMatrix}).
 *
 * @throws {@link InvalidValueError} for a non-finite entry (a kernel without `logK` that overflows).
 * @example
 * ```ts
 * const gram = new Float64Array(M * M);
 * const logScale = gramFromOverlaps(overlapMatrix(X), null, M, polynomial({ degree: 3 }), 0, gram); // K(X, X), logScale 0
 * ```
 */
export function gramFromOverlaps(h: Float64Array, removed: ArrayLike<number> | null, m: number, kernel: Kernel, bias: number, out: Float64Array): number {
  let logScale = 0;
  if (kernel.kind === 'inner-product') {
    const logK = kernel.logK;
    const k = kernel.k;
    let max = -Infinity;
    for (let mu = 0; mu < m; mu++) {
      const ti = removed ? removed[mu]! : 0;
      const row = mu * m;
      for (let nu = mu; nu < m; nu++) {
        const o = removed ? h[row + nu]! - ti * removed[nu]! : h[row + nu]!;
        const v = logK ? logK(o) : k(o);
        if (v > max) max = v;
        out[row + nu] = v;
      }
    }
    if (logK) {
      logScale = max;
      for (let mu = 0; mu < m; mu++) {
        const row = mu * m;
        for (let nu = mu; nu < m; nu++) out[row + nu] = Math.exp(out[row + nu]! - max);
      }
    }
  } else {
    const g2 = kernel.g2;
    for (let mu = 0; mu < m; mu++) {
      const row = mu * m;
      const hmm = h[row + mu]!;
      const ti = removed ? removed[mu]! : 0;
      for (let nu = mu; nu < m; nu++) {
        let d2 = hmm + h[nu * m + nu]! - 2 * h[row + nu]!;
        if (removed) {
          const d = ti - removed[nu]!;
          d2 -= d * d;
        }
        out[row + nu] = g2(d2 > 0 ? d2 : 0);
      }
    }
  }
  for (let mu = 0; mu < m; mu++) {
    const row = mu * m;
    for (let nu = mu; nu < m; nu++) {
      const v = out[row + nu]! + bias;
      if (!Number.isFinite(v)) {
        throw new InvalidValueError('kernel', `${kernel.name} kernel is ${v} at patterns (${mu}, ${nu})`, 'use a kernel with logK or rescale the patterns');
      }
      out[row + nu] = v;
      out[nu * m + mu] = v;
    }
  }
  return logScale;
}
