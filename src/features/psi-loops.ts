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
 * `v` at the shifted projection `h + delta col` (the state with one coordinate changed), where
 * `col` holds that coordinate's column of `sqrt(beta) S` from `colBase`; the shifted projection
 * is written into `hOut`, so a flip that follows can adopt it without recomputing. O(Y).
 *
 * @example
 * ```ts
 * const vAlt = psiShifted(2, T, h, b, Y, St, i * Y, dx, hAlt);
 * ```
 */
export function psiShifted(code: number, T: Float64Array, h: Float64Array, b: Float64Array, y: number, col: Float64Array, colBase: number, delta: number, hOut: Float64Array): number {
  for (let k = 0; k < y; k++) hOut[k] = h[k]! + delta * col[colBase + k]!;
  return psiValue(code, T, hOut, b, y, null);
}
