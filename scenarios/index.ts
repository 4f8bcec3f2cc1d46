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
  capacity: new URL('./capacity.ts', import.meta.url).href,
  'sdm-kernel': new URL('./sdm-kernel.ts', import.meta.url).href,
  'hebbian-crosstalk': new URL('./hebbian-crosstalk.ts', import.meta.url).href,
  basins: new URL('./basins.ts', import.meta.url).href,
  dendrites: new URL('./dendrites.ts', import.meta.url).href,
  'continuous-recall': new URL('./continuous-recall.ts', import.meta.url).href,
  'sphere-basins': new URL('./sphere-basins.ts', import.meta.url).href,
};
