/**
 * The package version, written into every result. A test keeps it equal to package.json's
 * `version` (the built package must not read files relative to its own location).
 *
 * @example
 * ```ts
 * console.log(version); // "0.2.0"
 * ```
 */
export const version: string = '0.2.0';
