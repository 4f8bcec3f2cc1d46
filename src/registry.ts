import { ParameterError, RegistryError } from './errors.js';

/**
 * A name-keyed collection of factories (kernels, learning rules, neuron models): a duplicate
 * name and an unknown name are {@link RegistryError}s that say what to do.
 */
export interface Registry<E extends { readonly name: string }> {
  /** Adds an entry; throws if its name is taken. */
  register(entry: E): void;
  /** The entry for a name; throws, listing the known names, if there is none. */
  get(name: string): E;
  /** The entry for a name, or undefined. */
  find(name: string): E | undefined;
  /** All names, sorted. */
  names(): string[];
}

/**
 * Creates a {@link Registry}. `noun` names the kind of entry in messages ("kernel",
 * "learning rule"); `parameter` is the parameter named when a lookup fails.
 *
 * @example
 * ```ts
 * const shapes = createRegistry<{ name: string; sides: number }>({ noun: 'shape', parameter: 'shape' });
 * shapes.register({ name: 'triangle', sides: 3 });
 * shapes.get('square'); // throws RegistryError: shape: unknown shape "square". Fix: use one of: triangle
 * ```
 */
export function createRegistry<E extends { readonly name: string }>(options: { noun: string; parameter: string }): Registry<E> {
  const entries = new Map<string, E>();
  const names = (): string[] => [...entries.keys()].sort();
  return {
    register(entry) {
      if (entries.has(entry.name)) throw new RegistryError('name', `a ${options.noun} named "${entry.name}" is already registered`, 'choose another name');
      entries.set(entry.name, entry);
    },
    get(name) {
      const entry = entries.get(name);
      if (!entry) throw new RegistryError(options.parameter, `unknown ${options.noun} "${name}"`, `use one of: ${names().join(', ')}`);
      return entry;
    },
    find: (name) => entries.get(name),
    names,
  };
}

/**
 * Merges user options over an entry's defaults: unknown keys and required options left `NaN`
 * are {@link ParameterError}s naming `<entry>.<key>`.
 *
 * @example
 * ```ts
 * withDefaults('poly', { degree: 3, c: 0 }, { degree: 2 }, 'kernel'); // { degree: 2, c: 0 }
 * ```
 */
export function withDefaults<V>(entryName: string, defaults: Readonly<Record<string, V>>, given: Readonly<Record<string, V>>, noun = 'entry'): Record<string, V> {
  for (const key of Object.keys(given)) {
    if (!Object.prototype.hasOwnProperty.call(defaults, key)) {
      throw new ParameterError(`${entryName}.${key}`, `is not a parameter of this ${noun}`, `use ${Object.keys(defaults).join(', ') || 'no parameters'}`);
    }
  }
  const merged: Record<string, V> = { ...defaults, ...given };
  for (const [key, value] of Object.entries(merged)) {
    if (typeof value === 'number' && Number.isNaN(value)) throw new ParameterError(`${entryName}.${key}`, 'is required', `pass ${key}`);
  }
  return merged;
}
