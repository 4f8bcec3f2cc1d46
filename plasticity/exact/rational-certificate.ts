/**
 * An exact certificate that points are NOT strictly separable through the origin (Gordan's
 * alternative): weights `v_k = numerators[k] / denominator >= 0`, summing to 1, with
 * `sum_k v_k y_k phi(x_k) = 0`. With sides (the intercept case), the weights sum to 1 within each
 * class, so `sum_{y=+1} v_k phi(x_k) = sum_{y=-1} v_k phi(x_k)` is a point of both class hulls:
 * no hyperplane with any intercept separates the classes strictly.
 */
export interface FarkasCertificate {
  /** Point indices (the corral). */
  readonly indices: Int32Array;
  /** Numerators of the weights, one per index. */
  readonly numerators: readonly bigint[];
  /** Common denominator (> 0). */
  readonly denominator: bigint;
}

/**
 * The exact Farkas (Gordan) certificate behind a corral whose affine hull holds the origin, or
 * null. Solves the bordered system `[G 1; 1^T 0] [v; nu] = [0; 1]` over the integers (fraction-free
 * Gauss-Jordan elimination, Bareiss 1968, in BigInt) for the signed kernel matrix
 * `G_kl = y_k y_l K_kl` of the corral, checks the solution by substitution, and accepts it when
 * `nu = 0` (so `G v = 0`, hence `|sum v_k a_k|^2 = v^T G v = 0` for a positive semi-definite
 * kernel) and every `v_k >= 0`. Needs integer kernel entries (safe integers, below 2^53 in magnitude) (linear and
 * integer-offset polynomial kernels on bipolar patterns); returns null otherwise, or when the
 * bordered matrix is singular or the weights are not all non-negative.
 *
 * With `sides` (the labels `+/-1` of the corral points; the intercept case of `NearestHullsSolver`)
 * the border has one column per class, `[G E; E^T 0] [v; nu] = [0; 1; 1]` with `E = [e_+ e_-]`,
 * and the certificate needs `nu = 0`.
 *
 * @example
 * ```ts
 * // a = (1) and (-1): 0 = a1/2 + a2/2
 * const cert = farkasCertificate((k, l) => (k === l ? 1 : -1), [0, 1])!;
 * cert.numerators.map((v) => Number(v) / Number(cert.denominator)); // [0.5, 0.5]
 * ```
 */
export function farkasCertificate(signedGram: (k: number, l: number) => number, corral: ArrayLike<number>, sides?: ArrayLike<number>): FarkasCertificate | null {
  const s = corral.length;
  const n = s + (sides ? 2 : 1);
  // Border column r (0: e_+, or all ones without sides; 1: e_-) holds 1 at point k on that side.
  const border = (k: number, r: number): number => (!sides || (sides[k]! > 0 ? 0 : 1) === r ? 1 : 0);
  const A: bigint[][] = [];
  for (let i = 0; i < n; i++) {
    const row: bigint[] = [];
    for (let j = 0; j < n; j++) {
      let v: number;
      if (i < s && j < s) v = signedGram(corral[i]!, corral[j]!);
      else if (i < s) v = border(i, j - s);
      else if (j < s) v = border(j, i - s);
      else v = 0;
      if (!Number.isSafeInteger(v)) return null;
      row.push(BigInt(v));
    }
    row.push(i >= s ? 1n : 0n);
    A.push(row);
  }
  const original = A.map((r) => r.slice());
  let prev = 1n;
  for (let k = 0; k < n; k++) {
    let p = k;
    while (p < n && A[p]![k] === 0n) p++;
    if (p === n) return null;
    if (p !== k) [A[p], A[k]] = [A[k]!, A[p]!];
    const rk = A[k]!;
    const pivot = rk[k]!;
    for (let i = 0; i < n; i++) {
      if (i === k) continue;
      const ri = A[i]!;
      const f = ri[k]!;
      for (let j = 0; j <= n; j++) {
        if (j === k) continue;
        ri[j] = (pivot * ri[j]! - f * rk[j]!) / prev;
      }
      ri[k] = 0n;
    }
    prev = pivot;
  }
  // Every diagonal entry now equals the determinant `prev`: x_i = A[i][n] / prev.
  let det = prev;
  let num = A.map((r) => r[n]!);
  if (det < 0n) {
    det = -det;
    num = num.map((x) => -x);
  }
  for (let i = 0; i < n; i++) {
    let sum = 0n;
    for (let j = 0; j < n; j++) sum += original[i]![j]! * num[j]!;
    if (sum !== original[i]![n]! * det) return null;
  }
  for (let r = s; r < n; r++) if (num[r] !== 0n) return null;
  const numerators = num.slice(0, s);
  if (numerators.some((x) => x < 0n)) return null;
  return { indices: Int32Array.from(corral), numerators, denominator: det };
}
