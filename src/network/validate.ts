import { NotBipolarError } from '../errors.js';
import { bipolarPatterns, type BipolarPatterns } from '../patterns/pattern-set.js';

/**
 * Validates stored patterns at a network's edge: a bipolar set whose data has `count x dim`
 * entries of +1/-1 (patterns built by hand skip the constructors' checks).
 *
 * @throws {@link NotBipolarError} for continuous or non-bipolar patterns; {@link ShapeError} on a
 * length mismatch.
 * @example
 * ```ts
 * checkBipolarPatterns('patterns', X);
 * ```
 */
export function checkBipolarPatterns(parameter: string, patterns: BipolarPatterns): void {
  if (patterns.kind !== 'bipolar' || !(patterns.data instanceof Int8Array)) {
    throw new NotBipolarError(parameter, `are ${String(patterns.kind)} patterns; this network stores bipolar (+1/-1) patterns`, 'binarise the patterns, or use interpolationNetwork for continuous ones');
  }
  bipolarPatterns(patterns.data, patterns, parameter);
}
