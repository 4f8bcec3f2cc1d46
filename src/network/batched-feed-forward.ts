import { InvalidValueError, ShapeError } from '../errors.js';
import { scaledKernelVector } from '../kernels/batch.js';
import { neuronMajor } from '../patterns/pattern-set.js';
import { storeCoefficients } from './coefficients.js';
import { feedForwardNetwork, type FeedForwardNetworkOptions } from './feed-forward-network.js';
import { unshiftField } from './scaled-field.js';

/** Batched recall of a feed-forward kernel network over Q inputs (see {@link batchedFeedForward}). */
export interface BatchedFeedForward {
  /** Output fields of every input, query-major `Q x N_out`, bit-identical to `feedForwardNetwork(options).fields`. */
  fields(inputs: ArrayLike<number>, q: number, out?: Float64Array): Float64Array;
  /** Outputs `sgn(h)` (`h >= 0` gives +1) of every input, query-major `Q x N_out`, as `recall`. */
  recall(inputs: ArrayLike<number>, q: number, out?: Int8Array): Int8Array;
}

/**
 * A feed-forward hetero-associative kernel network (Property 1, Eq. 5-6) that recalls Q inputs at
 * once: per input the kernel vector `K(xi_in^mu, s)` (the same function as the network's, with its
 * logK shift), then the output fields `h_i^q = sum_mu c_i^mu K_q^mu - theta_i` as the product of
 * the coefficients (N_out x M) with the kernel vectors (M x Q), blocked over 2 outputs x 2 queries
 * with every accumulator summing over mu in ascending order, so the results equal the per-query
 * network's bit for bit. Takes the options of `feedForwardNetwork` (validated by it).
 *
 * @throws as `feedForwardNetwork`; {@link ShapeError} for inputs that are not Q x dim;
 * {@link InvalidValueError} for Q out of range or a non-finite input.
 * @example
 * ```ts
 * const batch = batchedFeedForward({ inputs: Xin, outputs: Xout, kernel: polynomial({ degree: 3 }) });
 * const y = batch.recall(queries, 256);
 * ```
 */
export function batchedFeedForward(options: FeedForwardNetworkOptions): BatchedFeedForward {
  feedForwardNetwork(options); // every check of the per-query network, before any work
  const { inputs, outputs, kernel } = options;
  const m = inputs.count;
  const dim = inputs.dim;
  const nOut = outputs.dim;
  const t = neuronMajor(outputs);
  const stored = storeCoefficients(options, t, { c: null, theta: new Float64Array(nOut) });
  const coef: ArrayLike<number> = stored.c ?? t;
  const theta = stored.theta;
  let K = new Float64Array(0);
  let shift = new Float64Array(0);
  const fields = (x: ArrayLike<number>, q: number, out: Float64Array = new Float64Array(q * nOut)): Float64Array => {
    if (!Number.isInteger(q) || q < 1) throw new InvalidValueError('q', `must be a positive integer, got ${q}`, 'pass the number of inputs');
    if (x.length !== q * dim) throw new ShapeError('inputs', `has ${x.length} entries, expected Q x dim = ${q} x ${dim}`, 'pass the inputs query-major, one row per query');
    if (out.length !== q * nOut) throw new ShapeError('out', `has ${out.length} entries, expected ${q * nOut}`, 'pass a Q x N_out buffer');
    for (let j = 0; j < x.length; j++) if (!Number.isFinite(x[j]!)) throw new InvalidValueError('inputs', `entry ${j} is ${x[j]}`, 'pass finite inputs');
    if (K.length < q * m) {
      K = new Float64Array(q * m);
      shift = new Float64Array(q);
    }
    const row = ArrayBuffer.isView(x) ? (x as Float64Array | Int8Array) : Float64Array.from(x);
    for (let r = 0; r < q; r++) shift[r] = scaledKernelVector(inputs, row.subarray(r * dim, (r + 1) * dim), kernel, K.subarray(r * m, (r + 1) * m));
    for (let r0 = 0; r0 < q; r0 += 2) {
      const r1 = Math.min(r0 + 1, q - 1);
      const k0 = r0 * m;
      const k1 = r1 * m;
      for (let i0 = 0; i0 < nOut; i0 += 2) {
        const i1 = Math.min(i0 + 1, nOut - 1);
        const c0 = i0 * m;
        const c1 = i1 * m;
        let s00 = 0, s01 = 0, s10 = 0, s11 = 0;
        for (let mu = 0; mu < m; mu++) {
          const x0 = coef[c0 + mu]!, x1 = coef[c1 + mu]!;
          const y0 = K[k0 + mu]!, y1 = K[k1 + mu]!;
          s00 += x0 * y0; s01 += x0 * y1; s10 += x1 * y0; s11 += x1 * y1;
        }
        out[r0 * nOut + i0] = unshiftField(s00, shift[r0]!, theta[i0]!);
        out[r1 * nOut + i0] = unshiftField(s01, shift[r1]!, theta[i0]!);
        out[r0 * nOut + i1] = unshiftField(s10, shift[r0]!, theta[i1]!);
        out[r1 * nOut + i1] = unshiftField(s11, shift[r1]!, theta[i1]!);
      }
    }
    return out;
  };
  return {
    fields,
    recall(x, q, out = new Int8Array(q * nOut)) {
      const h = fields(x, q);
      for (let k = 0; k < q * nOut; k++) out[k] = h[k]! >= 0 ? 1 : -1;
      return out;
    },
  };
}
