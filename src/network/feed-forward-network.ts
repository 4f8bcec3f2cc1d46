import { InvalidValueError, ShapeError } from '../errors.js';
import { scaledKernelVector } from '../kernels/batch.js';
import type { Kernel } from '../kernels/kernel.js';
import { unshiftField } from './scaled-field.js';
import { storeCoefficients, type StoredCoefficients } from './coefficients.js';
import { assertLength, continuousPatterns, neuronMajor, type BipolarPatterns, type Patterns } from '../patterns/pattern-set.js';
import { checkBipolarPatterns } from './validate.js';

/** Options for {@link feedForwardNetwork}. */
export interface FeedForwardNetworkOptions {
  /** Input patterns X_in (M x N_in), bipolar or continuous. */
  readonly inputs: Patterns;
  /** Output patterns X_out (M x N_out), bipolar. */
  readonly outputs: BipolarPatterns;
  readonly kernel: Kernel;
  /** Coefficients A, N_out x M neuron-major (`alpha[i * M + mu]`); defaults to ones. */
  readonly alpha?: Float64Array;
  /** Thresholds, length N_out; defaults to zeros. */
  readonly theta?: Float64Array;
}

/**
 * A single-layer hetero-associative kernel memory network (Property 1): output neuron i fires
 * `sgn(sum_mu alpha_i^mu xi_out,i^mu K(xi_in^mu, s_in) - theta_i)` (Eq. 6). With A = 1,
 * theta = 0 and the finite SDM feature map it is Kanerva's SDM (Eq. 13).
 */
export interface FeedForwardNetwork {
  /** The inputs X_in (what `plasticity`'s trainers call `patterns`). */
  readonly patterns: Patterns;
  readonly outputs: BipolarPatterns;
  readonly kernel: Kernel;
  /** Installs coefficients, e.g. from `trainFeedForward(inputs, outputs, kernel, rule)`, after checking all of them (a rejected call changes nothing). */
  setCoefficients(c: { alpha?: Float64Array; theta?: Float64Array }): void;
  /**
   * The output fields `sum_mu alpha_i^mu xi_out,i^mu K(xi_in^mu, s_in) - theta_i` (Eq. 6) for an
   * input, into `out`; for exponential kernels beyond the double range they saturate with their
   * sign kept (see `unshiftField`).
   */
  fields(input: ArrayLike<number>, out?: Float64Array): Float64Array;
  /** The recalled output `sgn(fields)` with `sgn(0) = +1`, into `out`. */
  recall(input: ArrayLike<number>, out?: Int8Array): Int8Array;
}

/**
 * Builds a feed-forward hetero-associative network (Property 1, Eq. 5-6): the kernel vector
 * `K(X_in, s_in)` is computed once per input (shifted for `logK` kernels, so nothing overflows),
 * then each output neuron takes one dot product with its coefficients.
 *
 * @throws {@link ShapeError} if inputs and outputs hold different numbers of patterns, or the
 * coefficients have the wrong shape; {@link NotBipolarError} if the outputs are not bipolar;
 * {@link InvalidValueError} for non-finite continuous inputs.
 * @example
 * ```ts
 * const net = feedForwardNetwork({ inputs: Xin, outputs: Xout, kernel: polynomial({ degree: 2, c: 1 }) });
 * net.setCoefficients(trainFeedForward(Xin, Xout, net.kernel, kernelAdatron()));
 * net.recall(patternRow(Xin, 0)); // patternRow(Xout, 0)
 * ```
 */
export function feedForwardNetwork(options: FeedForwardNetworkOptions): FeedForwardNetwork {
  const { inputs, outputs, kernel } = options;
  checkBipolarPatterns('outputs', outputs);
  if (inputs.kind === 'bipolar') checkBipolarPatterns('inputs', inputs);
  else continuousPatterns(inputs.data, inputs, 'inputs');
  if (inputs.count !== outputs.count) {
    throw new ShapeError('outputs', `has ${outputs.count} patterns but inputs has ${inputs.count}`, 'pass one output pattern per input pattern');
  }
  const m = inputs.count;
  const nOut = outputs.dim;
  const t = neuronMajor(outputs);
  // Validated completely before anything is written: a rejected call leaves the network as it was.
  let stored: StoredCoefficients = storeCoefficients(options, t, { c: null, theta: new Float64Array(nOut) });
  const kv = new Float64Array(m);
  const recallFields = new Float64Array(nOut);
  const fields = (input: ArrayLike<number>, out: Float64Array = new Float64Array(nOut)): Float64Array => {
    assertLength('input', input, inputs.dim);
    for (let j = 0; j < input.length; j++) if (!Number.isFinite(input[j]!)) throw new InvalidValueError('input', `entry ${j} is ${input[j]}`, 'pass a finite input');
    const shift = scaledKernelVector(inputs, input, kernel, kv);
    const { c, theta } = stored;
    const coef: ArrayLike<number> = c ?? t;
    for (let i = 0; i < nOut; i++) {
      const base = i * m;
      let h = 0;
      for (let mu = 0; mu < m; mu++) h += coef[base + mu]! * kv[mu]!;
      out[i] = unshiftField(h, shift, theta[i]!);
    }
    return out;
  };
  return {
    patterns: inputs,
    outputs,
    kernel,
    setCoefficients(coefficients) {
      stored = storeCoefficients(coefficients, t, stored);
    },
    fields,
    recall(input, out = new Int8Array(nOut)) {
      const h = fields(input, recallFields);
      for (let i = 0; i < nOut; i++) out[i] = h[i]! >= 0 ? 1 : -1;
      return out;
    },
  };
}
