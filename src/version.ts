import { readFileSync } from 'node:fs';

/**
 * The package version, read from package.json (written into every result).
 *
 * @example
 * ```ts
 * console.log(version); // "0.1.0"
 * ```
 */
export const version: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
