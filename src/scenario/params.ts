import { z } from 'zod';
import { ParameterError } from '../errors.js';

function splitList(value: unknown): unknown {
  if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (typeof value === 'number') return [value];
  return value;
}

// `--set r=` would coerce to 0: an empty value is an error, not a zero.
function blankToNaN(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? NaN : value;
}

/** Inclusive bounds of a numeric scenario parameter. */
export interface ParamBounds {
  readonly min?: number;
  readonly max?: number;
}

function bounded<S extends z.ZodCoercedNumber<unknown>>(schema: S, bounds: ParamBounds): S {
  let s = schema;
  if (bounds.min !== undefined) s = s.min(bounds.min) as S;
  if (bounds.max !== undefined) s = s.max(bounds.max) as S;
  return s;
}

/**
 * Builders for scenario parameters. Every parameter has a default; values given on the command
 * line as strings (`--set N=64,128`) are coerced, and lists are comma-separated.
 *
 * @example
 * ```ts
 * const params = z.object({
 *   N: param.intList([50, 100], { min: 2 }),
 *   rules: param.enumList(['hebbian', 'adatron'], ['hebbian']),
 *   beta: param.number(10, { min: 0 }),
 * });
 * ```
 */
export const param = {
  /** An integer. */
  int: (fallback: number, bounds: ParamBounds = {}) => z.preprocess(blankToNaN, bounded(z.coerce.number().int(), bounds)).default(fallback),
  /** A finite number. */
  number: (fallback: number, bounds: ParamBounds = {}) => z.preprocess(blankToNaN, bounded(z.coerce.number().finite(), bounds)).default(fallback),
  /** A comma-separated list of integers. */
  intList: (fallback: number[], bounds: ParamBounds = {}) =>
    z.preprocess(splitList, z.array(bounded(z.coerce.number().int(), bounds)).min(1)).default(fallback),
  /** A comma-separated list of numbers. */
  numberList: (fallback: number[], bounds: ParamBounds = {}) =>
    z.preprocess(splitList, z.array(bounded(z.coerce.number().finite(), bounds)).min(1)).default(fallback),
  /** One of a fixed set of names. */
  choice: <const V extends readonly [string, ...string[]]>(values: V, fallback: V[number]) => z.enum(values).default(fallback),
  /** A comma-separated list of names from a fixed set. */
  choiceList: <const V extends readonly [string, ...string[]]>(values: V, fallback: V[number][]) =>
    z.preprocess(splitList, z.array(z.enum(values)).min(1)).default(fallback),
};

/**
 * Validates raw parameters (strings from `--set`, or values from code) against a scenario's
 * schema. Unknown keys and bad values raise a {@link ParameterError} that names the key, says
 * what was wrong and lists what is accepted.
 *
 * @example
 * ```ts
 * parseParams('capacity', schema, { N: '64,128' }); // { N: [64, 128], ...defaults }
 * ```
 */
export function parseParams<P>(scenario: string, schema: z.ZodType<P>, raw: Record<string, unknown>): P {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  if (shape) {
    for (const key of Object.keys(raw)) {
      if (!(key in shape)) {
        throw new ParameterError(key, `is not a parameter of scenario "${scenario}"`, `use one of: ${Object.keys(shape).join(', ')}`);
      }
    }
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = issue.path.length > 0 ? String(issue.path[0]) : 'params';
    const where = issue.path.length > 1 ? `entry ${Number(issue.path[1]) + 1}: ` : '';
    const given = issue.path.length > 0 ? raw[String(issue.path[0])] : raw;
    const fix = issue.code === 'custom' ? 'change the parameters named above' : describeExpected(shape?.[String(issue.path[0])]);
    throw new ParameterError(key, `${where}${issue.message.replace(/\s+/g, ' ')} (given ${JSON.stringify(given)})`, fix);
  }
  return parsed.data;
}

function describeExpected(field: unknown): string {
  const def = (field as { def?: { defaultValue?: unknown } } | undefined)?.def;
  const fallback = def && 'defaultValue' in def ? def.defaultValue : undefined;
  return fallback === undefined ? 'see `kmn list` for the parameters' : `a value like the default ${JSON.stringify(fallback)}`;
}

/**
 * The default value of every parameter of a schema.
 *
 * @example
 * ```ts
 * defaultParams(schema); // { N: [50, 100], beta: 10 }
 * ```
 */
export function defaultParams<P>(schema: z.ZodType<P>): P {
  return schema.parse({});
}

/**
 * Memory one task may plan to use (2 GiB): parameters whose estimate exceeds it are refused before the run.
 *
 * @example
 * ```ts
 * 8 * M * M <= TASK_MEMORY_BUDGET; // an M x M Float64 matrix fits
 * ```
 */
export const TASK_MEMORY_BUDGET = 2 ** 31;

function formatBytes(bytes: number): string {
  return bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toPrecision(3)} GiB` : `${(bytes / 2 ** 20).toPrecision(3)} MiB`;
}

/**
 * A cross-parameter check for a schema's `superRefine`: refuses, naming `key`, parameters whose
 * task would need more than {@link TASK_MEMORY_BUDGET} bytes for `what`.
 *
 * @example
 * ```ts
 * z.object({ M: param.int(100, { min: 2, max: 100_000 }) }).superRefine((p, ctx) =>
 *   requireMemory(ctx, 'M', 8 * p.M * p.M, 'the M x M kernel matrix'));
 * ```
 */
export function requireMemory(ctx: z.RefinementCtx, key: string, bytes: number, what: string): void {
  if (!(bytes <= TASK_MEMORY_BUDGET)) {
    ctx.addIssue({ code: 'custom', path: [key], message: `needs about ${formatBytes(bytes)} per task for ${what}, more than the ${formatBytes(TASK_MEMORY_BUDGET)} budget; lower ${key}` });
  }
}

/**
 * A cross-parameter check for a schema's `superRefine`: refuses `key` with `message` unless `ok`.
 *
 * @example
 * ```ts
 * z.object({ dim: param.int(32), radius: param.int(11) }).superRefine((p, ctx) =>
 *   requireThat(ctx, 'radius', p.radius < p.dim / 2, `must be below dim / 2 = ${p.dim / 2}`));
 * ```
 */
export function requireThat(ctx: z.RefinementCtx, key: string, ok: boolean, message: string): void {
  if (!ok) ctx.addIssue({ code: 'custom', path: [key], message });
}
