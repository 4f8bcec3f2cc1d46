/**
 * Typed errors raised at kmn's API edges.
 *
 * Every error names the offending parameter and says how to fix it, so the CLI can print it in
 * one line. Hot loops never validate; the functions that accept user input do, once.
 *
 * @example
 * ```ts
 * import { KmnError } from 'kmn';
 * try { randomBipolar({ count: 0, dim: 8 }, rng); } catch (e) {
 *   if (e instanceof KmnError) console.error(e.message); // "count: must be a positive integer, got 0 ..."
 * }
 * ```
 */
export class KmnError extends Error {
  /** Machine-readable error code, e.g. `"shape"`. */
  readonly code: string;
  /** The parameter (or input) at fault. */
  readonly parameter: string;
  /** How to fix it. */
  readonly fix: string;

  constructor(code: string, parameter: string, problem: string, fix: string) {
    super(`${parameter}: ${problem}${fix ? `. Fix: ${fix}` : ''}`);
    this.name = new.target.name;
    this.code = code;
    this.parameter = parameter;
    this.fix = fix;
  }
}

/**
 * An array or matrix has the wrong shape or length.
 *
 * @example
 * ```ts
 * throw new ShapeError('cue', 'has length 9, expected 10');
 * ```
 */
export class ShapeError extends KmnError {
  constructor(parameter: string, problem: string, fix = 'pass arrays whose sizes agree') {
    super('shape', parameter, problem, fix);
  }
}

/**
 * A value is out of its allowed range, non-finite, or of the wrong kind.
 *
 * @example
 * ```ts
 * throw new InvalidValueError('beta', 'must be > 0, got -1', 'pass a positive beta');
 * ```
 */
export class InvalidValueError extends KmnError {
  constructor(parameter: string, problem: string, fix: string) {
    super('invalid-value', parameter, problem, fix);
  }
}

/**
 * A pattern that must be bipolar (+1/-1) holds some other value.
 *
 * @example
 * ```ts
 * throw new NotBipolarError('patterns', 'entry 3 of pattern 0 is 0, not +1 or -1');
 * ```
 */
export class NotBipolarError extends KmnError {
  constructor(parameter: string, problem: string, fix = 'binarise the data first, e.g. with patternsFromData({ threshold })') {
    super('not-bipolar', parameter, problem, fix);
  }
}

/**
 * Two stored patterns are identical, which makes a kernel matrix singular.
 *
 * @example
 * ```ts
 * throw new DuplicatePatternError('patterns', 2, 7);
 * ```
 */
export class DuplicatePatternError extends KmnError {
  constructor(parameter: string, first: number, second: number) {
    super('duplicate-pattern', parameter, `patterns ${first} and ${second} are identical`, 'remove duplicate patterns before storing them');
  }
}

/**
 * A matrix that must be inverted is singular or numerically so.
 *
 * @example
 * ```ts
 * throw new SingularMatrixError('kernel matrix', 'is singular', 'remove duplicate patterns');
 * ```
 */
export class SingularMatrixError extends KmnError {
  constructor(parameter: string, problem: string, fix: string) {
    super('singular-matrix', parameter, problem, fix);
  }
}

/**
 * A name is missing from a registry or registered twice.
 *
 * @example
 * ```ts
 * throw new RegistryError('kernel', 'unknown kernel "polly"', 'use one of: linear, poly');
 * ```
 */
export class RegistryError extends KmnError {
  constructor(parameter: string, problem: string, fix: string) {
    super('registry', parameter, problem, fix);
  }
}

/**
 * A scenario or option received a parameter it does not know, or a bad value.
 *
 * @example
 * ```ts
 * throw new ParameterError('n', 'is not a parameter of scenario "capacity"', 'use one of: N, rules');
 * ```
 */
export class ParameterError extends KmnError {
  constructor(parameter: string, problem: string, fix: string) {
    super('parameter', parameter, problem, fix);
  }
}

/**
 * Throws an {@link InvalidValueError} unless `value` is a positive integer.
 *
 * @example
 * ```ts
 * assertPositiveInteger('count', 0); // throws "count: must be a positive integer, got 0 ..."
 * ```
 */
export function assertPositiveInteger(parameter: string, value: number): void {
  if (!Number.isInteger(value) || value <= 0) {
    throw new InvalidValueError(parameter, `must be a positive integer, got ${value}`, `pass a whole number >= 1`);
  }
}

/**
 * Throws an {@link InvalidValueError} unless `lo <= value <= hi` (and finite).
 *
 * @example
 * ```ts
 * assertInRange('sparseness', 1.5, 0, 1); // throws
 * ```
 */
export function assertInRange(parameter: string, value: number, lo: number, hi: number): void {
  if (!Number.isFinite(value) || value < lo || value > hi) {
    throw new InvalidValueError(parameter, `must lie in [${lo}, ${hi}], got ${value}`, `pass a finite number between ${lo} and ${hi}`);
  }
}

/**
 * Throws an {@link InvalidValueError} unless `value` is finite and strictly positive.
 *
 * @example
 * ```ts
 * assertPositive('temperature', 0); // throws
 * ```
 */
export function assertPositive(parameter: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw new InvalidValueError(parameter, `must be a finite number > 0, got ${value}`, `pass a positive number`);
  }
}

/**
 * Throws an {@link InvalidValueError} naming the first non-finite entry of `values`.
 *
 * @example
 * ```ts
 * assertFinite('state', [1, NaN]); // throws "state: entry 1 is NaN ..."
 * ```
 */
export function assertFinite(parameter: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) {
      throw new InvalidValueError(parameter, `entry ${i} is ${v}`, 'remove NaN and infinite values');
    }
  }
}
