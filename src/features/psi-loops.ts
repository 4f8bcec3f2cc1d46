// Typed-array loops of the random-feature memories: top-level functions over explicit arrays,
// one branch per feature kind chosen once per call (outside the loop), so each loop stays
// monomorphic. Kind codes: 0 cos, 1 sin-cos, 2 exp, 3 exp-exp.
import type { FeatureKind } from './random-features.js';

/**
 * The numeric code of a feature kind used by the loops (decided once, when a memory is built).
 *
 * @example
 * ```ts
 * kindCode('sin-cos'); // 1
 * ```
 */
export function kindCode(kind: FeatureKind): number {
  return kind === 'cos' ? 0 : kind === 'sin-cos' ? 1 : kind === 'exp' ? 2 : 3;
}

/**
 * `v = sum_k T . psi_k(h)` (without the norm factor and the constant), and `w = dv/dh` when `w`
 * is given: cos `T_k cos(h_k + b_k)`; sin-cos `T_k cos h_k + T_{Y+k} sin h_k`; exp
 * `T_k exp(h_k)`; exp-exp `T_k exp(h_k) + T_{Y+k} exp(-h_k)`.
 *
 * @example
 * ```ts
 * const v = psiValue(1, T, h, b, Y, w); // sin-cos
 * ```
 */
export function psiValue(code: number, T: Float64Array, h: Float64Array, b: Float64Array, y: number, w: Float64Array | null): number {
  let v = 0;
  if (code === 0) {
    for (let k = 0; k < y; k++) {
      const a = h[k]! + b[k]!;
      v += T[k]! * Math.cos(a);
      if (w) w[k] = -T[k]! * Math.sin(a);
    }
  } else if (code === 1) {
    for (let k = 0; k < y; k++) {
      const c = Math.cos(h[k]!);
      const s = Math.sin(h[k]!);
      v += T[k]! * c + T[y + k]! * s;
      if (w) w[k] = T[y + k]! * c - T[k]! * s;
    }
  } else if (code === 2) {
    for (let k = 0; k < y; k++) {
      const e = T[k]! * Math.exp(h[k]!);
      v += e;
      if (w) w[k] = e;
    }
  } else {
    for (let k = 0; k < y; k++) {
      const ep = T[k]! * Math.exp(h[k]!);
      const em = T[y + k]! * Math.exp(-h[k]!);
      v += ep + em;
      if (w) w[k] = ep - em;
    }
  }
  return v;
}

/**
 * The random-feature sums of one state as a pair (P, Q) per projection k, such that moving the
 * projection by `sigma Delta_k` (`sigma = +/-1`) gives the new sum `sum_k C_k P_k + sigma Sn_k Q_k`,
 * with `C = cos Delta, Sn = sin Delta` (trigonometric kinds: `P - iQ = (T_k - i T_{Y+k}) e^{ih}`, or
 * `T_k e^{i(h + b)}` for cos) or `C = cosh Delta, Sn = sinh Delta` (positive kinds:
 * `P = w+ + w-`, `Q = w+ - w-`, `w+ = T_k e^h`, `w- = T_{Y+k} e^-h`). Written into `P`, `Q`; returns `sum_k P_k`.
 *
 * @example
 * ```ts
 * const v = featurePairs(1, T, h, b, Y, P, Q); // sin-cos
 * ```
 */
export function featurePairs(code: number, T: Float64Array, h: Float64Array, b: Float64Array, y: number, P: Float64Array, Q: Float64Array): number {
  let v = 0;
  for (let k = 0; k < y; k++) {
    const hk = h[k]!;
    if (code === 0) {
      P[k] = T[k]! * Math.cos(hk + b[k]!);
      Q[k] = -T[k]! * Math.sin(hk + b[k]!);
    } else if (code === 1) {
      const c = Math.cos(hk);
      const s = Math.sin(hk);
      P[k] = T[k]! * c + T[y + k]! * s;
      Q[k] = T[y + k]! * c - T[k]! * s;
    } else {
      const wp = T[k]! * Math.exp(hk);
      const wm = code === 3 ? T[y + k]! * Math.exp(-hk) : 0;
      P[k] = wp + wm;
      Q[k] = wp - wm;
    }
    v += P[k]!;
  }
  return v;
}

/**
 * The sum after a move by `sigma Delta` (neuron i's column of tables `C`, `Sn` from `base`):
 * `sum_k C_k P_k + sigma Sn_k Q_k`. O(Y) multiply-adds, no transcendental function.
 *
 * @example
 * ```ts
 * const vAlt = movedSum(C, Sn, i * Y, P, Q, -s[i], Y);
 * ```
 */
export function movedSum(C: Float64Array, Sn: Float64Array, base: number, P: Float64Array, Q: Float64Array, sigma: number, y: number): number {
  let v = 0;
  for (let k = 0; k < y; k++) v += C[base + k]! * P[k]! + sigma * Sn[base + k]! * Q[k]!;
  return v;
}

/**
 * Applies the move to the pairs: `P' = C P + sigma Sn Q`, and `Q' = C Q - sigma Sn P` (a rotation,
 * trigonometric kinds) or `Q' = C Q + sigma Sn P` (hyperbolic, positive kinds). Returns `sum_k P'_k`,
 * equal bit for bit to {@link movedSum} of the same move (same products, same order).
 *
 * @example
 * ```ts
 * v = moveAll(C, Sn, i * Y, P, Q, sigma, Y, false);
 * ```
 */
export function moveAll(C: Float64Array, Sn: Float64Array, base: number, P: Float64Array, Q: Float64Array, sigma: number, y: number, hyperbolic: boolean): number {
  const qs = hyperbolic ? sigma : -sigma;
  let v = 0;
  for (let k = 0; k < y; k++) {
    const c = C[base + k]!;
    const sn = Sn[base + k]!;
    const p = P[k]!;
    const q = Q[k]!;
    const np = c * p + sigma * sn * q;
    P[k] = np;
    Q[k] = c * q + qs * sn * p;
    v += np;
  }
  return v;
}
