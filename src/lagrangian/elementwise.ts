import { InvalidValueError, assertPositive } from '../errors.js';
import type { Lagrangian } from './lagrangian.js';

/**
 * The identity Lagrangian `L(x) = (1/2) sum_i x_i^2`, activation `g_i = x_i` (Krotov and Hopfield
 * 2021, Model A's visible layer). As the hidden layer of a fast-hidden network it gives the
 * classical Hopfield field `sum_mu xi^mu (xi^mu . v)`: kmn's `linear()` kernel.
 *
 * @example
 * ```ts
 * identityLagrangian().activation(Float64Array.of(-1, 2), new Float64Array(2)); // [-1, 2]
 * ```
 */
export function identityLagrangian(): Lagrangian {
  return {
    name: 'identity',
    params: {},
    elementwise: true,
    value(x) {
      let s = 0;
      for (let i = 0; i < x.length; i++) s += x[i]! * x[i]!;
      return s / 2;
    },
    activation(x, out) {
      for (let i = 0; i < x.length; i++) out[i] = x[i]!;
      return out;
    },
  };
}

/** Options for {@link rectifiedPolynomialLagrangian}. */
export interface RectifiedPolynomialLagrangianOptions {
  /** Degree n > 1 of the Lagrangian (the activation has degree n - 1); need not be an integer. */
  readonly degree: number;
}

/**
 * The rectified polynomial ("rectified power unit") Lagrangian `L(x) = (1/n) sum_i max(x_i, 0)^n`,
 * activation `g_i = max(x_i, 0)^(n - 1)`; n = 2 is the ReLU. As the hidden layer of a fast-hidden
 * network it gives the dense associative memory `E = -(1/n) sum_mu F(xi^mu . v)`, `F(x) =
 * max(x, 0)^n` (Krotov and Hopfield 2016; 2021, Model A), whose field is kmn's
 * `rectifiedPolynomial({ degree: n - 1 })` kernel.
 *
 * @throws {@link InvalidValueError} unless `degree` is finite and > 1.
 * @example
 * ```ts
 * const L = rectifiedPolynomialLagrangian({ degree: 3 });
 * L.activation(Float64Array.of(-2, 2), new Float64Array(2)); // [0, 4]
 * L.value(Float64Array.of(-2, 2)); // 8 / 3
 * ```
 */
export function rectifiedPolynomialLagrangian(options: RectifiedPolynomialLagrangianOptions): Lagrangian {
  const n = options.degree;
  if (!Number.isFinite(n) || n <= 1) throw new InvalidValueError('degree', `must be a finite number > 1, got ${n}`, 'pass a degree such as 2 (ReLU) or 20 (prototype regime)');
  const e = n - 1;
  return {
    name: 'rectified-polynomial',
    params: { degree: n },
    elementwise: true,
    value(x) {
      let s = 0;
      for (let i = 0; i < x.length; i++) if (x[i]! > 0) s += x[i]! ** n;
      return s / n;
    },
    activation(x, out) {
      for (let i = 0; i < x.length; i++) out[i] = x[i]! > 0 ? x[i]! ** e : 0;
      return out;
    },
  };
}

/** Options for {@link exponentialLagrangian} and {@link tanhLagrangian}. */
export interface InverseTemperatureOptions {
  /** Inverse temperature beta > 0. Defaults to 1. */
  readonly beta?: number;
}

/**
 * The exponential Lagrangian `L(x) = (1/beta) sum_i exp(beta x_i)`, activation
 * `g_i = exp(beta x_i)` (Demircigil et al. 2017). As the hidden layer of a fast-hidden network it
 * gives kmn's `exponential({ temperature: 1 / beta })` kernel. Values overflow once
 * `beta x > 709`: keep states on a scale where the energy is finite.
 *
 * @throws {@link InvalidValueError} unless `beta` is finite and > 0.
 * @example
 * ```ts
 * exponentialLagrangian({ beta: 2 }).activation(Float64Array.of(0), new Float64Array(1)); // [1]
 * ```
 */
export function exponentialLagrangian(options: InverseTemperatureOptions = {}): Lagrangian {
  const beta = options.beta ?? 1;
  assertPositive('beta', beta);
  return {
    name: 'exponential',
    params: { beta },
    elementwise: true,
    value(x) {
      let s = 0;
      for (let i = 0; i < x.length; i++) s += Math.exp(beta * x[i]!);
      return s / beta;
    },
    activation(x, out) {
      for (let i = 0; i < x.length; i++) out[i] = Math.exp(beta * x[i]!);
      return out;
    },
  };
}

/**
 * The tanh Lagrangian `L(x) = (1/beta) sum_i ln cosh(beta x_i)`, activation
 * `g_i = tanh(beta x_i)`: bounded activations, the classic choice for a visible layer of graded
 * neurons. `ln cosh y` is evaluated as `|y| + ln(1 + e^(-2|y|)) - ln 2`, finite for every input.
 *
 * @throws {@link InvalidValueError} unless `beta` is finite and > 0.
 * @example
 * ```ts
 * tanhLagrangian({ beta: 1 }).value(Float64Array.of(1000)); // 1000 - ln 2
 * ```
 */
export function tanhLagrangian(options: InverseTemperatureOptions = {}): Lagrangian {
  const beta = options.beta ?? 1;
  assertPositive('beta', beta);
  return {
    name: 'tanh',
    params: { beta },
    elementwise: true,
    value(x) {
      let s = 0;
      for (let i = 0; i < x.length; i++) {
        const y = Math.abs(beta * x[i]!);
        s += y + Math.log1p(Math.exp(-2 * y)) - Math.LN2;
      }
      return s / beta;
    },
    activation(x, out) {
      for (let i = 0; i < x.length; i++) out[i] = Math.tanh(beta * x[i]!);
      return out;
    },
  };
}
