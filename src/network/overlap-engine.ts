import { evalK, exponentialRate, isLinearKernel, type Kernel } from '../kernels/kernel.js';
import type { FieldEngine } from './field-engine.js';
import { addInt8Row, combineTables, dotInt8, dotPair, hammingStats, packBipolar, scaleRows, subunitInputs } from './hot-loops.js';
import { unshiftField } from './scaled-field.js';
import { createSimdKernels, simdSupported, sumsExactly } from '../simd/simd-kernels.js';

/** Largest N x M (bytes of the Int8 copy) for which A = 1 engines copy the patterns into a SIMD arena. */
const SIMD_MAX_ENTRIES = 1 << 26;

/** What the overlap engine reads; everything is shared (with A = 1 and SIMD, `xi` is copied into the kernels' arena). */
export interface OverlapEngineOptions {
  /** Number of stored patterns M. */
  readonly count: number;
  /** Number of neurons N. */
  readonly size: number;
  /** The patterns neuron-major, `xi[i * M + mu] = xi_i^mu` (see `neuronMajor`). */
  readonly xi: Int8Array;
  /** The patterns packed by `packBipolar(X.data, M, N)` (one bit per entry). */
  readonly packed: Uint32Array;
  /** Any inner-product or translation-invariant kernel. */
  readonly kernel: Kernel;
  /** `c[i * M + mu] = alpha_i^mu xi_i^mu`, or null for A = 1. */
  readonly c: Float64Array | null;
  /** Thresholds theta_i (length N). */
  readonly theta: Float64Array;
}

/**
 * The overlap-table engine (DESIGN.md section 6): the field of Eq. 12,
 * `h_i = sum_mu alpha_i^mu xi_i^mu k(h^mu - xi_i^mu s_i) - theta_i`, from the overlaps
 * `h^mu = xi^mu . s` (squared distances `4 Hamming` for translation-invariant kernels, which on
 * bipolar states are functions of the overlap). Neuron i's own term is +/-1, so per pattern the
 * subunit takes one of two values; the engine keeps `A^mu = (k_same + k_diff) / 2` and
 * `B^mu = (k_same - k_diff) / 2`, and the field is two dot products of length M:
 * `sum_mu c_i^mu A^mu + s_i sum_mu alpha_i^mu B^mu - theta_i` (with `c = alpha xi`). After a flip
 * the overlaps move in O(M); the tables follow by what the kernel declares: `linear` moves
 * `A^mu = h^mu` with the overlap, `exponentialRate` scales both tables by `exp(+/-2 rate)`, any
 * other kernel re-evaluates them (O(M) kernel calls). Kernels with `logK` are tabulated shifted
 * by their largest log value and the field is returned on its true scale (`unshiftField`).
 * A sweep thus costs about two matrix-vector products (Iatropoulos et al. 2022, Eq. 12).
 *
 * @example
 * ```ts
 * const t = neuronMajor(X);
 * const engine = overlapEngine({ count: X.count, size: X.dim, xi: t, packed: packBipolar(X.data, X.count, X.dim), kernel: linear(), c: null, theta: new Float64Array(X.dim) });
 * runSchedule(engine, cue, { schedule: 'random-permutation', rng });
 * ```
 */
export function overlapEngine(options: OverlapEngineOptions): FieldEngine {
  const { count: m, size: n, packed, kernel, c, theta } = options;
  // With A = 1, the overlap updates (element-wise, bit-identical) and, while the table A sums exactly
  // in any order (`sumsExactly`: linear and polynomial kernels on bipolar states), the fields run as
  // WebAssembly SIMD kernels (src/simd) over a copy of the patterns in the kernels' arena, where
  // supported and up to 64 MB of patterns. Otherwise the scalar loops, so every field keeps the
  // scalar loop's bits (batchedRecall relies on it).
  const simd = c === null && n * m <= SIMD_MAX_ENTRIES && simdSupported() ? createSimdKernels({ bytes: n * m + 16 * m + 64 }) : undefined;
  let t = options.xi;
  if (simd) {
    t = simd.i8(n * m);
    t.set(options.xi.subarray(0, n * m));
  }
  const dot8 = simd ? simd.dotInt8 : dotInt8;
  /** Whether the field may use `dot8` (the current table A sums exactly, so the order does not matter). */
  let exact = false;
  const addRow = simd ? simd.addInt8Row : addInt8Row;
  const inner = kernel.kind === 'inner-product';
  const log = inner && kernel.logK !== undefined;
  const linearKernel = isLinearKernel(kernel);
  const rate = exponentialRate(kernel);
  const up = Math.exp(2 * rate);
  const down = Math.exp(-2 * rate);
  const stat = simd ? simd.f64(m) : new Float64Array(m);
  const a = simd ? simd.f64(m) : new Float64Array(m);
  const b = new Float64Array(m + 1);
  const inSame = new Float64Array(m);
  const inDiff = new Float64Array(m);
  const kSame = new Float64Array(m);
  const kDiff = new Float64Array(m);
  const packedState = new Uint32Array((n + 31) >>> 5);
  let shift = 0;
  /** Log-range the multiplicative updates have drifted since the last full refresh (bounded to stay in range). */
  let drift = 0;
  const tables = (): void => {
    subunitInputs(stat, inSame, inDiff, m, inner);
    // Batch evaluation keeps the per-pattern loop inside the kernel (monomorphic).
    evalK(kernel, inSame, kSame, m, { log });
    evalK(kernel, inDiff, kDiff, m, { log });
    shift = combineTables(kSame, kDiff, a, b, m, log);
    drift = 0;
    exact = simd !== undefined && sumsExactly(a, m);
  };
  return {
    size: n,
    reset(s) {
      hammingStats(packed, m, n, packBipolar(s, 1, n, packedState), stat, !inner);
      tables();
    },
    field(i, s) {
      const sum = c === null ? (exact ? dot8 : dotInt8)(t, i * m, a, m) + s[i]! * b[m]! : dotPair(c, t, i * m, a, b, s[i]!, m);
      return log ? unshiftField(sum, shift, theta[i]!) : sum - theta[i]!;
    },
    flip(i, s) {
      const v = s[i]!;
      if (linearKernel) {
        // k(h) = h: the table A^mu = h^mu is the overlap itself (B^mu = -1 never changes), and
        // nothing re-evaluates the kernel, so the overlaps need no separate update.
        addRow(a, t, i * m, 2 * v, m);
        return;
      }
      // h^mu += 2 xi_i^mu v; d2^mu changes by (xi - v)^2 - (xi + v)^2 = -4 xi v.
      addRow(stat, t, i * m, inner ? 2 * v : -4 * v, m);
      if (rate > 0 && drift + 2 * rate < 300) {
        // Every kernel value of pattern mu scales by exp(2 rate xi_i^mu v).
        drift += 2 * rate;
        exact = false;
        b[m] = scaleRows(a, b, t, i * m, v, up, down, m);
      } else {
        tables();
      }
    },
  };
}
