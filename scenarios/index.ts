// Compiled to .js in dist/; run from the TypeScript sources (tests, tsx) the modules are .ts.
const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
const at = (stem: string): string => new URL(`./${stem}${ext}`, import.meta.url).href;


/**
 * The built-in scenarios, by name: each value is the URL of a module whose default export is
 * a scenario (workers import it by this URL).
 *
 * @example
 * ```ts
 * Object.keys(builtinScenarios); // ['capacity', 'basins', ...]
 * ```
 */
export const builtinScenarios: Readonly<Record<string, string>> = {
  capacity: at('capacity'),
  'sdm-kernel': at('sdm-kernel'),
  'hebbian-crosstalk': at('hebbian-crosstalk'),
  basins: at('basins'),
  dendrites: at('dendrites'),
  'continuous-recall': at('continuous-recall'),
  'sphere-basins': at('sphere-basins'),
  'uhn-benchmark': at('uhn-benchmark'),
  digits: at('digits'),
  'random-features': at('random-features'),
  'polynomial-scaling': at('polynomial-scaling'),
  'structured-capacity': at('structured-capacity'),
  'spherical-codes': at('spherical-codes'),
  'dense-memory-digits': at('dense-memory-digits'),
  'state-classification': at('state-classification'),
  'sequential-learning': at('sequential-learning'),
};
