import { assertPositiveInteger } from '../../errors.js';

/**
 * A fixed-capacity ring buffer of records of `width` numbers each, in one Float64Array: once
 * full, the oldest record is overwritten. Monitors use it so their memory stays bounded.
 *
 * @example
 * ```ts
 * const rb = ringBuffer(3, 2);
 * rb.push2(1, 10); rb.push2(2, 20);
 * rb.toArray(); // [[1, 10], [2, 20]]
 * ```
 */
export interface RingBuffer {
  readonly capacity: number;
  readonly width: number;
  /** Records currently held (at most `capacity`). */
  readonly length: number;
  /** Records ever pushed (including overwritten ones). */
  readonly total: number;
  /** Appends a record copied from `values` (length `width`). */
  push(values: ArrayLike<number>): void;
  /** Appends a record of width 2 without allocating. */
  push2(a: number, b: number): void;
  /** Appends a record of width 3 without allocating. */
  push3(a: number, b: number, c: number): void;
  /** The held records, oldest first (copies). */
  toArray(): number[][];
}

/**
 * Creates a {@link RingBuffer} holding `capacity` records of `width` numbers.
 *
 * @example
 * ```ts
 * const rb = ringBuffer(1000, 3); // e.g. (time, neuron, state) spike records
 * ```
 */
export function ringBuffer(capacity: number, width: number): RingBuffer {
  assertPositiveInteger('capacity', capacity);
  assertPositiveInteger('width', width);
  const data = new Float64Array(capacity * width);
  let total = 0;
  const slot = (): number => (total++ % capacity) * width;
  return {
    capacity,
    width,
    get length() {
      return Math.min(total, capacity);
    },
    get total() {
      return total;
    },
    push(values) {
      const o = slot();
      for (let k = 0; k < width; k++) data[o + k] = values[k]!;
    },
    push2(a, b) {
      const o = slot();
      data[o] = a;
      data[o + 1] = b;
    },
    push3(a, b, c) {
      const o = slot();
      data[o] = a;
      data[o + 1] = b;
      data[o + 2] = c;
    },
    toArray() {
      const n = Math.min(total, capacity);
      const out: number[][] = [];
      for (let r = total - n; r < total; r++) {
        const o = (r % capacity) * width;
        out.push(Array.from(data.subarray(o, o + width)));
      }
      return out;
    },
  };
}
