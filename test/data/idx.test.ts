import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { DataFormatError } from '../../src/data/data-format-error.js';
import { parseIdx } from '../../src/data/idx.js';
import { imagesFromIdx } from '../../src/data/image-patterns.js';
import { loadIdxImages, readIdxFile } from '../../src/data/node/idx-file.js';
import { ShapeError } from '../../src/errors.js';

/** Big-endian uint32, written byte by byte as the IDX format specifies (LeCun, MNIST page). */
function u32(n: number): number[] {
  return [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
}

/** An IDX image file of 3 images, 2 rows x 4 columns, pixel = 10 * image + 4 * row + col. */
function imageFileBytes(): Uint8Array {
  const pixels: number[] = [];
  for (let m = 0; m < 3; m++) for (let r = 0; r < 2; r++) for (let c = 0; c < 4; c++) pixels.push(10 * m + 4 * r + c);
  return Uint8Array.from([0x00, 0x00, 0x08, 0x03, ...u32(3), ...u32(2), ...u32(4), ...pixels]);
}

const labelFileBytes = () => Uint8Array.from([0x00, 0x00, 0x08, 0x01, ...u32(3), 7, 0, 9]);

describe('parseIdx reads files written byte by byte', () => {
  it('uint8 images: magic 0x00000803, dims [count, rows, cols], row-major pixels', () => {
    const idx = parseIdx(imageFileBytes());
    expect(idx.type).toBe('uint8');
    expect(idx.dims).toEqual([3, 2, 4]);
    expect(idx.data).toBeInstanceOf(Uint8Array);
    // image 2, row 1, col 3 is byte 16 + 2*8 + 1*4 + 3 of the file: 10*2 + 4 + 3 = 27
    expect(idx.data[2 * 8 + 1 * 4 + 3]).toBe(27);
    expect(Array.from(idx.data.slice(8, 16))).toEqual([10, 11, 12, 13, 14, 15, 16, 17]);
  });

  it('labels: magic 0x00000801, dims [count]', () => {
    const idx = parseIdx(labelFileBytes());
    expect(idx.dims).toEqual([3]);
    expect(Array.from(idx.data)).toEqual([7, 0, 9]);
  });

  it('multi-byte types are big-endian: int16, int32, float32, float64', () => {
    // int16 -2 = 0xFFFE, 258 = 0x0102
    expect(Array.from(parseIdx(Uint8Array.from([0, 0, 0x0b, 1, ...u32(2), 0xff, 0xfe, 0x01, 0x02])).data)).toEqual([-2, 258]);
    // int32 -1 and 0x01020304 = 16909060
    expect(Array.from(parseIdx(Uint8Array.from([0, 0, 0x0c, 1, ...u32(2), 0xff, 0xff, 0xff, 0xff, 1, 2, 3, 4])).data)).toEqual([-1, 16909060]);
    // float32 1.5 = 0x3FC00000 (IEEE 754: sign 0, exponent 127, mantissa .1b)
    expect(Array.from(parseIdx(Uint8Array.from([0, 0, 0x0d, 1, ...u32(1), 0x3f, 0xc0, 0, 0])).data)).toEqual([1.5]);
    // float64 -2 = 0xC000000000000000
    expect(Array.from(parseIdx(Uint8Array.from([0, 0, 0x0e, 1, ...u32(1), 0xc0, 0, 0, 0, 0, 0, 0, 0])).data)).toEqual([-2]);
    // int8 0xFF = -1
    expect(Array.from(parseIdx(Uint8Array.from([0, 0, 0x09, 1, ...u32(1), 0xff])).data)).toEqual([-1]);
  });

  it('accepts an ArrayBuffer and a view with an offset', () => {
    const bytes = labelFileBytes();
    expect(Array.from(parseIdx(bytes.slice().buffer).data)).toEqual([7, 0, 9]);
    const padded = new Uint8Array(bytes.length + 5);
    padded.set(bytes, 5);
    expect(Array.from(parseIdx(padded.subarray(5)).data)).toEqual([7, 0, 9]);
  });

  it('accepts a SharedArrayBuffer and a cross-realm ArrayBuffer; anything else is a DataFormatError, never a TypeError', () => {
    const bytes = labelFileBytes();
    const shared = new SharedArrayBuffer(bytes.length);
    new Uint8Array(shared).set(bytes);
    // Before: `instanceof ArrayBuffer` was false, so `.buffer` of a SharedArrayBuffer was undefined (TypeError).
    expect(Array.from(parseIdx(shared).data)).toEqual([7, 0, 9]);
    const foreign = runInNewContext('new ArrayBuffer(11)') as ArrayBuffer;
    new Uint8Array(foreign).set(bytes);
    expect(foreign instanceof ArrayBuffer).toBe(false);
    expect(Array.from(parseIdx(foreign).data)).toEqual([7, 0, 9]);
    for (const junk of [null, undefined, 'abc', 12, { byteLength: 3 }, [0, 0, 8, 1]]) {
      expect(() => parseIdx(junk as unknown as ArrayBuffer, 'labels.idx')).toThrow(DataFormatError);
      expect(() => parseIdx(junk as unknown as ArrayBuffer, 'labels.idx')).toThrow(/^labels\.idx: is .*, not bytes/);
    }
  });

  it('a truncated body, a truncated header, a short file: DataFormatError saying "truncated"', () => {
    const full = imageFileBytes();
    for (const cut of [full.length - 1, 20, 10, 3]) {
      expect(() => parseIdx(full.subarray(0, cut))).toThrow(DataFormatError);
      expect(() => parseIdx(full.subarray(0, cut))).toThrow(/truncated/);
    }
  });

  it('a wrong magic number (and a gzip file) gives DataFormatError', () => {
    const bad = imageFileBytes().slice();
    bad[0] = 0x08;
    expect(() => parseIdx(bad)).toThrow(DataFormatError);
    expect(() => parseIdx(bad)).toThrow(/wrong magic number 0x08000803/);
    expect(() => parseIdx(Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0))).toThrow(/gzip/);
  });

  it('unknown type code, zero dimensions, zero size and trailing bytes are errors', () => {
    expect(() => parseIdx(Uint8Array.from([0, 0, 0x0a, 1, ...u32(1), 0]))).toThrow(/unknown IDX type code 0x0a/);
    expect(() => parseIdx(Uint8Array.from([0, 0, 0x08, 0]))).toThrow(DataFormatError);
    expect(() => parseIdx(Uint8Array.from([0, 0, 0x08, 1, ...u32(0)]))).toThrow(/size 0/);
    expect(() => parseIdx(Uint8Array.from([...labelFileBytes(), 5]))).toThrow(/1 bytes after the last element/);
  });

  it('imagesFromIdx builds an image set with labels; a wrong shape is a ShapeError', () => {
    const X = imagesFromIdx(parseIdx(imageFileBytes()), parseIdx(labelFileBytes()));
    expect(X.count).toBe(3);
    expect(X.dim).toBe(8);
    expect(X.image).toEqual({ height: 2, width: 4 });
    expect(Array.from(X.labels!)).toEqual([7, 0, 9]);
    expect(X.data[8 + 5]).toBe(15);
    expect(() => imagesFromIdx(parseIdx(labelFileBytes()))).toThrow(ShapeError);
    const twoLabels = Uint8Array.from([0, 0, 8, 1, ...u32(2), 1, 2]);
    expect(() => imagesFromIdx(parseIdx(imageFileBytes()), parseIdx(twoLabels))).toThrow(ShapeError);
  });

  it('Node: readIdxFile and loadIdxImages read the files from disk; errors name the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kmn-idx-'));
    writeFileSync(join(dir, 'images'), imageFileBytes());
    writeFileSync(join(dir, 'labels'), labelFileBytes());
    writeFileSync(join(dir, 'cut'), imageFileBytes().subarray(0, 30));
    expect(readIdxFile(join(dir, 'labels')).dims).toEqual([3]);
    const X = loadIdxImages({ images: join(dir, 'images'), labels: join(dir, 'labels') });
    expect(X.image).toEqual({ height: 2, width: 4 });
    expect(X.data[23]).toBe(27);
    expect(() => readIdxFile(join(dir, 'cut'))).toThrow(new RegExp(`${join(dir, 'cut')}: truncated`));
  });
});
