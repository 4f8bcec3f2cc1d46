import { assertPositive } from '../errors.js';
import type { InverseTemperatureOptions } from './elementwise.js';
import type { Lagrangian } from './lagrangian.js';

/**
 * The log-sum-exp Lagrangian `L(x) = (1/beta) ln sum_i exp(beta x_i)`, activation
 * `g = softmax(beta x)` (Krotov and Hopfield 2021, Model B). As the hidden layer of a fast-hidden
 * network with an identity visible layer, one Euler step with `dt = tau` is the modern Hopfield
 * update `v <- X^T softmax(beta X v)` (Ramsauer et al. 2021): kmn's `softmaxNetwork`. Since
 * softmax is the exponential kernel divided by a positive sum, the field has the sign of the
 * `exponential({ temperature: 1 / beta })` kernel field. Both value and activation are computed
 * shifted by `max x` (no overflow).
 *
 * @throws {@link InvalidValueError} unless `beta` is finite and > 0.
 * @example
 * ```ts
 * logSumExpLagrangian({ beta: 1 }).activation(Float64Array.of(0, Math.log(3)), new Float64Array(2)); // [0.25, 0.75]
 * ```
 */
export function logSumExpLagrangian(options: InverseTemperatureOptions = {}): Lagrangian {
  const beta = options.beta ?? 1;
  assertPositive('beta', beta);
  const maxOf = (x: Float64Array): number => {
    let m = -Infinity;
    for (let i = 0; i < x.length; i++) if (x[i]! > m) m = x[i]!;
    return m;
  };
  return {
    name: 'log-sum-exp',
    params: { beta },
    elementwise: false,
    value(x) {
      const m = maxOf(x);
      let s = 0;
      for (let i = 0; i < x.length; i++) s += Math.exp(beta * (x[i]! - m));
      return m + Math.log(s) / beta;
    },
    activation(x, out) {
      const m = maxOf(x);
      let s = 0;
      for (let i = 0; i < x.length; i++) {
        const e = Math.exp(beta * (x[i]! - m));
        out[i] = e;
        s += e;
      }
      for (let i = 0; i < x.length; i++) out[i]! /= s;
      return out;
    },
  };
}
