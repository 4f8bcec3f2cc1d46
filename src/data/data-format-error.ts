import { KmnError } from '../errors.js';

/**
 * A data file or buffer is not in the format it claims to be: a wrong magic number, an unknown
 * type code, a header or body shorter than its dimensions say (a truncated file), or trailing bytes.
 *
 * @example
 * ```ts
 * try { parseIdx(bytes); } catch (e) {
 *   if (e instanceof DataFormatError) console.error(e.message); // "idx: truncated file ..."
 * }
 * ```
 */
export class DataFormatError extends KmnError {
  constructor(parameter: string, problem: string, fix: string) {
    super('data-format', parameter, problem, fix);
  }
}
