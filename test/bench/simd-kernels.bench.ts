import { createRng } from '../../index.js';
import { addInt8Row, dotInt8 } from '../../src/network/hot-loops.js';
import { axpyF64, dotF64 } from '../../src/simd/scalar-kernels.js';
import { blockedProduct } from '../../src/simd/blocked-product.js';
import { exactBipolarProduct } from '../../src/simd/exact-product.js';
import { createSimdKernels } from '../../src/simd/simd-kernels.js';
import { meets, medianMs, type BenchRow } from './bench-row.js';

/**
 * Issue 14 item 1: the WebAssembly SIMD128 kernels against the scalar JavaScript loops they
 * replace, on the same arrays (both read the arena), at M = 1000 and 4000. One "pass" is what an
 * asynchronous sweep does per kernel: N = 500 rows of the Int8 pattern matrix (fields: dotInt8,
 * overlap updates: addInt8Row), or N f64 rows (dotF64, axpyF64). Ratio = scalar time / SIMD time;
 * the target 1.3 is the gain the overlap engine would need to be worth wiring.
 */
export default async function simdKernelsBench(): Promise<BenchRow[]> {
  const n = 500;
  const rows: BenchRow[] = [];
  for (const m of [1000, 4000]) {
    const k = createSimdKernels({ bytes: n * m * 9 + 4 * m * 8 + (1 << 16) });
    const rng = createRng(14);
    const t = k.i8(n * m);
    for (let i = 0; i < t.length; i++) t[i] = rng.bipolar();
    const f = k.f64(n * m);
    for (let i = 0; i < f.length; i++) f[i] = rng.normal();
    const a = k.f64(m);
    const stat = k.f64(m);
    for (let i = 0; i < m; i++) a[i] = rng.normal();
    // The scalar loops run on ordinary typed arrays (as in the engine today), copies of the arena's.
    const tJs = Int8Array.from(t);
    const aJs = Float64Array.from(a);
    const statJs = new Float64Array(m);
    let sink = 0;
    const rowsF = Array.from({ length: n }, (_, r) => f.subarray(r * m, (r + 1) * m));
    const rowsJs = rowsF.map((row) => Float64Array.from(row));
    const cases: [string, () => void, () => void][] = [
      ['dotInt8 (field, Int8 x f64)', () => { for (let r = 0; r < n; r++) sink += dotInt8(tJs, r * m, aJs, m); }, () => { for (let r = 0; r < n; r++) sink += k.dotInt8(t, r * m, a, m); }],
      ['addInt8Row (overlap update)', () => { for (let r = 0; r < n; r++) addInt8Row(statJs, tJs, r * m, 1e-3, m); }, () => { for (let r = 0; r < n; r++) k.addInt8Row(stat, t, r * m, 1e-3, m); }],
      ['dotF64', () => { for (let r = 0; r < n; r++) sink += dotF64(rowsJs[r]!, aJs, m); }, () => { for (let r = 0; r < n; r++) sink += k.dotF64(rowsF[r]!, a, m); }],
      ['axpyF64', () => { for (let r = 0; r < n; r++) axpyF64(statJs, rowsJs[r]!, 1e-3, m); }, () => { for (let r = 0; r < n; r++) k.axpyF64(stat, rowsF[r]!, 1e-3, m); }],
    ];
    for (const [label, scalar, simd] of cases) {
      const tScalar = medianMs(scalar, 15);
      const tSimd = medianMs(simd, 15);
      const ratio = tScalar / tSimd;
      rows.push({ name: `SIMD ${label}, ${n} rows, M = ${m}: scalar JS / WebAssembly SIMD`, ratio, target: '>= 1.3', pass: meets(ratio, '>= 1.3'), scalarMs: tScalar, simdMs: tSimd, simd: k.simd });
    }
    if (!Number.isFinite(sink)) throw new Error('non-finite checksum');
  }
  // The batched products (Q = 64 queries, N = 500, M = 1000): the blocked f64 kernel against the
  // same code on the scalar reference (identical bits), and the exact limb kernel against the f64
  // kernel on the same integer tables (identical values).
  const q = 64;
  const m = 1000;
  const rng = createRng('batched');
  const xi = Int8Array.from({ length: n * m }, () => rng.bipolar());
  const tables = Float64Array.from({ length: q * m }, () => rng.int(2 ** 21) - 2 ** 20);
  const simdP = blockedProduct({ rows: q, cols: n, depth: m, b: xi });
  const scalarP = blockedProduct({ rows: q, cols: n, depth: m, b: xi, simd: false });
  const exactP = exactBipolarProduct({ rows: q, cols: n, depth: m, b: xi });
  for (let r = 0; r < q; r++) {
    simdP.setRow(r, tables, r * m);
    scalarP.setRow(r, tables, r * m);
    exactP.setRow(r, tables, r * m);
  }
  const tScalar = medianMs(() => scalarP.multiply(q), 3, 1);
  const tSimd = medianMs(() => simdP.multiply(q), 5, 2);
  const tExact = medianMs(() => exactP.multiply(q), 5, 2);
  const gflops = (ms: number): number => (2 * q * n * m) / ms / 1e6;
  rows.push({ name: `SIMD blocked product gemm6x8, Q ${q} x N ${n} x M ${m}: scalar JS / WebAssembly SIMD`, ratio: tScalar / tSimd, target: '>= 1.3', pass: meets(tScalar / tSimd, '>= 1.3'), scalarMs: tScalar, simdMs: tSimd, simdGflops: gflops(tSimd) });
  rows.push({ name: `SIMD exact limb product gemmI16 vs gemm6x8 on integer tables, same size: f64 / limbs`, ratio: tSimd / tExact, target: '>= 1.3', pass: meets(tSimd / tExact, '>= 1.3'), f64Ms: tSimd, limbMs: tExact });
  return rows;
}
