import { InvalidValueError, ShapeError } from '../errors.js';
import { evalK } from '../kernels/kernel.js';
import { assertBipolarVector, neuronMajor } from '../patterns/pattern-set.js';
import { batchedOverlaps, type BatchedOverlaps } from '../simd/batched-overlaps.js';
import { blockedProduct, type BlockedProduct } from '../simd/blocked-product.js';
import { exactBipolarProduct, type ExactBipolarProduct } from '../simd/exact-product.js';
import { combineTables, subunitInputs } from './hot-loops.js';
import type { RecurrentNetwork } from './recurrent-network.js';
import { unshiftField } from './scaled-field.js';

/** Where a batched synchronous run ended, per query. */
export interface BatchedRunResult {
  /** Final states, query-major `Q x N`. */
  readonly states: Int8Array;
  /** `converged[q]`: a synchronous step left query q unchanged (a fixed point). */
  readonly converged: Uint8Array;
  /** Synchronous steps each query took (as `RunResult.sweeps`). */
  readonly sweeps: Int32Array;
}

/** Batched recall over Q queries at once (see {@link batchedRecall}). */
export interface BatchedRecall {
  /** Fields `h_i - theta_i` of every query, query-major `Q x N`, on the same true scale as `network.fields`. */
  fields(states: Int8Array, q: number, out?: Float64Array): Float64Array;
  /** One synchronous step (Eq. 9-10) of every query: `sgn(h)` with the network's tie rule. */
  step(states: Int8Array, q: number, out?: Int8Array): Int8Array;
  /** Synchronous steps until each query is a fixed point or `maxSweeps` (default 100) steps ran. */
  run(cues: Int8Array, q: number, options?: { readonly maxSweeps?: number }): BatchedRunResult;
}

/**
 * Batched recall for a recurrent kernel memory network: Q queries at once, with results identical
 * (bit for bit, fields included) to the per-query path (`network.fields`, and `network.run` with
 * the `synchronous` schedule at T = 0). Per query it builds the overlap engine's tables
 * `A^mu, B^mu` (Eq. 12, from the overlaps `xi^mu . s` by popcount) with the same functions as the
 * engine, the overlaps of all queries coming from one WebAssembly XOR-popcount pass (`batchedOverlaps`,
 * exact integers); the fields are then the product of the coefficient matrix `C` (N x M) with the
 * tables (M x Q), `h_i^q = sum_mu C_i^mu A_q^mu + s_i^q sum_mu alpha_i^mu B_q^mu - theta_i`, a
 * cache-blocked SIMD product (`blockedProduct`, 6 x 8 tiles) in which every entry sums over mu in
 * ascending order, one rounded multiply-add at a time: the order of the engine's scalar
 * `dotPair`/`dotInt8` loops, hence equal bits (where the engine uses its 8-partial SIMD `dotInt8`,
 * the table sums exactly, so every order gives the same bits). With A = 1, `C = xi` and the second
 * sum is `s_i^q sum_mu B_q^mu`; when every table entry is an integer below 2^30 in magnitude
 * (linear and integer polynomial kernels) the first sum is the exact integer product of
 * `exactBipolarProduct` (16-bit limbs, 4x the multiply-adds per instruction), equal to the
 * engine's exact sums. A network with a neuron model falls back to the per-query path.
 *
 * @throws {@link ShapeError} for a state array that is not Q x N; {@link NotBipolarError} for
 * entries other than +/-1; {@link InvalidValueError} for Q or maxSweeps out of range.
 * @example
 * ```ts
 * const batch = batchedRecall(net);
 * const { states, converged } = batch.run(cues, 256, { maxSweeps: 20 });
 * ```
 */
export function batchedRecall(network: RecurrentNetwork): BatchedRecall {
  const { patterns, kernel, tie } = network;
  const m = patterns.count;
  const n = network.size;
  const t = neuronMajor(patterns);
  const alpha = network.alpha;
  const theta = network.theta;
  const ones = alpha.every((v) => v === 1);
  // C = alpha xi (neuron-major), only for trained coefficients; A = 1 multiplies by xi itself.
  const c = ones ? t : Float64Array.from(alpha, (a, k) => a * t[k]!);
  const inner = kernel.kind === 'inner-product';
  const log = inner && kernel.logK !== undefined;
  const inSame = new Float64Array(m);
  const inDiff = new Float64Array(m);
  const kSame = new Float64Array(m);
  const kDiff = new Float64Array(m);
  const stat = new Float64Array(m);
  const tableB = new Float64Array(m + 1);
  let capacity = 0;
  let overlaps: BatchedOverlaps | undefined;
  let productA: BlockedProduct | undefined;
  let productB: BlockedProduct | undefined;
  let exact: ExactBipolarProduct | undefined;
  let tablesA = new Float64Array(0);
  let shift = new Float64Array(0);
  let sumB = new Float64Array(0);

  const check = (states: Int8Array, q: number): void => {
    if (!Number.isInteger(q) || q < 1) throw new InvalidValueError('q', `must be a positive integer, got ${q}`, 'pass the number of queries');
    if (states.length !== q * n) throw new ShapeError('states', `has ${states.length} entries, expected Q x N = ${q} x ${n}`, 'pass the queries query-major, one row of N per query');
    assertBipolarVector('states', states);
  };
  const ensure = (q: number): void => {
    if (q <= capacity) return;
    capacity = q;
    overlaps = batchedOverlaps({ patterns: patterns.data, count: m, dim: n, rows: q });
    productA = undefined; // created on the first batch whose tables are not all small integers
    productB = ones ? undefined : blockedProduct({ rows: q, cols: n, depth: m, b: alpha });
    exact = ones && m < 2 ** 16 ? exactBipolarProduct({ rows: q, cols: n, depth: m, b: t }) : undefined;
    tablesA = new Float64Array(q * m);
    shift = new Float64Array(q);
    sumB = new Float64Array(q);
  };
  const finish = (sum: number, r: number, i: number): number => (log ? unshiftField(sum, shift[r]!, theta[i]!) : sum - theta[i]!);
  /** Fields of every query (query-major into `out`). */
  const compute = (states: Int8Array, q: number, out: Float64Array): void => {
    ensure(q);
    const ov = overlaps!;
    for (let r = 0; r < q; r++) ov.setRow(r, states, r * n);
    ov.compute(q);
    // Tables of every query, exactly as the overlap engine's `reset`.
    let integer = exact !== undefined;
    for (let r = 0; r < q; r++) {
      ov.stats(r, stat, !inner);
      subunitInputs(stat, inSame, inDiff, m, inner);
      evalK(kernel, inSame, kSame, m, { log });
      evalK(kernel, inDiff, kDiff, m, { log });
      const rowA = tablesA.subarray(r * m, (r + 1) * m);
      shift[r] = combineTables(kSame, kDiff, rowA, tableB, m, log);
      sumB[r] = tableB[m]!;
      if (integer) integer = exact!.setRow(r, rowA);
      productB?.setRow(r, tableB);
    }
    // Integer tables (|A| < 2^30): the exact limb product, equal to every exact summation order.
    if (!integer) {
      productA ??= blockedProduct({ rows: capacity, cols: n, depth: m, b: c });
      for (let r = 0; r < q; r++) productA.setRow(r, tablesA, r * m);
    }
    const product = integer ? exact! : productA!;
    product.multiply(q);
    if (productB) {
      const pb = productB;
      pb.multiply(q);
      for (let r = 0; r < q; r++) for (let i = 0; i < n; i++) out[r * n + i] = finish(product.get(r, i) + states[r * n + i]! * pb.get(r, i), r, i);
    } else {
      for (let r = 0; r < q; r++) for (let i = 0; i < n; i++) out[r * n + i] = finish(product.get(r, i) + states[r * n + i]! * sumB[r]!, r, i);
    }
  };
  const decide = (h: number, current: number): number => (h > 0 ? 1 : h < 0 ? -1 : tie === 'plus' ? 1 : current);
  const viaNetwork = network.neuron !== undefined;

  const api: BatchedRecall = {
    fields(states, q, out = new Float64Array(q * n)) {
      check(states, q);
      if (out.length !== q * n) throw new ShapeError('out', `has ${out.length} entries, expected ${q * n}`, 'pass a Q x N buffer');
      if (viaNetwork) for (let r = 0; r < q; r++) out.set(network.fields(states.subarray(r * n, (r + 1) * n)), r * n);
      else compute(states, q, out);
      return out;
    },
    step(states, q, out = new Int8Array(q * n)) {
      const h = api.fields(states, q);
      for (let k = 0; k < q * n; k++) out[k] = decide(h[k]!, states[k]!);
      return out;
    },
    run(cues, q, options = {}) {
      check(cues, q);
      const maxSweeps = options.maxSweeps ?? 100;
      if (!Number.isInteger(maxSweeps) || maxSweeps < 1) throw new InvalidValueError('maxSweeps', `must be a positive integer, got ${maxSweeps}`, 'pass the step limit, e.g. 100');
      const states = Int8Array.from(cues);
      const converged = new Uint8Array(q);
      const sweeps = new Int32Array(q);
      let active = Int32Array.from({ length: q }, (_, r) => r);
      let batch = new Int8Array(q * n);
      let h = new Float64Array(q * n);
      for (let sweep = 1; sweep <= maxSweeps && active.length > 0; sweep++) {
        const k = active.length;
        active.forEach((r, j) => batch.set(states.subarray(r * n, (r + 1) * n), j * n));
        const view = batch.subarray(0, k * n);
        if (viaNetwork) for (let j = 0; j < k; j++) h.set(network.fields(view.subarray(j * n, (j + 1) * n)), j * n);
        else compute(view, k, h.subarray(0, k * n));
        const still: number[] = [];
        active.forEach((r, j) => {
          sweeps[r] = sweep;
          let changed = 0;
          for (let i = 0; i < n; i++) {
            const v = decide(h[j * n + i]!, states[r * n + i]!);
            if (v !== states[r * n + i]) {
              states[r * n + i] = v;
              changed++;
            }
          }
          if (changed === 0) converged[r] = 1;
          else still.push(r);
        });
        active = Int32Array.from(still);
      }
      batch = new Int8Array(0);
      h = new Float64Array(0);
      return { states, converged, sweeps };
    },
  };
  return api;
}
