import type { ContinuousNetwork } from '../src/network/continuous-network.js';

/** One neuron of a continuous network: its next state as a function of the whole state. */
export interface ContinuousUnit {
  /** The coordinate i this unit computes. */
  readonly index: number;
  /** `s_i' = sum_mu xi_i^mu c^mu(s)`, where `c(s)` are the network's pattern weights. */
  output(state: ArrayLike<number>): number;
}

/**
 * Neuron i of a continuous network, as a unit: the interpolation unit of Property 4 when the
 * network is an `interpolationNetwork` (`c = K^-1 K(X, s)`, Eq. 20), the softmax unit when it is
 * a `softmaxNetwork` (`c = softmax(beta X^T s)`). Each unit reads the weights its network
 * computes, so N units cost N weight evaluations: use the network's `step` for whole updates.
 *
 * @example
 * ```ts
 * const net = interpolationNetwork({ patterns: X, kernel: expBeta({ r: 3, beta: 2 }) });
 * continuousUnit(net, 4).output(s) === net.step(s)[4]; // true
 * ```
 */
export function continuousUnit(network: ContinuousNetwork, index: number): ContinuousUnit {
  const { count: m, dim: n, data } = network.patterns;
  const c = new Float64Array(m);
  return {
    index,
    output(state) {
      network.weights(state, c);
      let v = 0;
      for (let mu = 0; mu < m; mu++) v += data[mu * n + index]! * c[mu]!;
      return v;
    },
  };
}
