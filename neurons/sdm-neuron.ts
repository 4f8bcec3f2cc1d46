import { InvalidValueError, assertPositiveInteger } from '../src/errors.js';
import type { NeuronModel } from '../src/network/neuron-model.js';
import { randomBipolar } from '../src/patterns/generate.js';

/** Options for {@link sdmNeuron}. */
export interface SdmNeuronOptions {
  /** Number of hard locations (random addresses) N_phi. */
  readonly locations: number;
  /** Activation radius r in bits: a location is active when within Hamming distance r of the input. */
  readonly radius: number;
}

/**
 * A Kanerva sparse-distributed-memory unit (Eq. 13) reading the other N - 1 neurons: N_phi
 * random bipolar addresses Z, Heaviside features `phi(x) = Theta(Z x - b)` with
 * `b = (N - 1) - 2r`, and weights `w = sum_mu alpha^mu xi_i^mu phi(xi^mu_{-i})`. The field is
 * `w . phi(s_{-i}) / N_phi - theta`, which tends to the infinite-SDM kernel network
 * (`sdmHypercube({ dim: N - 1, radius: r })`, Eq. 15-16) as N_phi grows.
 *
 * @example
 * ```ts
 * const net = recurrentNetwork({ patterns: X, kernel: linear(), neuron: sdmNeuron({ locations: 2000, radius: 20 }), rng });
 * ```
 */
export function sdmNeuron(options: SdmNeuronOptions): NeuronModel {
  assertPositiveInteger('locations', options.locations);
  const { locations: nPhi, radius } = options;
  return {
    name: 'sdm',
    initialize({ index, size: n, patterns, alpha, theta, rng }) {
      const d = n - 1;
      if (!Number.isInteger(radius) || radius < 0 || radius > d) throw new InvalidValueError('radius', `must be an integer in [0, ${d}], got ${radius}`, 'pass 0 <= radius <= N - 1');
      const z = randomBipolar({ count: nPhi, dim: d }, rng).data;
      const bias = d - 2 * radius;
      const others = Int32Array.from({ length: d }, (_, k) => (k < index ? k : k + 1));
      const active = (read: (j: number) => number, k: number): boolean => {
        let h = 0;
        const base = k * d;
        for (let q = 0; q < d; q++) h += z[base + q]! * read(others[q]!);
        return h >= bias;
      };
      const { count: m, data } = patterns;
      const w = new Float64Array(nPhi);
      for (let mu = 0; mu < m; mu++) {
        const a = alpha[mu]! * data[mu * n + index]!;
        if (a === 0) continue;
        const base = mu * n;
        for (let k = 0; k < nPhi; k++) if (active((j) => data[base + j]!, k)) w[k]! += a;
      }
      return (s) => {
        let h = 0;
        for (let k = 0; k < nPhi; k++) {
          if (w[k] === 0) continue;
          let u = 0;
          const base = k * d;
          for (let q = 0; q < d; q++) u += z[base + q]! * s[others[q]!]!;
          if (u >= bias) h += w[k]!;
        }
        return h / nPhi - theta;
      };
    },
  };
}
