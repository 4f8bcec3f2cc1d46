import { InvalidValueError } from '../errors.js';
import type { Patterns } from '../patterns/pattern-set.js';

/**
 * A finite SDM feature map `phi(x) = Theta(Z x - b)` (Eq. 13) with `Theta(0) = 1`: feature `k`
 * is 1 when address `z_k` has overlap at least `b` with the input. On the hypercube
 * `b = N - 2r` makes that "z_k within Hamming distance r of x".
 */
export interface SdmFeatureMap {
  /** The addresses Z, one per row (N_phi of them). */
  readonly addresses: Patterns;
  /** The bias b. */
  readonly bias: number;
  /** N_phi. */
  readonly size: number;
  /** Writes `phi(x)` into `out` (length N_phi) and returns it. */
  features(x: ArrayLike<number>, out?: Uint8Array): Uint8Array;
}

/**
 * Builds the finite SDM feature map over the given addresses. As `N_phi` grows,
 * `phi(x) . phi(y) / N_phi` tends to the SDM kernel (Eq. 15).
 *
 * @example
 * ```ts
 * const Z = randomBipolar({ count: 10_000, dim: 32 }, rng);
 * const phi = sdmFeatureMap({ addresses: Z, bias: 32 - 2 * 12 });
 * sdmKernelEstimate(phi, x, y); // close to sdmHypercube({ dim: 32, radius: 12 })
 * ```
 */
export function sdmFeatureMap(options: { addresses: Patterns; bias: number }): SdmFeatureMap {
  const { addresses, bias } = options;
  if (!Number.isFinite(bias)) throw new InvalidValueError('bias', `is ${bias}`, 'pass a finite bias');
  const { count, dim, data } = addresses;
  return {
    addresses,
    bias,
    size: count,
    features(x, out = new Uint8Array(count)) {
      for (let k = 0; k < count; k++) {
        const base = k * dim;
        let h = 0;
        for (let j = 0; j < dim; j++) h += data[base + j]! * x[j]!;
        out[k] = h >= bias ? 1 : 0;
      }
      return out;
    },
  };
}

/**
 * The finite-SDM kernel estimate `phi(x) . phi(y) / N_phi` (Eq. 15 before the limit).
 *
 * @example
 * ```ts
 * sdmKernelEstimate(phi, x, x); // fraction of addresses active for x
 * ```
 */
export function sdmKernelEstimate(map: SdmFeatureMap, x: ArrayLike<number>, y: ArrayLike<number>): number {
  const fx = map.features(x);
  const fy = map.features(y);
  let both = 0;
  for (let k = 0; k < map.size; k++) both += fx[k]! & fy[k]!;
  return both / map.size;
}
