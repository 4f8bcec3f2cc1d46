import { ParameterError } from '../errors.js';
import type { Kernel } from './kernel.js';

/** Relative tolerance of the consistency check: two evaluations of one function differ by rounding only. */
const TOLERANCE = 1e-12;
/** The smallest normal double: below it `k` has lost precision and `ln k` is not comparable. */
const MIN_NORMAL = 2.2250738585072014e-308;

/** Whether two evaluations agree to rounding (equal, including equal infinities and both NaN, or relative difference <= 1e-12). */
function close(a: number, b: number): boolean {
  if (a === b || (Number.isNaN(a) && Number.isNaN(b))) return true;
  return Math.abs(a - b) <= TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

/** Throws the typed error for a kernel whose parts disagree at `at`. */
function fail(kernel: Kernel, what: string, at: string, got: number, expected: number): never {
  throw new ParameterError(
    'kernel',
    `${kernel.name}: ${what} at ${at} (${got} vs ${expected}); its fast paths would compute different fields than its scalar function`,
    'build the kernel with its factory, or when overriding k/logK/g2 (e.g. with object spread) also override or drop kBatch, logKBatch, g2Batch and capabilities',
  );
}

/** Compares a batch form with its scalar function on every grid point. */
function checkBatch(kernel: Kernel, name: string, grid: Float64Array, batch: (x: Float64Array, out: Float64Array, n: number) => void, scalar: (x: number) => number): void {
  const out = new Float64Array(grid.length);
  batch(grid, out, grid.length);
  for (let q = 0; q < grid.length; q++) {
    const expected = scalar(grid[q]!);
    if (!close(out[q]!, expected)) fail(kernel, `${name} disagrees with its scalar function`, `${grid[q]}`, out[q]!, expected);
  }
}

/**
 * Checks, in O(N) kernel evaluations, that a kernel's parts describe one function on every input
 * a network of `size` bipolar neurons can give it, so that every engine computes the same field.
 * The grid is what a subunit reads (the `N - 1` inputs of Eq. 12): overlaps
 * `h in {-(N-1), -(N-3), ..., N-1}` for inner-product kernels, squared distances
 * `d2 in {0, 4, ..., 4(N-1)}` for distance kernels. On it:
 * `kBatch = k`, `logKBatch = logK`, `logK = ln k` (where `k` is finite and positive), `g2Batch = g2`,
 * each to a relative `1e-12`; and each declared capability holds: `linear`: `k(h) = h`;
 * `affine`: `k(h) = slope h + offset`; `exponentialRate`: `ln k(h + 2) - ln k(h) = 2 rate`
 * (through `logK` when present). A kernel built by spreading a built-in one and replacing `k`
 * (`{ ...polynomial({ degree: 2 }), k: (h) => h ** 3 }`) keeps the old `kBatch` and fails here,
 * instead of giving engines that disagree (Iatropoulos et al. 2022, Eq. 12 is one function `k`).
 *
 * @throws {@link ParameterError} (parameter `kernel`) naming the part that disagrees and where.
 * @example
 * ```ts
 * checkKernelConsistency(polynomial({ degree: 2 }), 12);                          // passes
 * checkKernelConsistency({ ...polynomial({ degree: 2 }), k: (h) => h ** 3 }, 12); // throws ParameterError
 * ```
 */
export function checkKernelConsistency(kernel: Kernel, size: number): void {
  const dim = Math.max(size - 1, 0);
  const grid = new Float64Array(dim + 1);
  if (kernel.kind === 'distance') {
    for (let d = 0; d <= dim; d++) grid[d] = 4 * d;
    if (kernel.g2Batch) checkBatch(kernel, 'g2Batch', grid, kernel.g2Batch, kernel.g2);
    return;
  }
  for (let d = 0; d <= dim; d++) grid[d] = dim - 2 * d;
  const { k, logK, capabilities } = kernel;
  if (kernel.kBatch) checkBatch(kernel, 'kBatch', grid, kernel.kBatch, k);
  if (kernel.logKBatch) {
    if (!logK) fail(kernel, 'logKBatch is present without logK', 'every overlap', NaN, NaN);
    checkBatch(kernel, 'logKBatch', grid, kernel.logKBatch, logK);
  }
  if (logK) {
    for (const h of grid) {
      const v = k(h);
      // ln k is only comparable where k is a normal double (exponential kernels overflow beyond it).
      if (Number.isFinite(v) && v >= MIN_NORMAL) {
        const l = logK(h);
        if (Math.abs(l - Math.log(v)) > TOLERANCE * Math.max(1, Math.abs(l))) fail(kernel, 'logK is not ln k', `h = ${h}`, l, Math.log(v));
      }
    }
  }
  if (!capabilities) return;
  const lin = capabilities.linear ? { slope: 1, offset: 0 } : capabilities.affine;
  if (lin) {
    for (const h of grid) {
      const expected = lin.slope * h + lin.offset;
      if (!close(k(h), expected)) fail(kernel, `declares k(h) = ${lin.slope} h + ${lin.offset}, but k`, `h = ${h}`, k(h), expected);
    }
  }
  const rate = capabilities.exponentialRate;
  if (rate !== undefined) {
    const ln = logK ?? ((h: number) => Math.log(k(h)));
    for (let q = 1; q <= dim; q++) {
      const lo = ln(grid[q]!);
      const hi = ln(grid[q - 1]!);
      const step = hi - lo;
      // The difference of two logs carries their rounding: tolerance relative to the logs' size.
      if (!Number.isFinite(step) || Math.abs(step - 2 * rate) > TOLERANCE * Math.max(1, Math.abs(hi), Math.abs(lo))) {
        fail(kernel, `declares exponentialRate ${rate}, but ln k(h + 2) - ln k(h)`, `h = ${grid[q]}`, step, 2 * rate);
      }
    }
  }
}
