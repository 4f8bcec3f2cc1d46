import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ParameterError } from '../errors.js';
import { importModule } from './import-module.js';
import type { Scenario } from './scenario.js';

/** A scenario together with the URL of the module it came from (workers import it too). */
export interface LoadedScenario {
  readonly scenario: Scenario;
  readonly moduleUrl: string;
  /** The scenario as a run's manifest records it: the built-in name, or the module's absolute path. */
  readonly source: string;
}

/**
 * Loads a scenario by built-in name (from `builtins`) or by file path (`./my-scenario.ts`, any
 * module whose default export is a scenario made with `defineScenario`).
 *
 * @example
 * ```ts
 * const { scenario, moduleUrl } = await loadScenario('./my-scenario.ts', builtinScenarios);
 * ```
 */
export async function loadScenario(spec: string, builtins: Readonly<Record<string, string>>): Promise<LoadedScenario> {
  let moduleUrl = builtins[spec];
  let source = spec;
  if (!moduleUrl) {
    const looksLikePath = /[\\/]/.test(spec) || /\.(ts|mts|js|mjs)$/.test(spec);
    if (!looksLikePath) {
      throw new ParameterError('scenario', `unknown scenario "${spec}"`, `use one of: ${Object.keys(builtins).join(', ')}, or a path like ./my-scenario.ts`);
    }
    const path = resolve(spec);
    if (!existsSync(path)) throw new ParameterError('scenario', `no file at ${path}`, 'check the path to your scenario module');
    moduleUrl = pathToFileURL(path).href;
    source = path;
  }
  const mod = (await importModule(moduleUrl)) as { default?: Partial<Scenario> };
  const s = mod.default;
  if (!s || typeof s.tasks !== 'function' || typeof s.runTask !== 'function' || typeof s.summarize !== 'function' || !s.params || !s.name) {
    throw new ParameterError('scenario', `${spec} does not default-export a scenario`, 'export default defineScenario({ name, description, params, defaultTrials, tasks, runTask, summarize })');
  }
  return { scenario: s as Scenario, moduleUrl, source };
}
