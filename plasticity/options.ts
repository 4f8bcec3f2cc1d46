import { z } from 'zod';
import { InvalidValueError, ParameterError } from '../src/errors.js';

/**
 * The schema of a learning rule's hyperparameters: a strict zod object whose fields carry their
 * defaults, bounds and help text (`.describe`). One schema serves validation, defaults, help text
 * and JSON Schema ({@link ruleOptionsJsonSchema}).
 */
export type RuleSchema = z.ZodObject<z.ZodRawShape>;

/**
 * Reusable option fields shared by several rules (the bias feature, the KKT tolerance, the form).
 *
 * @example
 * ```ts
 * const schema = z.object({ bias: ruleOption.bias, tol: ruleOption.tol(1e-3) }).strict();
 * ```
 */
export const ruleOption = {
  /** Learn a threshold through a constant bias feature (kernel `K + 1`). */
  bias: z.boolean().default(false).describe('learn a threshold through a constant bias feature (kernel K + 1)'),
  /** A stopping tolerance > 0 with the given default. */
  tol: (fallback: number, help = 'stopping tolerance (> 0)') => z.number().positive().default(fallback).describe(help),
  /** `'kernel'` (update alpha through K) or `'feature'` (update explicit weights w; linear kernel only). */
  form: z.enum(['kernel', 'feature']).default('kernel').describe("'kernel' updates alpha through K; 'feature' updates explicit weights w (linear kernel only)"),
};

/**
 * Validates a rule's options against its schema and fills in the defaults. Runs before anything
 * else is built, so bad input never leaves a half-made rule or a changed state behind. An
 * unknown key or a bad choice is a {@link ParameterError}; a number out of range, NaN or
 * infinite is an {@link InvalidValueError}; both name the option and quote its help text.
 *
 * @example
 * ```ts
 * parseRuleOptions('perceptron', perceptronSchema, { kappa: 2 }); // { kappa: 2, form: 'kernel', bias: false }
 * parseRuleOptions('perceptron', perceptronSchema, { kappa: -1 }); // throws InvalidValueError('kappa', ...)
 * ```
 */
export function parseRuleOptions<S extends RuleSchema>(rule: string, schema: S, given: unknown = {}): z.output<S> {
  if (given === null || typeof given !== 'object' || Array.isArray(given)) {
    throw new ParameterError('options', `options of rule "${rule}" must be an object, got ${JSON.stringify(given)}`, 'pass an options object such as {}');
  }
  const parsed = schema.safeParse(given);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const shape = schema.shape as Record<string, z.ZodType>;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    throw new ParameterError(key, `is not an option of rule "${rule}"`, `use one of: ${Object.keys(shape).join(', ') || 'no options'}`);
  }
  const key = issue.path.map(String).join('.') || 'options';
  const value = (given as Record<string, unknown>)[String(issue.path[0])];
  const help = shape[String(issue.path[0])]?.description ?? 'see the rule\'s documentation';
  const problem = `${issue.message} (given ${typeof value === 'number' ? String(value) : JSON.stringify(value)})`;
  if (typeof value === 'number') throw new InvalidValueError(key, problem, `pass ${key}: ${help}`);
  throw new ParameterError(key, problem, `pass ${key}: ${help}`);
}

/**
 * The JSON Schema (draft 2020-12) of a rule schema's input: property types, bounds, defaults and
 * help text, for command-line help, forms or saved specs.
 *
 * @example
 * ```ts
 * ruleOptionsJsonSchema(ruleEntry('perceptron')!.schema).properties.kappa; // { type: 'number', minimum: 0, default: 0, ... }
 * ```
 */
export function ruleOptionsJsonSchema(schema: RuleSchema): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
}
