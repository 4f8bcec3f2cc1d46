import { ParameterError, assertPositiveInteger } from '../errors.js';
import { assertLength } from '../patterns/pattern-set.js';

/**
 * How a bipolar state `s` in {-1, +1}^d becomes a point x of the memory space:
 * `zero-one` (Hoover et al.'s binary setting) `x_j = (1 + s_j) / (2 sqrt(d))`, i.e. {0, 1}/sqrt(d);
 * `bipolar` `x_j = s_j / sqrt(d)` (the unit sphere).
 */
export type BinaryEncoding = 'zero-one' | 'bipolar';

/** The affine form `x_j = offset + slope s_j` of an encoding. */
export interface EncodingForm {
  readonly offset: number;
  readonly slope: number;
}

/**
 * `offset` and `slope` of `x_j = offset + slope s_j` for an encoding in dimension d.
 *
 * @throws {@link ParameterError} for an unknown encoding.
 * @example
 * ```ts
 * encodingForm('zero-one', 100); // { offset: 0.05, slope: 0.05 }
 * ```
 */
export function encodingForm(encoding: BinaryEncoding, dim: number): EncodingForm {
  assertPositiveInteger('dim', dim);
  if (encoding === 'zero-one') return { offset: 0.5 / Math.sqrt(dim), slope: 0.5 / Math.sqrt(dim) };
  if (encoding === 'bipolar') return { offset: 0, slope: 1 / Math.sqrt(dim) };
  throw new ParameterError('encoding', `unknown encoding "${String(encoding)}"`, "use 'zero-one' or 'bipolar'");
}

/**
 * The memory-space point of a bipolar state: `x_j = offset + slope s_j` (see {@link BinaryEncoding}).
 *
 * @example
 * ```ts
 * encodeBinary(Int8Array.of(1, -1, 1, 1), 'zero-one'); // [0.5, 0, 0.5, 0.5]
 * ```
 */
export function encodeBinary(s: ArrayLike<number>, encoding: BinaryEncoding, out = new Float64Array(s.length)): Float64Array {
  assertLength('out', out, s.length);
  const { offset, slope } = encodingForm(encoding, s.length);
  for (let j = 0; j < s.length; j++) out[j] = offset + slope * s[j]!;
  return out;
}
