import { InvalidValueError, ShapeError } from '../errors.js';
import { assertLength } from '../patterns/pattern-set.js';

/** A recurrent network's learned parameters as its engines read them. */
export interface StoredCoefficients {
  /** `c[i * M + mu] = alpha_i^mu xi_i^mu`, or null when A = 1 (c = xi, nothing to store). */
  readonly c: Float64Array | null;
  /** Thresholds theta_i (length N). */
  readonly theta: Float64Array;
}

/**
 * Checks coefficients A (N x M, neuron-major) and thresholds (length N) completely, then builds
 * the stored form: only `c = alpha xi` is kept (8 bytes per entry; `alpha = c xi` is recovered
 * exactly since xi = +/-1), and nothing at all when A = 1. Omitted parts keep `previous`.
 * Nothing is written before every entry has been checked, so a rejected call changes nothing.
 *
 * @throws {@link ShapeError} for wrong lengths; {@link InvalidValueError} for non-finite entries.
 * @example
 * ```ts
 * stored = storeCoefficients({ alpha, theta }, neuronMajor(X), stored);
 * ```
 */
export function storeCoefficients(given: { readonly alpha?: Float64Array | undefined; readonly theta?: Float64Array | undefined }, xi: Int8Array, previous: StoredCoefficients): StoredCoefficients {
  const { alpha, theta } = given;
  const n = previous.theta.length;
  const m = n === 0 ? 0 : xi.length / n;
  let ones = true;
  if (alpha) {
    if (alpha.length !== n * m) throw new ShapeError('alpha', `has ${alpha.length} entries, expected N x M = ${n} x ${m}`, 'pass alpha neuron-major, alpha[i * M + mu]');
    for (let k = 0; k < alpha.length; k++) {
      const v = alpha[k]!;
      if (!Number.isFinite(v)) throw new InvalidValueError('alpha', `entry ${k} is ${v}`, 'pass finite coefficients');
      if (v !== 1) ones = false;
    }
  }
  if (theta) {
    assertLength('theta', theta, n);
    for (let k = 0; k < n; k++) if (!Number.isFinite(theta[k]!)) throw new InvalidValueError('theta', `entry ${k} is ${theta[k]}`, 'pass finite thresholds');
  }
  let c = previous.c;
  if (alpha) {
    c = ones ? null : new Float64Array(n * m);
    if (c) for (let k = 0; k < n * m; k++) c[k] = alpha[k]! * xi[k]!;
  }
  return { c, theta: theta ? Float64Array.from(theta) : previous.theta };
}

/**
 * Neuron i's row of A (length M) from the stored form: ones when A = 1.
 *
 * @example
 * ```ts
 * const row = alphaRow(stored, neuronMajor(X), 0, X.count);
 * ```
 */
export function alphaRow(stored: StoredCoefficients, xi: Int8Array, i: number, m: number): Float64Array {
  const row = new Float64Array(m).fill(1);
  const c = stored.c;
  if (c) for (let mu = 0; mu < m; mu++) row[mu] = c[i * m + mu]! * xi[i * m + mu]!;
  return row;
}
