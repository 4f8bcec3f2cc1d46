import { ParameterError } from '../errors.js';

let tsx: Promise<void> | undefined;

function registerTsx(): Promise<void> {
  tsx ??= import('tsx/esm/api').then(
    (m: { register: () => unknown }) => {
      m.register();
    },
    () => {
      throw new ParameterError('scenario', 'is a TypeScript module and tsx is not installed', 'install tsx to run TypeScript scenarios (npm install tsx)');
    },
  );
  return tsx;
}

/**
 * Imports a scenario module by URL. Compiled kmn (JavaScript in dist/) registers the tsx loader
 * lazily, and only for a TypeScript module; from the sources a loader is already in place.
 *
 * @example
 * ```ts
 * const mod = await importModule(pathToFileURL('my-scenario.ts').href);
 * ```
 */
export async function importModule(url: string): Promise<unknown> {
  if (/\.[cm]?ts$/.test(new URL(url).pathname) && !import.meta.url.endsWith('.ts')) await registerTsx();
  return import(url);
}
