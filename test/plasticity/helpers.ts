/**
 * Independent reference computations for the plasticity tests. Nothing here uses kmn's
 * plasticity code: kernel matrices are evaluated pair by pair from the raw vectors, the SVM is
 * solved by enumerating active sets, and the dynamics are a plain asynchronous update loop.
 */
import type { Kernel, Patterns } from '../../node.js';

/** Kernel matrix of the rows of `x` (M x n), pair by pair. */
export function bruteGram(x: ArrayLike<number>, m: number, n: number, kernel: Kernel, skip = -1): Float64Array {
  const out = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    for (let b = 0; b < m; b++) {
      let acc = 0;
      for (let j = 0; j < n; j++) {
        if (j === skip) continue;
        const u = x[a * n + j]!;
        const v = x[b * n + j]!;
        acc += kernel.kind === 'inner-product' ? u * v : (u - v) * (u - v);
      }
      out[a * m + b] = kernel.kind === 'inner-product' ? kernel.k(acc) : kernel.g2(acc);
    }
  }
  return out;
}

/** Solves A z = b (A n x n row-major) by Gaussian elimination with partial pivoting; null if singular. */
export function gaussSolve(a: Float64Array, b: Float64Array, n: number): Float64Array | null {
  const m = Float64Array.from(a);
  const z = Float64Array.from(b);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]!) > Math.abs(m[p * n + c]!)) p = r;
    if (Math.abs(m[p * n + c]!) < 1e-12) return null;
    if (p !== c) {
      for (let k = 0; k < n; k++) [m[c * n + k], m[p * n + k]] = [m[p * n + k]!, m[c * n + k]!];
      [z[c], z[p]] = [z[p]!, z[c]!];
    }
    for (let r = c + 1; r < n; r++) {
      const f = m[r * n + c]! / m[c * n + c]!;
      for (let k = c; k < n; k++) m[r * n + k]! -= f * m[c * n + k]!;
      z[r]! -= f * z[c]!;
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = z[r]!;
    for (let k = r + 1; k < n; k++) s -= m[r * n + k]! * z[k]!;
    z[r] = s / m[r * n + r]!;
  }
  return z;
}

/**
 * The hard-margin SVM without threshold (Eq. 3), by brute force over active sets: the optimum
 * is the unique alpha >= 0 with `(Q alpha)_mu = 1` on its support S and `>= 1` off it, where
 * `Q = (y y^T) (.) K` (Cortes and Vapnik 1995, KKT conditions). Its margin is `1 / sqrt(sum alpha)`.
 * Exponential in M: for M <= 12.
 */
export function bruteForceSvm(gram: Float64Array, y: ArrayLike<number>, m: number): { alpha: Float64Array; margin: number } {
  const q = new Float64Array(m * m);
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) q[a * m + b] = y[a]! * y[b]! * gram[a * m + b]!;
  let best: { alpha: Float64Array; margin: number } | null = null;
  for (let mask = 1; mask < 1 << m; mask++) {
    const s: number[] = [];
    for (let k = 0; k < m; k++) if (mask & (1 << k)) s.push(k);
    const qs = new Float64Array(s.length * s.length);
    s.forEach((a, i) => s.forEach((b, j) => { qs[i * s.length + j] = q[a * m + b]!; }));
    const as = gaussSolve(qs, new Float64Array(s.length).fill(1), s.length);
    if (!as || as.some((v) => v < -1e-10)) continue;
    const alpha = new Float64Array(m);
    s.forEach((a, i) => { alpha[a] = Math.max(as[i]!, 0); });
    let ok = true;
    for (let b = 0; b < m && ok; b++) {
      let v = 0;
      for (let a = 0; a < m; a++) v += alpha[a]! * q[a * m + b]!;
      if (v < 1 - 1e-9) ok = false;
    }
    if (!ok) continue;
    const sum = alpha.reduce((p, v) => p + v, 0);
    const margin = 1 / Math.sqrt(sum);
    if (!best || margin > best.margin) best = { alpha, margin };
  }
  if (!best) throw new Error('not separable');
  return best;
}

/** Fields `h^mu = sum_nu alpha^nu y^nu K[nu, mu] - theta`, from scratch. */
export function fieldsFrom(gram: Float64Array, y: ArrayLike<number>, alpha: ArrayLike<number>, theta: number, m: number): Float64Array {
  const h = new Float64Array(m);
  for (let mu = 0; mu < m; mu++) {
    let s = -theta;
    for (let nu = 0; nu < m; nu++) s += alpha[nu]! * y[nu]! * gram[nu * m + mu]!;
    h[mu] = s;
  }
  return h;
}

/**
 * Asynchronous dynamics of Eq. 12 by brute force: neuron i (random permutation sweeps) sets
 * `s_i = sgn(sum_mu alpha_i^mu xi_i^mu K(xi^mu_{-i}, s_{-i}) - theta_i)` with sgn(0) = +1, each
 * kernel value computed from the raw vectors. Returns the final state and whether a sweep
 * ended without any flip (a fixed point).
 */
export function runAsynchronous(patterns: Patterns, kernel: Kernel, alpha: Float64Array, theta: Float64Array, cue: ArrayLike<number>, maxSweeps: number, order: (n: number) => Int32Array): { state: Int8Array; fixed: boolean; flips: number } {
  const { count: m, dim: n, data } = patterns;
  const s = Int8Array.from(cue);
  let flips = 0;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let changed = 0;
    for (const i of order(n)) {
      let field = -theta[i]!;
      for (let mu = 0; mu < m; mu++) {
        let acc = 0;
        for (let j = 0; j < n; j++) {
          if (j === i) continue;
          const u = data[mu * n + j]!;
          acc += kernel.kind === 'inner-product' ? u * s[j]! : (u - s[j]!) * (u - s[j]!);
        }
        const kv = kernel.kind === 'inner-product' ? kernel.k(acc) : kernel.g2(acc);
        field += alpha[i * m + mu]! * data[mu * n + i]! * kv;
      }
      const next = field >= 0 ? 1 : -1;
      if (next !== s[i]) {
        s[i] = next;
        changed++;
      }
    }
    flips += changed;
    if (changed === 0) return { state: s, fixed: true, flips };
  }
  return { state: s, fixed: false, flips };
}

/** Number of bipolar dichotomies of M points in general position in n dimensions that a homogeneous linear separator realises (Cover 1965): `2 sum_{k<n} C(M-1, k)`, as a fraction of `2^M`. */
export function coverFraction(m: number, n: number): number {
  let sum = 0;
  let binom = 1;
  for (let k = 0; k < n && k <= m - 1; k++) {
    sum += binom;
    binom = (binom * (m - 1 - k)) / (k + 1);
  }
  return (2 * sum) / 2 ** m;
}
