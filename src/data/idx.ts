import { DataFormatError } from './data-format-error.js';

/** The element types an IDX file can hold (type codes 0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E). */
export type IdxType = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';

/** The typed array an {@link IdxArray} stores its elements in. */
export type IdxData = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

/**
 * A parsed IDX array: element type, dimensions (outermost first, e.g. `[count, rows, cols]` for
 * an image file) and the elements in row-major order, converted from big-endian.
 */
export interface IdxArray {
  readonly type: IdxType;
  readonly dims: readonly number[];
  readonly data: IdxData;
}

const TYPES: Readonly<Record<number, { type: IdxType; size: number }>> = {
  0x08: { type: 'uint8', size: 1 },
  0x09: { type: 'int8', size: 1 },
  0x0b: { type: 'int16', size: 2 },
  0x0c: { type: 'int32', size: 4 },
  0x0d: { type: 'float32', size: 4 },
  0x0e: { type: 'float64', size: 8 },
};

/**
 * A DataView on the bytes: buffers are recognised by their tag, not `instanceof`, so a
 * `SharedArrayBuffer` or a buffer from another realm (a worker, an iframe, a vm context) works.
 */
function byteView(bytes: unknown, parameter: string): DataView {
  if (ArrayBuffer.isView(bytes)) return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = Object.prototype.toString.call(bytes);
  if (tag === '[object ArrayBuffer]' || tag === '[object SharedArrayBuffer]') return new DataView(bytes as ArrayBufferLike);
  const got = bytes === null ? 'null' : typeof bytes === 'object' ? tag : typeof bytes;
  throw new DataFormatError(parameter, `is ${got}, not bytes`, 'pass the file contents as an ArrayBuffer, SharedArrayBuffer or Uint8Array (e.g. new Uint8Array(await response.arrayBuffer()))');
}

/**
 * Parses an IDX file (the format of MNIST, Fashion-MNIST, EMNIST, KMNIST) from its bytes.
 *
 * Layout (LeCun et al., http://yann.lecun.com/exdb/mnist/): magic number `0x00 0x00 t d`
 * (type code `t`, number of dimensions `d`), then `d` big-endian uint32 sizes, then
 * `prod(sizes)` big-endian elements. MNIST images are magic `0x00000803` with sizes
 * `[count, 28, 28]`; labels `0x00000801` with `[count]`. Works in any JavaScript runtime (no file
 * system); read the file with `readIdxFile` from the Node entry, or `fetch` in a browser.
 *
 * @param bytes - the whole file (an `ArrayBuffer`, a `SharedArrayBuffer`, from any realm, or a view on one).
 * @param parameter - the name used in error messages (e.g. the file name).
 * @throws {@link DataFormatError} for anything that is not bytes, on a wrong magic number, an unknown type code, a zero size, a
 * truncated header or body, or bytes after the last element.
 * @example
 * ```ts
 * const labels = parseIdx(Uint8Array.of(0, 0, 8, 1, 0, 0, 0, 2, 7, 3));
 * labels.dims; // [2]
 * labels.data; // Uint8Array [7, 3]
 * ```
 */
export function parseIdx(bytes: ArrayBufferLike | ArrayBufferView, parameter = 'idx'): IdxArray {
  const view = byteView(bytes, parameter);
  const length = view.byteLength;
  if (length < 4) {
    throw new DataFormatError(parameter, `truncated file: ${length} bytes, shorter than the 4-byte magic number`, 'pass the whole IDX file (is the download complete? is it still gzipped?)');
  }
  const b0 = view.getUint8(0);
  const b1 = view.getUint8(1);
  const code = view.getUint8(2);
  const rank = view.getUint8(3);
  if (b0 !== 0 || b1 !== 0) {
    const hex = `0x${view.getUint32(0).toString(16).padStart(8, '0')}`;
    const gz = b0 === 0x1f && b1 === 0x8b ? ' (this is a gzip file: decompress it first)' : '';
    throw new DataFormatError(parameter, `wrong magic number ${hex}: an IDX file starts with two zero bytes${gz}`, 'pass an uncompressed IDX file, e.g. train-images-idx3-ubyte');
  }
  const kind = TYPES[code];
  if (!kind) {
    throw new DataFormatError(parameter, `unknown IDX type code 0x${code.toString(16).padStart(2, '0')}`, 'use one of 0x08 (uint8), 0x09 (int8), 0x0B (int16), 0x0C (int32), 0x0D (float32), 0x0E (float64)');
  }
  if (rank === 0) {
    throw new DataFormatError(parameter, 'has 0 dimensions', 'an IDX array needs at least one dimension');
  }
  const header = 4 + 4 * rank;
  if (length < header) {
    throw new DataFormatError(parameter, `truncated file: the header needs ${header} bytes for ${rank} dimensions, the file has ${length}`, 'pass the whole IDX file');
  }
  const dims: number[] = [];
  let count = 1;
  for (let k = 0; k < rank; k++) {
    const size = view.getUint32(4 + 4 * k);
    if (size === 0) throw new DataFormatError(parameter, `dimension ${k} has size 0`, 'pass a file with at least one element');
    dims.push(size);
    count *= size;
  }
  const expected = header + count * kind.size;
  if (length < expected) {
    throw new DataFormatError(parameter, `truncated file: dimensions [${dims.join(', ')}] of ${kind.type} need ${expected} bytes, the file has ${length}`, 'pass the whole IDX file (the download may have stopped early)');
  }
  if (length > expected) {
    throw new DataFormatError(parameter, `${length - expected} bytes after the last element of dimensions [${dims.join(', ')}]`, 'check the dimensions in the header; pass one IDX array per file');
  }
  return { type: kind.type, dims, data: readElements(view, header, count, kind.type) };
}

function readElements(view: DataView, offset: number, count: number, type: IdxType): IdxData {
  switch (type) {
    case 'uint8':
      return new Uint8Array(view.buffer.slice(view.byteOffset + offset, view.byteOffset + offset + count));
    case 'int8':
      return new Int8Array(view.buffer.slice(view.byteOffset + offset, view.byteOffset + offset + count));
    case 'int16': {
      const out = new Int16Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt16(offset + 2 * i);
      return out;
    }
    case 'int32': {
      const out = new Int32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt32(offset + 4 * i);
      return out;
    }
    case 'float32': {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(offset + 4 * i);
      return out;
    }
    case 'float64': {
      const out = new Float64Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(offset + 8 * i);
      return out;
    }
  }
}
