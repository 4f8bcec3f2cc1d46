import { z } from 'zod';
import { InvalidValueError } from '../src/errors.js';
import { parseOptions } from '../src/registry.js';
import { ruleOption } from './options.js';
import { kktHolds, onlineRule, type LearningRule, type RuleOptions } from './rule.js';

/** Hyperparameters of {@link kernelAdatron} and {@link adatron}. */
export interface AdatronOptions extends RuleOptions {
  /**
   * Learning rate, `0 < eta < 2 / K(x, x)` for every example (checked in `init`). Omit it for
   * the per-example optimum `eta = 1 / K(x^mu, x^mu)` (exact coordinate ascent on the dual).
   */
  readonly eta?: number;
  /** KKT tolerance: stop when `y h >= 1 - tol` everywhere and `|y h - 1| <= tol` on support vectors. Defaults to 1e-3. */
  readonly tol?: number;
}

/** The options schema of {@link kernelAdatron} and {@link adatron}. */
export const adatronSchema = z.object({
  eta: z.number().positive().optional().describe('learning rate, 0 < eta < 2 / K(x, x); omit for the per-example optimum 1 / K(x, x)'),
  tol: ruleOption.tol(1e-3, 'KKT tolerance: stop when y h >= 1 - tol everywhere and |y h - 1| <= tol on support vectors (> 0)'),
  bias: ruleOption.bias,
}).strict();

function adatronRule(name: 'kernelAdatron' | 'adatron', form: 'kernel' | 'feature', options: AdatronOptions): LearningRule<AdatronOptions> {
  const o = parseOptions(adatronSchema, options, { noun: 'learning rule', entry: name });
  const { eta, tol } = o;
  const step = eta === undefined
    ? (yh: number, a: number, kmm: number) => {
      const next = a + (1 - yh) / kmm;
      return (next > 0 ? next : 0) - a;
    }
    : (yh: number, a: number) => {
      const next = a + eta * (1 - yh);
      return (next > 0 ? next : 0) - a;
    };
  return onlineRule({
    name,
    options: o,
    form,
    step,
    isConverged: (problem, state) => kktHolds(problem, state, tol),
    init(problem) {
      let maxDiag = 0;
      for (let mu = 0; mu < problem.count; mu++) maxDiag = Math.max(maxDiag, problem.diag[mu]!);
      if (!(maxDiag > 0)) {
        throw new InvalidValueError('kernel', 'K(x, x) must be > 0 for every example', 'use a kernel with positive self-similarity');
      }
      if (eta !== undefined && eta >= 2 / maxDiag) {
        throw new InvalidValueError(`${name}.eta`, `must be below the stable bound 2 / max K(x, x) = ${2 / maxDiag}, got ${eta}`, 'lower eta, or omit it for the per-example optimum 1 / K(x, x)');
      }
    },
  });
}

/**
 * The Kernel-Adatron (Friess, Cristianini and Campbell 1998): on example mu,
 * `alpha^mu <- max(0, alpha^mu + eta (1 - y^mu h^mu))` with `0 < eta < 2 / K(x^mu, x^mu)`.
 * It is coordinate ascent on the hard-margin SVM dual and converges to the SVM of Eq. 3 (the
 * maximal-margin neuron of Eq. 8) when the examples are separable. With `bias: true` the
 * kernel is augmented to `K + 1`, so the threshold is part of `w` (and of its norm).
 *
 * @throws {@link InvalidValueError} if eta <= 0 (factory) or `eta >= 2 / max K(x, x)` (init).
 * @example
 * ```ts
 * const rule = kernelAdatron({ tol: 1e-4, bias: true });
 * fit(rule, problem, rule.init(problem), { maxEpochs: 1000, rng: createRng(3) });
 * ```
 */
export function kernelAdatron(options: AdatronOptions = {}): LearningRule<AdatronOptions> {
  return adatronRule('kernelAdatron', 'kernel', options);
}

/**
 * The Adatron in feature form (Anlauf and Biehl 1989): the same update as {@link kernelAdatron},
 * `alpha^mu <- max(0, alpha^mu + eta (1 - y^mu h^mu))`, applied to explicit weights
 * `w += (delta alpha^mu) y^mu x^mu`, so each step costs O(N) instead of O(M). Needs explicit
 * features (the linear kernel).
 *
 * @throws {@link ParameterError} from `init` on a problem without explicit features (use {@link kernelAdatron}).
 * @example
 * ```ts
 * const rule = adatron({ tol: 1e-4 });
 * ```
 */
export function adatron(options: AdatronOptions = {}): LearningRule<AdatronOptions> {
  return adatronRule('adatron', 'feature', options);
}
