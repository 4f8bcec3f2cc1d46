import { z } from 'zod';
import { InvalidValueError, ParameterError, RegistryError } from './errors.js';

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
 * The options schema of a registry entry (kernel, neuron model, learning rule): a zod object
 * whose fields carry their type, bounds, default (none: required) and help text (`.describe`).
 * One schema gives validation, defaults, help and JSON Schema ({@link optionsJsonSchema}).
 */
export type OptionsSchema = z.ZodObject<z.ZodRawShape>;

/** How {@link parseOptions} names what it rejects. */
export interface OptionsContext {
  /** The kind of entry, for messages: "kernel", "neuron model", "learning rule". */
  readonly noun: string;
  /** The entry's registry name; errors name the option `<entry>.<key>`. */
  readonly entry: string;
}

/**
 * Validates options against an entry's schema and fills in the defaults, before anything is
 * built. An unknown key (inherited names such as `toString` included) or a missing required
 * option is a {@link ParameterError}; a number out of bounds, NaN or infinite is an
 * {@link InvalidValueError}; each names `<entry>.<key>` and quotes the option's help text.
 *
 * @example
 * ```ts
 * const schema = z.object({ degree: z.number().int().min(1).default(3).describe('degree p >= 1') }).strict();
 * parseOptions(schema, { degree: 2 }, { noun: 'kernel', entry: 'poly' }); // { degree: 2 }
 * parseOptions(schema, { degree: 0 }, { noun: 'kernel', entry: 'poly' }); // throws InvalidValueError('poly.degree', ...)
 * ```
 */
export function parseOptions<S extends OptionsSchema>(schema: S, given: unknown, context: OptionsContext): z.output<S> {
  const { noun, entry } = context;
  if (given === null || typeof given !== 'object' || Array.isArray(given)) {
    throw new ParameterError(entry, `options of ${noun} "${entry}" must be an object, got ${JSON.stringify(given)}`, 'pass an options object such as {}');
  }
  const shape = schema.shape as Record<string, z.ZodType>;
  const keys = Object.keys(shape);
  for (const key of Object.keys(given)) {
    if (!Object.prototype.hasOwnProperty.call(shape, key)) {
      throw new ParameterError(`${entry}.${key}`, `is not a parameter of this ${noun}`, `use ${keys.join(', ') || 'no parameters'}`);
    }
  }
  const parsed = schema.safeParse(given);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const key = issue.path.map(String).join('.');
  const name = key ? `${entry}.${key}` : entry;
  const value = (given as Record<string, unknown>)[String(issue.path[0])];
  const help = shape[String(issue.path[0])]?.description ?? `see the ${noun}'s documentation`;
  if (value === undefined) throw new ParameterError(name, 'is required', `pass ${key}: ${help}`);
  const problem = `${issue.message} (given ${typeof value === 'number' ? String(value) : JSON.stringify(value)})`;
  if (typeof value === 'number') throw new InvalidValueError(name, problem, `pass ${key}: ${help}`);
  throw new ParameterError(name, problem, `pass ${key}: ${help}`);
}

/**
 * The JSON Schema (draft 2020-12) of an options schema's input: types, bounds, defaults, the
 * required options and help text, for command-line help, forms or saved specs.
 *
 * @example
 * ```ts
 * optionsJsonSchema(kernelEntry('poly')!.schema).properties; // { degree: { type: 'integer', minimum: 1, default: 3, ... }, ... }
 * ```
 */
export function optionsJsonSchema(schema: OptionsSchema): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
}

/**
 * Reusable option fields for registry schemas: a number or an integer with help text, bounds and
 * a default (leave the default out to make the option required).
 *
 * @example
 * ```ts
 * const schema = optionsSchema({ r: option.number('radius r > 0', undefined, { positive: true }), degree: option.int('degree p >= 1', 3, { min: 1 }) });
 * ```
 */
export const option = {
  /** A finite number; with `fallback` it has a default, without it is required. */
  number: (help: string, fallback?: number, bounds: { min?: number; max?: number; positive?: boolean } = {}) => {
    let s = z.number().finite();
    if (bounds.positive) s = s.positive();
    if (bounds.min !== undefined) s = s.min(bounds.min);
    if (bounds.max !== undefined) s = s.max(bounds.max);
    return fallback === undefined ? s.describe(help) : s.default(fallback).describe(help);
  },
  /** An integer; with `fallback` it has a default, without it is required. */
  int: (help: string, fallback?: number, bounds: { min?: number; max?: number } = {}) => {
    let s = z.number().int();
    if (bounds.min !== undefined) s = s.min(bounds.min);
    if (bounds.max !== undefined) s = s.max(bounds.max);
    return fallback === undefined ? s.describe(help) : s.default(fallback).describe(help);
  },
};

/**
 * An options schema from its fields (built with {@link option}, or any zod types), for
 * `registerKernel`, `registerNeuronModel` and rules, without importing zod yourself.
 *
 * @example
 * ```ts
 * const schema = optionsSchema({ radius: option.int('neighbourhood radius >= 0', 2, { min: 0 }) });
 * ```
 */
export function optionsSchema(shape: z.ZodRawShape): OptionsSchema {
  return z.object(shape);
}
