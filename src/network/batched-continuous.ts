import { assertPositive, assertPositiveInteger, InvalidValueError, ShapeError } from '../errors.js';
import { softmaxInPlace } from '../kernels/universal-hopfield.js';
import { asContinuous, type ContinuousPatterns, type Patterns } from '../patterns/pattern-set.js';
import { batchedOverlaps, type BatchedOverlaps } from '../simd/batched-overlaps.js';
import { blockedProduct, type BlockedProduct } from '../simd/blocked-product.js';
import type { ContinuousNetwork, ContinuousRunOptions } from './continuous-network.js';
import { signTable, signedProjectMany } from './signed-projection.js';

/**
 * Where a batched continuous run ended, per query.
 *
 * @example
 * ```ts
 * const { states, steps, converged } = batchedSoftmaxNetwork({ patterns: X, beta: 2 }).run(cues, 64);
 * ```
 */
export interface BatchedContinuousRunResult {
  /** Final states, query-major `Q x N`. */
  readonly states: Float64Array;
  /** Steps each query took (as `ContinuousRunResult.steps`). */
  readonly steps: Int32Array;
  /** `converged[q]`: query q met the tolerance (as `ContinuousRunResult.converged`). */
  readonly converged: Uint8Array;
}

/**
 * Batched recall of a continuous network `s <- X^T c(s)` over Q states at once.
 *
 * @example
 * ```ts
 * const batch: BatchedContinuous = batchedContinuousNetwork(net);
 * const next = batch.step(states, 64);
 * ```
 */
export interface BatchedContinuous {
  /** N, the state dimension. */
  readonly size: number;
  /** The pattern weights `c(s_q)` of every state, query-major `Q x M`. */
  weights(states: ArrayLike<number>, q: number, out?: Float64Array): Float64Array;
  /** One synchronous update `s_q <- X^T c(s_q)` of every state, query-major `Q x N`. */
  step(states: ArrayLike<number>, q: number, out?: Float64Array): Float64Array;
  /** Iterates every state to its fixed point (per query exactly `network.run`'s stopping rule). */
  run(cues: ArrayLike<number>, q: number, options?: ContinuousRunOptions): BatchedContinuousRunResult;
}

/**
 * Batched weights `c(s_q)` of Q states (query-major in, `Q x M` out); see {@link batchedContinuousNetwork}.
 *
 * @example
 * ```ts
 * const w: BatchedWeights = (states, q, out) => { for (let r = 0; r < q; r++) net.weights(states.subarray(r * N, (r + 1) * N), out.subarray(r * M, (r + 1) * M)); return out; };
 * ```
 */
export type BatchedWeights = (states: Float64Array, q: number, out: Float64Array) => Float64Array;

/**
 * Batched recall for any continuous network `s <- X^T c(s)` (Property 4 and its relatives, built by
 * `continuousNetworkFromWeights`): the weights of every state (by default the network's own
 * `weights`, one state at a time; a network-specific batched version may be passed), then the
 * projections of all states: for +/-1 patterns by the per-query network's own table lookup
 * (`signedProjectMany`, which gives each state its own `signedProject` bits), else as one cache-blocked SIMD product `S' = C X`
 * (`blockedProduct`). Identical to the per-query network bit for bit: the lookup is the same code;
 * the product sums every `s'_j = sum_mu c_mu x_mu,j` over mu in ascending order, one rounded
 * multiply-add at a time, as the per-query plain loop does (its skipped zero weights add `+/-0`,
 * which leaves a sum that starts at +0 unchanged); `run` applies
 * `iterateToFixedPoint`'s rule per query (converged when `max_j |s'_j - s_j| <= tol (1 + max_j |s_j|)`).
 *
 * @throws {@link ShapeError} for states that are not Q x N; {@link InvalidValueError} for
 * non-finite entries, Q, maxSteps or tol out of range.
 * @example
 * ```ts
 * const batch = batchedContinuousNetwork(interpolationNetwork({ patterns: X, kernel: expBeta({ r: 3, beta: 2 }) }));
 * const { states, converged } = batch.run(cues, 64);
 * ```
 */
export function batchedContinuousNetwork(network: ContinuousNetwork, batchedWeights?: BatchedWeights): BatchedContinuous {
  const { patterns, size: n } = network;
  const m = patterns.count;
  const perQuery: BatchedWeights = (states, q, out) => {
    for (let r = 0; r < q; r++) network.weights(states.subarray(r * n, (r + 1) * n), out.subarray(r * m, (r + 1) * m));
    return out;
  };
  return batchedFromWeights(patterns, batchedWeights ?? perQuery);
}

/** The batched projection and run loop over any batched weight function. */
function batchedFromWeights(patterns: ContinuousPatterns, weightsOf: BatchedWeights): BatchedContinuous {
  const { count: m, dim: n } = patterns;
  const signs = signTable(patterns.data, m, n);
  let capacity = 0;
  let projection: BlockedProduct | undefined;
  let w = new Float64Array(0);
  const ensure = (q: number): void => {
    if (q <= capacity) return;
    capacity = q;
    // B = X^T: entry (j, mu) at data[mu n + j].
    projection = blockedProduct({ rows: q, cols: n, depth: m, b: patterns.data, rowStride: 1, colStride: n });
    w = new Float64Array(q * m);
  };
  const toStates = (states: ArrayLike<number>, q: number, parameter: string): Float64Array => {
    if (!Number.isInteger(q) || q < 1) throw new InvalidValueError('q', `must be a positive integer, got ${q}`, 'pass the number of states');
    if (states.length !== q * n) throw new ShapeError(parameter, `has ${states.length} entries, expected Q x N = ${q} x ${n}`, 'pass the states query-major, one row of N per state');
    for (let k = 0; k < states.length; k++) if (!Number.isFinite(states[k]!)) throw new InvalidValueError(parameter, `entry ${k} is ${states[k]}`, 'pass finite states');
    return states instanceof Float64Array ? states : Float64Array.from(states);
  };
  /** One step of the first q rows of `s` into `out` (both Q x N). */
  const advance = (s: Float64Array, q: number, out: Float64Array): void => {
    if (signs) {
      // +/-1 patterns: the per-query network's table-lookup projection (the same bits per query).
      if (w.length < q * m) w = new Float64Array(q * m);
      weightsOf(s, q, w);
      signedProjectMany(signs, w, 0, m, out, 0, n, q);
      return;
    }
    ensure(q);
    const p = projection!;
    weightsOf(s, q, w);
    for (let r = 0; r < q; r++) p.setRow(r, w, r * m);
    p.multiply(q);
    for (let r = 0; r < q; r++) for (let j = 0; j < n; j++) out[r * n + j] = p.get(r, j);
  };
  return {
    size: n,
    weights(states, q, out = new Float64Array(q * m)) {
      const s = toStates(states, q, 'states');
      if (out.length !== q * m) throw new ShapeError('out', `has ${out.length} entries, expected ${q * m}`, 'pass a Q x M buffer');
      return weightsOf(s, q, out);
    },
    step(states, q, out = new Float64Array(q * n)) {
      const s = toStates(states, q, 'states');
      if (out.length !== q * n) throw new ShapeError('out', `has ${out.length} entries, expected ${q * n}`, 'pass a Q x N buffer');
      advance(s, q, out);
      return out;
    },
    run(cues, q, options = {}) {
      const s0 = toStates(cues, q, 'cues');
      const maxSteps = options.maxSteps ?? 100;
      assertPositiveInteger('maxSteps', maxSteps);
      const tol = options.tol ?? 1e-10;
      if (!(tol >= 0)) throw new InvalidValueError('tol', `must be a number >= 0, got ${tol}`, 'pass a tolerance such as 1e-10');
      const states = Float64Array.from(s0);
      const steps = new Int32Array(q).fill(maxSteps);
      const converged = new Uint8Array(q);
      let active = Array.from({ length: q }, (_, r) => r);
      const batch = new Float64Array(q * n);
      const next = new Float64Array(q * n);
      for (let t = 1; t <= maxSteps && active.length > 0; t++) {
        const k = active.length;
        active.forEach((r, a) => batch.set(states.subarray(r * n, (r + 1) * n), a * n));
        advance(batch, k, next);
        const still: number[] = [];
        active.forEach((r, a) => {
          let diff = 0;
          let scale = 0;
          for (let j = 0; j < n; j++) {
            diff = Math.max(diff, Math.abs(next[a * n + j]! - states[r * n + j]!));
            scale = Math.max(scale, Math.abs(states[r * n + j]!));
          }
          states.set(next.subarray(a * n, (a + 1) * n), r * n);
          if (diff <= tol * (1 + scale)) {
            steps[r] = t;
            converged[r] = 1;
          } else still.push(r);
        });
        active = still;
      }
      return { states, steps, converged };
    },
  };
}

/**
 * Options of {@link batchedSoftmaxNetwork}: those of `softmaxNetwork`.
 *
 * @example
 * ```ts
 * const options: BatchedSoftmaxOptions = { patterns: X, beta: 0.05 };
 * ```
 */
export interface BatchedSoftmaxOptions {
  readonly patterns: Patterns;
  /** Inverse temperature beta > 0. */
  readonly beta: number;
}

/**
 * The softmax (modern continuous Hopfield) network of Ramsauer et al. (2021),
 * `s <- X^T softmax(beta X s)`, over Q states at once, identical bit for bit to
 * `softmaxNetwork(options)` state by state: the overlaps `X s_q` of all states are one product
 * (an exact WebAssembly XOR-popcount when the patterns and the states are all +/-1, else the blocked
 * product summing over j in ascending order, the per-query loop's order), the softmax of each row
 * is the per-query `softmaxInPlace`, and the projection is {@link batchedContinuousNetwork}'s.
 *
 * @throws {@link InvalidValueError} for beta <= 0; as {@link batchedContinuousNetwork} for bad states.
 * @example
 * ```ts
 * const batch = batchedSoftmaxNetwork({ patterns: X, beta: 0.05 });
 * const next = batch.step(cues, 256); // 256 x N
 * ```
 */
export function batchedSoftmaxNetwork(options: BatchedSoftmaxOptions): BatchedContinuous {
  assertPositive('beta', options.beta);
  const { beta } = options;
  const patterns = asContinuous(options.patterns);
  const { count: m, dim: n, data } = patterns;
  const bipolarPatterns = data.every((v) => v === 1 || v === -1);
  let capacity = 0;
  let popcount: BatchedOverlaps | undefined;
  let overlapProduct: BlockedProduct | undefined;
  const weights: BatchedWeights = (states, q, out) => {
    if (q > capacity) {
      capacity = q;
      popcount = bipolarPatterns ? batchedOverlaps({ patterns: data, count: m, dim: n, rows: q }) : undefined;
      overlapProduct = undefined; // created when a batch has states off the +/-1 grid
    }
    let bipolarStates = popcount !== undefined;
    for (let k = 0; k < q * n && bipolarStates; k++) bipolarStates = states[k] === 1 || states[k] === -1;
    if (bipolarStates) {
      const ov = popcount!;
      for (let r = 0; r < q; r++) ov.setRow(r, states, r * n);
      ov.compute(q);
      for (let r = 0; r < q; r++) ov.stats(r, out.subarray(r * m, (r + 1) * m), false);
    } else {
      const p = (overlapProduct ??= blockedProduct({ rows: capacity, cols: m, depth: n, b: data }));
      for (let r = 0; r < q; r++) p.setRow(r, states, r * n);
      p.multiply(q);
      for (let r = 0; r < q; r++) for (let mu = 0; mu < m; mu++) out[r * m + mu] = p.get(r, mu);
    }
    for (let r = 0; r < q; r++) softmaxInPlace(out.subarray(r * m, (r + 1) * m), beta);
    return out;
  };
  return batchedFromWeights(patterns, weights);
}
