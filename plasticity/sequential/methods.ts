import { InvalidValueError, ParameterError } from '../../src/errors.js';
import type { BipolarPatterns } from '../../src/patterns/pattern-set.js';
import type { Rng } from '../../src/rng/rng.js';

/**
 * All a pseudorehearsal method may see of the network: its size and its dynamics. There is no
 * pattern, coefficient or example in it, so a method handed only this view cannot replay stored
 * data (McAlister, Robins and Szymanski 2025; Robins 1995: pseudo-items are the network's own
 * attractors reached from random probes).
 *
 * @example
 * ```ts
 * const attractor = view.relax(probe, rng); // run the current network from `probe` to a fixed point
 * ```
 */
export interface NetworkView {
  /** Number of neurons N. */
  readonly dim: number;
  /** Runs the current network's asynchronous dynamics from `probe`; returns the final state, or null if no fixed point was reached. */
  relax(probe: Int8Array, rng: Rng): Int8Array | null;
}

/**
 * Rehearsal (Robins 1995; McAlister et al. 2025): the method stores a fraction of each finished
 * task's patterns in its own buffer and replays every buffered pattern during each later task.
 */
export interface RehearsalCapability {
  /** Fraction of each task's patterns kept, in (0, 1]. */
  readonly fraction: number;
}

/**
 * Pseudorehearsal: before each new task, `probes` random states are relaxed by the current
 * network and the distinct fixed points reached are replayed. The generator receives a
 * {@link NetworkView} only, never a pattern.
 */
export interface PseudorehearsalCapability {
  /** Random probes per task. */
  readonly probes: number;
  /** Draws the pseudo-items from the network's dynamics alone. */
  generate(view: NetworkView, rng: Rng): Int8Array[];
}

/**
 * The consolidation penalty, kmn's analogue of elastic weight consolidation (Kirkpatrick et al.
 * 2017): while learning a new task each neuron pays
 * `(lambda / Kbar) sum_nu omega^nu (h^nu - h^nu_*)^2` for moving the fields of its earlier
 * examples nu away from their values `h_*` at the end of the previous task, with importance
 * `omega^nu = |alpha^nu| / mean |alpha|` (the dual coefficient: the Lagrange multiplier of example
 * nu's margin constraint, the sensitivity of the learned solution to it; zero for examples that
 * never mattered) and `Kbar` the mean `K(x^nu, x^nu)` (which makes lambda scale-free). Since
 * `h^nu - h^nu_* = (w - w_*) . phi(x^nu)`, the penalty is `(w - w_*)^T F (w - w_*)` with
 * `F = (lambda / Kbar) sum_nu omega^nu phi(x^nu) phi(x^nu)^T`: EWC's quadratic penalty with a
 * Fisher matrix built from the earlier examples that carry weight. A rule's minimal-norm step
 * `min ||dw||^2` becomes `min dw^T (I + F) dw`, i.e. the rule runs on the new task with the kernel
 * `K_eff(x, y) = phi(x)^T (I + F)^-1 phi(y)`, and earlier coefficients move by the matching amount.
 */
export interface ConsolidationCapability {
  /** Penalty strength lambda >= 0 (0 = naive; large values protect the earlier fields). */
  readonly strength: number;
}

/** Keeping earlier support vectors: each neuron replays the earlier examples on which its own coefficient is non-zero. */
export interface SupportVectorCapability {
  readonly perNeuron: true;
}

/**
 * A sequential-learning method: plain data plus at most one of each capability, which the
 * sequential learner dispatches on (never on the name). Methods compose with
 * {@link combineMethods} (e.g. rehearsal with consolidation).
 *
 * @example
 * ```ts
 * const method = combineMethods(rehearsal({ fraction: 0.25 }), consolidation({ strength: 10 }));
 * ```
 */
export interface SequentialMethod {
  /** A label, e.g. `"rehearsal"` or `"rehearsal+consolidation"`. */
  readonly name: string;
  /** Hyperparameters, plain JSON. */
  readonly options: Readonly<Record<string, number>>;
  readonly rehearsal?: RehearsalCapability;
  readonly pseudorehearsal?: PseudorehearsalCapability;
  readonly consolidation?: ConsolidationCapability;
  readonly supportVectors?: SupportVectorCapability;
}

/**
 * Naive sequential learning: each task is learned on its own patterns only, on top of what the
 * network already holds (earlier coefficients are kept and never revisited).
 *
 * @example
 * ```ts
 * learnSequence(tasks, { kernel: linear(), rule: hebbian(), method: naive() });
 * ```
 */
export function naive(): SequentialMethod {
  return Object.freeze({ name: 'naive', options: Object.freeze({}) });
}

/**
 * Rehearsal of a stored fraction of earlier patterns (Robins 1995): after each task,
 * `round(fraction * M_t)` of its patterns (drawn at random) go into the method's buffer; every
 * later task is learned together with the whole buffer. Memory cost: the buffered patterns.
 * With `fraction = 1` every task is learned jointly with all earlier ones.
 *
 * @throws {@link InvalidValueError} for a fraction outside (0, 1].
 * @example
 * ```ts
 * const method = rehearsal({ fraction: 0.25 });
 * ```
 */
export function rehearsal(options: { fraction: number }): SequentialMethod & { readonly rehearsal: RehearsalCapability } {
  const { fraction } = options;
  if (!(fraction > 0 && fraction <= 1)) throw new InvalidValueError('rehearsal.fraction', `must be in (0, 1], got ${fraction}`, 'pass the fraction of each task to keep, e.g. 0.25');
  return Object.freeze({ name: 'rehearsal', options: Object.freeze({ fraction }), rehearsal: Object.freeze({ fraction }) });
}

/** A pseudorehearsal method: its only capability is to generate items from a {@link NetworkView}. */
export interface PseudorehearsalMethod {
  readonly name: 'pseudorehearsal';
  readonly options: Readonly<{ probes: number }>;
  readonly pseudorehearsal: PseudorehearsalCapability;
}

/**
 * Pseudorehearsal (Robins 1995; McAlister et al. 2025): before each new task, `probes` uniformly
 * random states are relaxed by the current network; the distinct fixed points reached are learned
 * together with the new task (labels: their own entries) as the network's own memories; probes
 * that reach no fixed point within the sweep limit are dropped. The method stores no pattern: its generator is given a {@link NetworkView} (size and
 * dynamics) and nothing else, so it cannot read earlier tasks even by accident.
 *
 * @throws {@link InvalidValueError} for probes not a positive integer.
 * @example
 * ```ts
 * const method = pseudorehearsal({ probes: 32 });
 * ```
 */
export function pseudorehearsal(options: { probes: number }): PseudorehearsalMethod {
  const { probes } = options;
  if (!(Number.isInteger(probes) && probes >= 1 && probes <= 1_000_000)) {
    throw new InvalidValueError('pseudorehearsal.probes', `must be an integer in [1, 1e6], got ${probes}`, 'pass the number of random probes per task, e.g. 32');
  }
  const generate = (view: NetworkView, rng: Rng): Int8Array[] => {
    const n = view.dim;
    const seen = new Set<string>();
    const items: Int8Array[] = [];
    const probe = new Int8Array(n);
    for (let k = 0; k < probes; k++) {
      for (let j = 0; j < n; j++) probe[j] = rng.bipolar();
      const state = view.relax(probe, rng);
      if (!state) continue;
      const key = stateKey(state);
      if (seen.has(key)) continue;
      seen.add(key);
      items.push(state);
    }
    return items;
  };
  return Object.freeze({ name: 'pseudorehearsal', options: Object.freeze({ probes }), pseudorehearsal: Object.freeze({ probes, generate }) });
}

/**
 * The consolidation penalty, the analogue of elastic weight consolidation for kernel rules (see
 * {@link ConsolidationCapability} for the form and why). Memory cost: one importance per earlier
 * example and neuron (the earlier examples themselves are the network's dendritic subunits).
 *
 * @throws {@link InvalidValueError} for a negative or non-finite strength.
 * @example
 * ```ts
 * const method = consolidation({ strength: 10 });
 * ```
 */
export function consolidation(options: { strength: number }): SequentialMethod & { readonly consolidation: ConsolidationCapability } {
  const { strength } = options;
  if (!(strength >= 0 && Number.isFinite(strength))) throw new InvalidValueError('consolidation.strength', `must be finite and >= 0, got ${strength}`, 'pass lambda >= 0, e.g. 10');
  return Object.freeze({ name: 'consolidation', options: Object.freeze({ strength }), consolidation: Object.freeze({ strength }) });
}

/**
 * Keeping earlier support vectors (for the margin rules): each neuron learns the new task together
 * with the earlier examples on which its own coefficient is non-zero, the only ones its learned
 * function depends on. Memory cost: the distinct support vectors over all neurons.
 *
 * @example
 * ```ts
 * const method = supportVectors();
 * ```
 */
export function supportVectors(): SequentialMethod & { readonly supportVectors: SupportVectorCapability } {
  return Object.freeze({ name: 'supportVectors', options: Object.freeze({}), supportVectors: Object.freeze({ perNeuron: true as const }) });
}

/**
 * Combines methods into one (their capabilities side by side, e.g. rehearsal plus consolidation).
 *
 * @throws {@link ParameterError} if two methods bring the same capability.
 * @example
 * ```ts
 * combineMethods(pseudorehearsal({ probes: 32 }), consolidation({ strength: 1 })).name; // 'pseudorehearsal+consolidation'
 * ```
 */
export function combineMethods(...methods: readonly SequentialMethod[]): SequentialMethod {
  const out: { -readonly [K in keyof SequentialMethod]?: SequentialMethod[K] } = {};
  const options: Record<string, number> = {};
  for (const m of methods) {
    for (const key of ['rehearsal', 'pseudorehearsal', 'consolidation', 'supportVectors'] as const) {
      if (!m[key]) continue;
      if (out[key]) throw new ParameterError('methods', `two methods bring ${key}`, 'combine each capability once');
      (out as Record<string, unknown>)[key] = m[key];
    }
    for (const [k, v] of Object.entries(m.options)) options[k] = v;
  }
  const names = methods.map((m) => m.name).filter((n) => n !== 'naive');
  return Object.freeze({ ...out, name: names.length > 0 ? names.join('+') : 'naive', options: Object.freeze(options) });
}

/**
 * A string key of a bipolar state (for sets of states): one character per entry.
 *
 * @example
 * ```ts
 * stateKey(Int8Array.of(1, -1)); // '+-'
 * ```
 */
export function stateKey(state: ArrayLike<number>): string {
  let s = '';
  for (let j = 0; j < state.length; j++) s += state[j]! > 0 ? '+' : '-';
  return s;
}

/**
 * The patterns of `task` in rows (copies), for the rehearsal buffer.
 *
 * @example
 * ```ts
 * const rows = patternRows(task); // rows[mu] is pattern mu
 * ```
 */
export function patternRows(task: BipolarPatterns): Int8Array[] {
  const rows: Int8Array[] = [];
  for (let mu = 0; mu < task.count; mu++) rows.push(task.data.slice(mu * task.dim, (mu + 1) * task.dim));
  return rows;
}
