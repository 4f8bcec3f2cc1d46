// WebAssembly SIMD128 versions of the hot loops (issue 14, item 1), over one fixed WebAssembly
// memory, with the scalar JavaScript loops as reference and fallback. Isomorphic: the module is
// compiled synchronously from committed bytes (src/simd/kernels-wasm.ts), in Node and in browsers.
import { InvalidValueError, ParameterError, ShapeError } from '../errors.js';
import { addInt8Row as addInt8RowJs, dotInt8 as dotInt8Js } from '../network/hot-loops.js';
import { kernelsWasm } from './kernels-wasm.js';
import { axpyF32 as axpyF32Js, axpyF64 as axpyF64Js, dotF32 as dotF32Js, dotF64 as dotF64Js, gemm6x8 as gemm6x8Js, gemmI16 as gemmI16Js, hamming4 as hamming4Js, signedGroup as signedGroupJs } from './scalar-kernels.js';

const PAGE = 65536;

/** The part of the WebAssembly JS API used here (lib ES2022 does not declare it; Node and browsers have it). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Memory: new (descriptor: { initial: number; maximum: number }) => { readonly buffer: ArrayBuffer };
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: object };
}

const wasmApi = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** The kernels' module, compiled once per process (each arena instantiates it over its own memory). */
let compiled: object | undefined;

/**
 * Options of {@link createSimdKernels}.
 *
 * @example
 * ```ts
 * const scalar = createSimdKernels({ bytes: 1 << 16, simd: false });
 * ```
 */
export interface SimdKernelsOptions {
  /** Size of the arena in bytes, rounded up to 64 KiB pages; fixed, so views never detach. Default 1 MiB, at most 1 GiB. */
  readonly bytes?: number;
  /** `false` forces the scalar JavaScript fallback (for comparison); default: SIMD when the engine supports it. */
  readonly simd?: boolean;
}

/** The wasm exports, pointers as byte offsets into the arena. */
interface WasmExports {
  dotInt8(t: number, a: number, m: number): number;
  dotF64(a: number, b: number, n: number): number;
  addInt8Row(stat: number, t: number, f: number, m: number): void;
  axpyF64(y: number, x: number, alpha: number, n: number): void;
  gemm6x8(ap: number, aStride: number, bp: number, c: number, cRow: number, qp: number, np: number, kc: number): void;
  dotF32(a: number, b: number, n: number): number;
  axpyF32(y: number, x: number, alpha: number, n: number): void;
  hamming4(x: number, s: number, out: number, m: number, panels: number, chunks: number): void;
  gemmI16(ap: number, aStride: number, bp: number, c: number, cRow: number, qp: number, np: number, steps: number): void;
  signedGroup(w: number, wStride: number, k: number, words: number, n: number, tab: number, out: number, outStride: number): void;
}

/**
 * Hot-loop kernels over an arena of typed arrays: WebAssembly SIMD128 where supported, the scalar
 * JavaScript loops otherwise. Arrays passed to the kernels must be allocated by {@link SimdKernels.f64}
 * or {@link SimdKernels.i8} of the same instance.
 *
 * The reductions sum in eight interleaved partial sums (see `src/simd/kernels.wat`), so on floats
 * they differ from the index-order scalar loop by rounding only:
 * `|simd - scalar| <= 2 (n - 1) eps sum_i |a_i b_i|` (eps = 2^-53), and not at all when every
 * partial sum is an integer below 2^53. The element-wise kernels are bit-identical to the scalar loops.
 *
 * @example
 * ```ts
 * const k = createSimdKernels();
 * const t = k.i8(4); t.set([1, -1, 1, 1]);
 * const a = k.f64(4); a.set([1, 2, 3, 4]);
 * k.dotInt8(t, 0, a, 4); // 6
 * ```
 */
export interface SimdKernels {
  /** Whether the WebAssembly SIMD kernels are in use (false: the scalar JavaScript fallback). */
  readonly simd: boolean;
  /** The arena's buffer (the WebAssembly memory's, when `simd`). */
  readonly buffer: ArrayBuffer;
  /** Bytes still free in the arena. */
  readonly free: number;
  /** A zeroed Float64Array of `length` in the arena (16-byte aligned). */
  f64(length: number): Float64Array;
  /** A zeroed Int8Array of `length` in the arena (16-byte aligned). */
  i8(length: number): Int8Array;
  /** A zeroed Float32Array of `length` in the arena (16-byte aligned). */
  f32(length: number): Float32Array;
  /** A zeroed Uint32Array of `length` in the arena (16-byte aligned). */
  u32(length: number): Uint32Array;
  /** A zeroed Int32Array of `length` in the arena (16-byte aligned). */
  i32(length: number): Int32Array;
  /** A zeroed Int16Array of `length` in the arena (16-byte aligned). */
  i16(length: number): Int16Array;
  /** `sum_{mu < m} t[base + mu] a[mu]` (Int8 x Float64; the A = 1 field). */
  dotInt8(t: Int8Array, base: number, a: Float64Array, m: number): number;
  /** `sum_{i < n} a[i] b[i]`. */
  dotF64(a: Float64Array, b: Float64Array, n: number): number;
  /** `stat[mu] += f t[base + mu]` for `mu < m` (the overlap update after a flip). */
  addInt8Row(stat: Float64Array, t: Int8Array, base: number, f: number, m: number): void;
  /** `y[i] += alpha x[i]` for `i < n`. */
  axpyF64(y: Float64Array, x: Float64Array, alpha: number, n: number): void;
  /**
   * `C += A B^T` on packed 6 x 8 tiles, each entry summing over `k < kc` in turn (layouts in
   * `gemm6x8` of `src/simd/scalar-kernels.ts`; bit-identical to it on every input).
   */
  gemm6x8(ap: Float64Array, aOffset: number, aStride: number, bp: Float64Array, c: Float64Array, cRow: number, qp: number, np: number, kc: number): void;
  /** `sum_{i < n} a[i] b[i]` in binary32 (eight partial sums, the order of `dotF32` in `src/simd/scalar-kernels.ts`). */
  dotF32(a: Float32Array, b: Float32Array, n: number): number;
  /** `y[i] += alpha x[i]` for `i < n` in binary32. */
  axpyF32(y: Float32Array, x: Float32Array, alpha: number, n: number): void;
  /**
   * Hamming distances of packed bit rows: `out[r m + mu] = popcount(x_mu xor s_r)` for `mu < m`,
   * `r < 4 panels`; rows are `chunks` 128-bit words (`4 chunks` Uint32 each).
   */
  hamming4(x: Uint32Array, s: Uint32Array, out: Int32Array, m: number, panels: number, chunks: number): void;
  /**
   * Exact integer product in 16-bit limbs on 2 x 2 tiles (layouts in `gemmI16` of
   * `src/simd/scalar-kernels.ts`; integer results, equal to it on every input within its bounds).
   */
  gemmI16(ap: Int16Array, aStride: number, bp: Int16Array, bOffset: number, c: Int32Array, cOffset: number, cRow: number, qp: number, np: number, steps: number): void;
  /**
   * One group of 32 +/-1 patterns of the table-lookup projection for k (1..4) queries (layouts in
   * `signedGroup` of `src/simd/scalar-kernels.ts`; bit-identical to it on every input). `tab` holds
   * at least 4128 entries.
   */
  signedGroup(w: Float64Array, wOffset: number, wStride: number, k: number, words: Int32Array, wordsOffset: number, n: number, tab: Float64Array, out: Float64Array, outOffset: number, outStride: number): void;
}

/**
 * Whether this JavaScript engine runs the WebAssembly SIMD128 kernels (by `WebAssembly.validate`
 * of the compiled module, which fails where SIMD128 is not supported).
 *
 * @example
 * ```ts
 * if (!simdSupported()) console.warn('scalar fallback');
 * ```
 */
export function simdSupported(): boolean {
  return wasmApi !== undefined && typeof wasmApi.validate === 'function' && wasmApi.validate(kernelsWasm);
}

/**
 * Creates the hot-loop kernels over a fresh arena: the SIMD128 WebAssembly module
 * (`src/simd/kernels.wat`, instantiated synchronously) when supported, else the scalar loops of
 * `src/network/hot-loops.ts` and `src/simd/scalar-kernels.ts`. Issue 14, item 1 (WebAssembly
 * SIMD, https://github.com/WebAssembly/simd).
 *
 * @example
 * ```ts
 * const k = createSimdKernels({ bytes: 1 << 20 });
 * const x = k.f64(1000), y = k.f64(1000);
 * k.axpyF64(y, x, 2, 1000);
 * ```
 */
export function createSimdKernels(options: SimdKernelsOptions = {}): SimdKernels {
  const bytes = options.bytes ?? 1 << 20;
  if (!Number.isInteger(bytes) || bytes < 1 || bytes > 2 ** 30) {
    throw new ParameterError('bytes', `must be an integer in [1, 2^30], got ${String(bytes)}`, 'pass the arena size in bytes, e.g. 1 << 20');
  }
  if (options.simd !== undefined && typeof options.simd !== 'boolean') {
    throw new ParameterError('simd', `must be a boolean, got ${String(options.simd)}`, 'pass true, false, or leave it out');
  }
  const pages = Math.ceil(bytes / PAGE);
  const useSimd = options.simd !== false && simdSupported();
  let buffer: ArrayBuffer;
  let wasm: WasmExports | undefined;
  if (useSimd && wasmApi) {
    const memory = new wasmApi.Memory({ initial: pages, maximum: pages });
    compiled ??= new wasmApi.Module(kernelsWasm);
    const instance = new wasmApi.Instance(compiled, { env: { memory } });
    wasm = instance.exports as unknown as WasmExports;
    buffer = memory.buffer;
  } else {
    buffer = new ArrayBuffer(pages * PAGE);
  }
  let top = 0;
  const take = (name: string, length: number, elementBytes: number): number => {
    if (!Number.isInteger(length) || length < 0) throw new InvalidValueError('length', `must be a non-negative integer, got ${String(length)}`, `pass the ${name} length`);
    const need = length * elementBytes;
    if (need > buffer.byteLength - top) {
      throw new InvalidValueError('length', `${name}(${length}) needs ${need} bytes, ${buffer.byteLength - top} are free`, 'create the kernels with a larger `bytes` option');
    }
    const at = top;
    top = (top + need + 15) & ~15;
    return at;
  };
  const own = (name: string, arr: ArrayBufferView, offset: number, length: number, count: number): void => {
    if (arr.buffer !== buffer) throw new ShapeError(name, 'is not in this arena', 'allocate it with f64() or i8() of the same kernels');
    if ((count | 0) !== count || count < 0) throw new InvalidValueError('m', `must be a non-negative integer, got ${String(count)}`, 'pass the number of entries');
    if ((offset | 0) !== offset || offset < 0 || offset + count > length) throw new ShapeError(name, `range [${offset}, ${offset + count}) exceeds its length ${length}`);
  };
  const base = {
    simd: useSimd,
    buffer,
    f64: (length: number): Float64Array => new Float64Array(buffer, take('f64', length, 8), length),
    i8: (length: number): Int8Array => new Int8Array(buffer, take('i8', length, 1), length),
    f32: (length: number): Float32Array => new Float32Array(buffer, take('f32', length, 4), length),
    u32: (length: number): Uint32Array => new Uint32Array(buffer, take('u32', length, 4), length),
    i32: (length: number): Int32Array => new Int32Array(buffer, take('i32', length, 4), length),
    i16: (length: number): Int16Array => new Int16Array(buffer, take('i16', length, 2), length),
  };
  const checkI16 = (ap: Int16Array, aStride: number, bp: Int16Array, bOffset: number, c: Int32Array, cOffset: number, cRow: number, qp: number, np: number, steps: number): void => {
    for (const [name, v] of [['aStride', aStride], ['bOffset', bOffset], ['cOffset', cOffset], ['cRow', cRow], ['qp', qp], ['np', np], ['steps', steps]] as const) {
      if ((v | 0) !== v || v < 0) throw new InvalidValueError(name, `must be a non-negative integer, got ${String(v)}`, 'pass panel counts and element offsets');
    }
    if (steps >= 8192) throw new InvalidValueError('steps', `must be below 8192 (k < 2^16 keeps the i32 sums exact), got ${steps}`, 'split k');
    if (qp > 0 && steps > 0) own('ap', ap, 0, ap.length, (qp - 1) * aStride + 32 * steps);
    if (np > 0 && steps > 0) own('bp', bp, bOffset, bp.length, 16 * steps * np);
    if (qp > 0 && np > 0) own('c', c, cOffset, c.length, (qp - 1) * cRow + 8 * np);
  };
  const checkHamming = (x: Uint32Array, s: Uint32Array, out: Int32Array, m: number, panels: number, chunks: number): void => {
    for (const [name, v] of [['m', m], ['panels', panels], ['chunks', chunks]] as const) {
      if ((v | 0) !== v || v < 0) throw new InvalidValueError(name, `must be a non-negative integer, got ${String(v)}`, 'pass row and word counts');
    }
    own('x', x, 0, x.length, 4 * chunks * m);
    own('s', s, 0, s.length, 16 * chunks * panels);
    own('out', out, 0, out.length, 4 * panels * m);
  };
  const checkGemm = (ap: Float64Array, aOffset: number, aStride: number, bp: Float64Array, c: Float64Array, cRow: number, qp: number, np: number, kc: number): void => {
    for (const [name, v] of [['qp', qp], ['np', np], ['kc', kc], ['aStride', aStride], ['aOffset', aOffset], ['cRow', cRow]] as const) {
      if ((v | 0) !== v || v < 0) throw new InvalidValueError(name, `must be a non-negative integer, got ${String(v)}`, 'pass panel counts and element offsets');
    }
    if (qp > 0 && kc > 0) own('ap', ap, aOffset, ap.length, (qp - 1) * aStride + 6 * kc);
    own('bp', bp, 0, bp.length, 8 * kc * np);
    if (qp > 0 && np > 0) own('c', c, 0, c.length, (qp - 1) * cRow + 48 * np);
  };
  const checkSigned = (w: Float64Array, wOffset: number, wStride: number, k: number, words: Int32Array, wordsOffset: number, n: number, tab: Float64Array, out: Float64Array, outOffset: number, outStride: number): void => {
    for (const [name, v] of [['wOffset', wOffset], ['wStride', wStride], ['wordsOffset', wordsOffset], ['n', n], ['outOffset', outOffset], ['outStride', outStride]] as const) {
      if ((v | 0) !== v || v < 0) throw new InvalidValueError(name, `must be a non-negative integer, got ${String(v)}`, 'pass element offsets, strides and counts');
    }
    if (!(k >= 1 && k <= 4 && (k | 0) === k)) throw new InvalidValueError('k', `must be an integer in 1..4, got ${String(k)}`, 'pass the number of queries of the tile');
    own('w', w, wOffset, w.length, (k - 1) * wStride + 32);
    own('words', words, wordsOffset, words.length, n);
    own('tab', tab, 0, tab.length, 4128);
    own('out', out, outOffset, out.length, (k - 1) * outStride + n);
  };
  if (!wasm) {
    return {
      ...base,
      get free(): number {
        return buffer.byteLength - top;
      },
      dotInt8: dotInt8Js,
      dotF64: dotF64Js,
      addInt8Row: addInt8RowJs,
      axpyF64: axpyF64Js,
      gemm6x8(ap, aOffset, aStride, bp, c, cRow, qp, np, kc) {
        checkGemm(ap, aOffset, aStride, bp, c, cRow, qp, np, kc);
        gemm6x8Js(ap, aOffset, aStride, bp, c, cRow, qp, np, kc);
      },
      dotF32: dotF32Js,
      axpyF32: axpyF32Js,
      hamming4(x, s, out, m, panels, chunks) {
        checkHamming(x, s, out, m, panels, chunks);
        hamming4Js(x, s, out, m, panels, chunks);
      },
      gemmI16(ap, aStride, bp, bOffset, c, cOffset, cRow, qp, np, steps) {
        checkI16(ap, aStride, bp, bOffset, c, cOffset, cRow, qp, np, steps);
        gemmI16Js(ap, aStride, bp, bOffset, c, cOffset, cRow, qp, np, steps);
      },
      signedGroup(w, wOffset, wStride, k, words, wordsOffset, n, tab, out, outOffset, outStride) {
        checkSigned(w, wOffset, wStride, k, words, wordsOffset, n, tab, out, outOffset, outStride);
        signedGroupJs(w, wOffset, wStride, k, words, wordsOffset, n, tab, out, outOffset, outStride);
      },
    };
  }
  const w = wasm;
  return {
    ...base,
    get free(): number {
      return buffer.byteLength - top;
    },
    dotInt8(t, b, a, m) {
      own('t', t, b, t.length, m);
      own('a', a, 0, a.length, m);
      return w.dotInt8(t.byteOffset + b, a.byteOffset, m);
    },
    dotF64(a, b, n) {
      own('a', a, 0, a.length, n);
      own('b', b, 0, b.length, n);
      return w.dotF64(a.byteOffset, b.byteOffset, n);
    },
    addInt8Row(stat, t, b, f, m) {
      own('stat', stat, 0, stat.length, m);
      own('t', t, b, t.length, m);
      w.addInt8Row(stat.byteOffset, t.byteOffset + b, f, m);
    },
    axpyF64(y, x, alpha, n) {
      own('y', y, 0, y.length, n);
      own('x', x, 0, x.length, n);
      w.axpyF64(y.byteOffset, x.byteOffset, alpha, n);
    },
    gemm6x8(ap, aOffset, aStride, bp, c, cRow, qp, np, kc) {
      checkGemm(ap, aOffset, aStride, bp, c, cRow, qp, np, kc);
      w.gemm6x8(ap.byteOffset + 8 * aOffset, 8 * aStride, bp.byteOffset, c.byteOffset, 8 * cRow, qp, np, kc);
    },
    dotF32(a, b, n) {
      own('a', a, 0, a.length, n);
      own('b', b, 0, b.length, n);
      return w.dotF32(a.byteOffset, b.byteOffset, n);
    },
    axpyF32(y, x, alpha, n) {
      own('y', y, 0, y.length, n);
      own('x', x, 0, x.length, n);
      w.axpyF32(y.byteOffset, x.byteOffset, alpha, n);
    },
    hamming4(x, s, out, m, panels, chunks) {
      checkHamming(x, s, out, m, panels, chunks);
      w.hamming4(x.byteOffset, s.byteOffset, out.byteOffset, m, panels, chunks);
    },
    gemmI16(ap, aStride, bp, bOffset, c, cOffset, cRow, qp, np, steps) {
      checkI16(ap, aStride, bp, bOffset, c, cOffset, cRow, qp, np, steps);
      w.gemmI16(ap.byteOffset, 2 * aStride, bp.byteOffset + 2 * bOffset, c.byteOffset + 4 * cOffset, 4 * cRow, qp, np, steps);
    },
    signedGroup(wv, wOffset, wStride, k, words, wordsOffset, n, tab, out, outOffset, outStride) {
      checkSigned(wv, wOffset, wStride, k, words, wordsOffset, n, tab, out, outOffset, outStride);
      w.signedGroup(wv.byteOffset + 8 * wOffset, 8 * wStride, k, words.byteOffset + 4 * wordsOffset, n, tab.byteOffset, out.byteOffset + 8 * outOffset, 8 * outStride);
    },
  };
}

/**
 * Whether every sum `sum_mu +/- a[mu]` over `mu < m` (any signs, any order, any partial sums) is
 * exact in binary64: all `a[mu]` are multiples of 1/2 and `sum_mu |a[mu]| <= 2^51`, so every
 * partial sum is a multiple of 1/2 below 2^52 in magnitude. Then the SIMD `dotInt8` of a bipolar row
 * with `a` equals the scalar loop bit for bit (both equal the exact value), whatever its order.
 *
 * @example
 * ```ts
 * sumsExactly(Float64Array.of(17.5, -3, 8), 3); // true
 * sumsExactly(Float64Array.of(0.1), 1); // false
 * ```
 */
export function sumsExactly(a: Float64Array, m: number): boolean {
  let total = 0;
  for (let mu = 0; mu < m; mu++) {
    const v = a[mu]!;
    if (!Number.isInteger(2 * v)) return false;
    total += Math.abs(v);
  }
  return total <= 2 ** 51;
}
