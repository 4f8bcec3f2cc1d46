import { z } from 'zod';

/**
 * Option fields shared by several learning rules (the bias feature, a stopping tolerance, the
 * form), for their options schemas. Schemas are parsed with the registries' one options system,
 * `parseOptions` (validation, defaults, help text), and documented by `optionsJsonSchema`.
 *
 * @example
 * ```ts
 * const schema = z.object({ bias: ruleOption.bias, tol: ruleOption.tol(1e-3) }).strict();
 * parseOptions(schema, { tol: 1e-4 }, { noun: 'learning rule', entry: 'mine' }); // { bias: false, tol: 0.0001 }
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
