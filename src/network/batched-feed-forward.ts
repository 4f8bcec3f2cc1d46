import { InvalidValueError, ShapeError } from '../errors.js';
import { scaledKernelVector } from '../kernels/batch.js';
import { neuronMajor } from '../patterns/pattern-set.js';
import { storeCoefficients } from './coefficients.js';
import { feedForwardNetwork, type FeedForwardNetworkOptions } from './feed-forward-network.js';
import { unshiftField } from './scaled-field.js';
import { batchedOverlaps, type BatchedOverlaps } from '../simd/batched-overlaps.js';
import { blockedProduct, type BlockedProduct } from '../simd/blocked-product.js';
import { exactBipolarProduct, type ExactBipolarProduct } from '../simd/exact-product.js';

/** Batched recall of a feed-forward kernel network over Q inputs (see {@link batchedFeedForward}). */
export interface BatchedFeedForward {
  /** Output fields of every input, query-major `Q x N_out`, bit-identical to `feedForwardNetwork(options).fields`. */
  fields(inputs: ArrayLike<number>, q: number, out?: Float64Array): Float64Array;
  /** Outputs `sgn(h)` (`h >= 0` gives +1) of every input, query-major `Q x N_out`, as `recall`. */
  recall(inputs: ArrayLike<number>, q: number, out?: Int8Array): Int8Array;
}

/**
 * A feed-forward hetero-associative kernel network (Property 1, Eq. 5-6) that recalls Q inputs at
 * once: the overlaps of every input with the stored inputs (a WebAssembly XOR-popcount for bipolar
 * patterns and inputs, exact; else the blocked product, summing over j in ascending order as the
 * per-query loop), the kernel vector `K(xi_in^mu, s)` from them exactly as `scaledKernelVector`
 * (with its logK shift), then the output fields `h_i^q = sum_mu c_i^mu K_q^mu - theta_i` as the
 * product of the coefficients (N_out x M) with the kernel vectors (M x Q): the exact 16-bit-limb
 * product when A = 1 and the kernel values are integers (polynomial kernels), else the blocked SIMD
 * product, every entry summing over mu in ascending order. So the results equal the per-query
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
  const coef: Int8Array | Float64Array = stored.c ?? t;
  const theta = stored.theta;
  const inner = kernel.kind === 'inner-product';
  let capacity = 0;
  let popcount: BatchedOverlaps | undefined;
  let overlapProduct: BlockedProduct | undefined;
  let product: BlockedProduct | undefined;
  let exact: ExactBipolarProduct | undefined;
  let K = new Float64Array(0);
  let shift = new Float64Array(0);
  const ensure = (q: number): void => {
    if (q <= capacity) return;
    capacity = q;
    popcount = inputs.kind === 'bipolar' ? batchedOverlaps({ patterns: inputs.data, count: m, dim, rows: q }) : undefined;
    overlapProduct = inner ? blockedProduct({ rows: q, cols: m, depth: dim, b: inputs.data }) : undefined;
    product = undefined; // created on the first batch whose kernel values are not all small integers
    exact = stored.c === null && m < 2 ** 16 ? exactBipolarProduct({ rows: q, cols: nOut, depth: m, b: t }) : undefined;
    K = new Float64Array(q * m);
    shift = new Float64Array(q);
  };
  /** Kernel values from overlaps or squared distances in `row`, in place, as `scaledKernelVector` does; returns its shift. */
  const kernelOf = (row: Float64Array): number => {
    if (kernel.kind === 'inner-product') {
      const logK = kernel.logK;
      if (logK) {
        let max = -Infinity;
        for (let mu = 0; mu < m; mu++) {
          const v = logK(row[mu]!);
          row[mu] = v;
          if (v > max) max = v;
        }
        for (let mu = 0; mu < m; mu++) row[mu] = Math.exp(row[mu]! - max);
        return max;
      }
      const k = kernel.k;
      for (let mu = 0; mu < m; mu++) row[mu] = k(row[mu]!);
      return 0;
    }
    const g2 = kernel.g2;
    for (let mu = 0; mu < m; mu++) row[mu] = g2(row[mu]!);
    return 0;
  };
  const fields = (x: ArrayLike<number>, q: number, out: Float64Array = new Float64Array(q * nOut)): Float64Array => {
    if (!Number.isInteger(q) || q < 1) throw new InvalidValueError('q', `must be a positive integer, got ${q}`, 'pass the number of inputs');
    if (x.length !== q * dim) throw new ShapeError('inputs', `has ${x.length} entries, expected Q x dim = ${q} x ${dim}`, 'pass the inputs query-major, one row per query');
    if (out.length !== q * nOut) throw new ShapeError('out', `has ${out.length} entries, expected ${q * nOut}`, 'pass a Q x N_out buffer');
    let bipolarQueries = true;
    for (let j = 0; j < x.length; j++) {
      const v = x[j]!;
      if (!Number.isFinite(v)) throw new InvalidValueError('inputs', `entry ${j} is ${v}`, 'pass finite inputs');
      if (v !== 1 && v !== -1) bipolarQueries = false;
    }
    ensure(q);
    // Overlaps (or squared distances): exact popcounts for bipolar patterns and queries, else the
    // blocked product in the per-query loop's order; translation-invariant kernels on real-valued
    // queries take the per-query function itself.
    if (popcount && bipolarQueries) {
      for (let r = 0; r < q; r++) popcount.setRow(r, x, r * dim);
      popcount.compute(q);
      for (let r = 0; r < q; r++) shift[r] = kernelOf(popcount.stats(r, K.subarray(r * m, (r + 1) * m), !inner));
    } else if (overlapProduct) {
      for (let r = 0; r < q; r++) overlapProduct.setRow(r, x, r * dim);
      overlapProduct.multiply(q);
      for (let r = 0; r < q; r++) {
        for (let mu = 0; mu < m; mu++) K[r * m + mu] = overlapProduct.get(r, mu);
        shift[r] = kernelOf(K.subarray(r * m, (r + 1) * m));
      }
    } else {
      const row = ArrayBuffer.isView(x) ? (x as Float64Array | Int8Array) : Float64Array.from(x);
      for (let r = 0; r < q; r++) shift[r] = scaledKernelVector(inputs, row.subarray(r * dim, (r + 1) * dim), kernel, K.subarray(r * m, (r + 1) * m));
    }
    // Fields: the exact limb product when A = 1 and every kernel value is an integer below 2^30
    // (integer polynomial kernels), else the blocked product (ascending mu, the per-query order).
    let integer = exact !== undefined;
    for (let r = 0; r < q && integer; r++) integer = exact!.setRow(r, K, r * m);
    if (!integer) {
      product ??= blockedProduct({ rows: capacity, cols: nOut, depth: m, b: coef });
      for (let r = 0; r < q; r++) product.setRow(r, K, r * m);
    }
    const p = integer ? exact! : product!;
    p.multiply(q);
    for (let r = 0; r < q; r++) for (let i = 0; i < nOut; i++) out[r * nOut + i] = unshiftField(p.get(r, i), shift[r]!, theta[i]!);
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
