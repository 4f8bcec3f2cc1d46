import { InvalidValueError, assertPositiveInteger } from '../src/errors.js';
import type { NeuronModel } from '../src/network/neuron-model.js';
import { randomBipolar } from '../src/patterns/generate.js';
import { sdmFeatureMap } from '../src/kernels/sdm-features.js';
import { sdmHypercube } from '../src/kernels/sdm-hypercube.js';

/** Options for {@link sdmNeuron}. */
export interface SdmNeuronOptions {
  /** Number of hard locations (random addresses) N_phi. */
  readonly locations: number;
  /** Activation radius r in bits: a location is active when within Hamming distance r of the input. */
  readonly radius: number;
}

/**
 * A Kanerva sparse-distributed-memory unit (Eq. 13) reading the other N - 1 neurons: N_phi
 * random bipolar addresses Z, Heaviside features `phi(x) = Theta(Z x - b)` (an `sdmFeatureMap`) with
 * `b = (N - 1) - 2r`, and weights `w = sum_mu alpha^mu xi_i^mu phi(xi^mu_{-i})`. The field is
 * `w . phi(s_{-i}) / N_phi - theta`, which tends to the infinite-SDM kernel network
 * (`sdmHypercube({ dim: N - 1, radius: r })`, Eq. 15-16) as N_phi grows: the kernel it declares
 * (`kernelFor`), so coefficients must be trained with it (linear coefficients are a typed error).
 *
 * @example
 * ```ts
 * const net = recurrentNetwork({ patterns: X, neuron: sdmNeuron({ locations: 2000, radius: 20 }), rng });
 * ```
 */
export function sdmNeuron(options: SdmNeuronOptions): NeuronModel {
  assertPositiveInteger('locations', options.locations);
  const { locations: nPhi, radius } = options;
  return {
    name: 'sdm',
    kernelFor: (size) => sdmHypercube({ dim: size - 1, radius }),
    initialize({ index, size: n, patterns, alpha, theta, rng }) {
      const d = n - 1;
      if (!Number.isInteger(radius) || radius < 0 || radius > d) throw new InvalidValueError('radius', `must be an integer in [0, ${d}], got ${radius}`, 'pass 0 <= radius <= N - 1');
      const bias = d - 2 * radius;
      const map = sdmFeatureMap({ addresses: randomBipolar({ count: nPhi, dim: d }, rng), bias });
      const others = Int32Array.from({ length: d }, (_, k) => (k < index ? k : k + 1));
      const input = new Int8Array(d);
      const gather = (source: ArrayLike<number>, base: number): Int8Array => {
        for (let q = 0; q < d; q++) input[q] = source[base + others[q]!]!;
        return input;
      };
      const { count: m, data } = patterns;
      const phi = new Uint8Array(nPhi);
      const w = new Float64Array(nPhi);
      for (let mu = 0; mu < m; mu++) {
        const a = alpha[mu]! * data[mu * n + index]!;
        if (a === 0) continue;
        map.features(gather(data, mu * n), phi);
        for (let k = 0; k < nPhi; k++) if (phi[k]) w[k]! += a;
      }
      // A location no stored pattern wrote to adds nothing to any field: read only the others.
      let used = 0;
      for (let k = 0; k < nPhi; k++) if (w[k] !== 0) used++;
      const addresses = new Int8Array(used * d);
      const weights = new Float64Array(used);
      const z = map.addresses.data;
      for (let k = 0, u = 0; k < nPhi; k++) {
        if (w[k] === 0) continue;
        addresses.set(z.subarray(k * d, (k + 1) * d), u * d);
        weights[u++] = w[k]!;
      }
      const written = sdmFeatureMap({ addresses: { kind: 'bipolar', count: used, dim: d, data: addresses }, bias });
      const out = new Uint8Array(used);
      return (s) => {
        written.features(gather(s, 0), out);
        let h = 0;
        for (let k = 0; k < used; k++) if (out[k]) h += weights[k]!;
        return h / nPhi - theta;
      };
    },
  };
}
