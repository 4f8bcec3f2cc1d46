import { InvalidValueError, ShapeError } from '../errors.js';
import { evalK } from '../kernels/kernel.js';
import { assertBipolarVector, neuronMajor } from '../patterns/pattern-set.js';
import { combineTables, hammingStats, packBipolar, subunitInputs } from './hot-loops.js';
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
 * engine; the fields are then the product of the coefficient matrix `C` (N x M) with the tables
 * (M x Q), `h_i^q = sum_mu C_i^mu A_q^mu + s_i^q sum_mu alpha_i^mu B_q^mu - theta_i`, blocked over
 * 2 neurons x 2 queries so each pattern row is read once per block while every accumulator still
 * sums over mu in ascending order (the order of the engine's `dotPair`/`dotInt8`, hence equal
 * bits). A network with a neuron model falls back to the per-query path.
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
  const packed = packBipolar(patterns.data, m, n);
  const alpha = network.alpha;
  const theta = network.theta;
  const ones = alpha.every((v) => v === 1);
  const c = new Float64Array(n * m);
  for (let k = 0; k < n * m; k++) c[k] = alpha[k]! * t[k]!;
  const inner = kernel.kind === 'inner-product';
  const log = inner && kernel.logK !== undefined;
  const stat = new Float64Array(m);
  const inSame = new Float64Array(m);
  const inDiff = new Float64Array(m);
  const kSame = new Float64Array(m);
  const kDiff = new Float64Array(m);
  const packedState = new Uint32Array((n + 31) >>> 5);
  let capacity = 0;
  let A = new Float64Array(0);
  let B = new Float64Array(0);
  let shift = new Float64Array(0);

  const check = (states: Int8Array, q: number): void => {
    if (!Number.isInteger(q) || q < 1) throw new InvalidValueError('q', `must be a positive integer, got ${q}`, 'pass the number of queries');
    if (states.length !== q * n) throw new ShapeError('states', `has ${states.length} entries, expected Q x N = ${q} x ${n}`, 'pass the queries query-major, one row of N per query');
    assertBipolarVector('states', states);
  };
  /** Tables of every query, exactly as the overlap engine's `reset`. */
  const tables = (states: Int8Array, q: number): void => {
    if (q > capacity) {
      capacity = q;
      A = new Float64Array(q * m);
      B = new Float64Array(q * (m + 1));
      shift = new Float64Array(q);
    }
    for (let r = 0; r < q; r++) {
      hammingStats(packed, m, n, packBipolar(states.subarray(r * n, (r + 1) * n), 1, n, packedState), stat, !inner);
      subunitInputs(stat, inSame, inDiff, m, inner);
      evalK(kernel, inSame, kSame, m, { log });
      evalK(kernel, inDiff, kDiff, m, { log });
      shift[r] = combineTables(kSame, kDiff, A.subarray(r * m, (r + 1) * m), B.subarray(r * (m + 1), (r + 1) * (m + 1)), m, log);
    }
  };
  const finish = (sum: number, r: number, i: number): number => (log ? unshiftField(sum, shift[r]!, theta[i]!) : sum - theta[i]!);
  /** Fields of queries listed in `rows` (all when null), written to `out` (query-major). */
  const compute = (states: Int8Array, q: number, out: Float64Array): void => {
    tables(states, q);
    const m1 = m + 1;
    for (let r0 = 0; r0 < q; r0 += 2) {
      const r1 = Math.min(r0 + 1, q - 1);
      const a0 = r0 * m;
      const a1 = r1 * m;
      const b0 = r0 * m1;
      const b1 = r1 * m1;
      for (let i0 = 0; i0 < n; i0 += 2) {
        const i1 = Math.min(i0 + 1, n - 1);
        const t0 = i0 * m;
        const t1 = i1 * m;
        if (ones) {
          let s00 = 0, s01 = 0, s10 = 0, s11 = 0;
          for (let mu = 0; mu < m; mu++) {
            const x0 = t[t0 + mu]!, x1 = t[t1 + mu]!;
            const y0 = A[a0 + mu]!, y1 = A[a1 + mu]!;
            s00 += x0 * y0; s01 += x0 * y1; s10 += x1 * y0; s11 += x1 * y1;
          }
          out[r0 * n + i0] = finish(s00 + states[r0 * n + i0]! * B[b0 + m]!, r0, i0);
          out[r1 * n + i0] = finish(s01 + states[r1 * n + i0]! * B[b1 + m]!, r1, i0);
          out[r0 * n + i1] = finish(s10 + states[r0 * n + i1]! * B[b0 + m]!, r0, i1);
          out[r1 * n + i1] = finish(s11 + states[r1 * n + i1]! * B[b1 + m]!, r1, i1);
        } else {
          let a00 = 0, a01 = 0, a10 = 0, a11 = 0, c00 = 0, c01 = 0, c10 = 0, c11 = 0;
          for (let mu = 0; mu < m; mu++) {
            const x0 = c[t0 + mu]!, x1 = c[t1 + mu]!;
            const u0 = t[t0 + mu]!, u1 = t[t1 + mu]!;
            const y0 = A[a0 + mu]!, y1 = A[a1 + mu]!;
            const z0 = B[b0 + mu]!, z1 = B[b1 + mu]!;
            a00 += x0 * y0; a01 += x0 * y1; a10 += x1 * y0; a11 += x1 * y1;
            c00 += x0 * u0 * z0; c01 += x0 * u0 * z1; c10 += x1 * u1 * z0; c11 += x1 * u1 * z1;
          }
          out[r0 * n + i0] = finish(a00 + states[r0 * n + i0]! * c00, r0, i0);
          out[r1 * n + i0] = finish(a01 + states[r1 * n + i0]! * c01, r1, i0);
          out[r0 * n + i1] = finish(a10 + states[r0 * n + i1]! * c10, r0, i1);
          out[r1 * n + i1] = finish(a11 + states[r1 * n + i1]! * c11, r1, i1);
        }
      }
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
