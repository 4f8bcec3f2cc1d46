/**
 * What the schedule runner needs from a binary network: the field of one neuron, and a hook that
 * keeps any cached quantities (overlaps, kernel tables, feature sums) in step with the state.
 * Engines are chosen once, when a network is built, from what its kernel or neuron model
 * declares (DESIGN.md section 6: one op, several engines); the runner never asks which engine it
 * drives. Contract, for every state `s` the runner passes:
 *
 * - `reset(s)` re-derives every cached quantity from `s`. The runner calls it at the start of a
 *   run and after a synchronous step (many neurons changed at once).
 * - `field(i, s)` is `h_i(s) - theta_i` on its true scale (Eq. 12 for kernel networks); it must
 *   not read `s[i]` (no self-connections, Property 2.2) and must not allocate. Beyond the double
 *   range return `+/-Infinity` with the right sign, never `NaN` (Glauber noise uses the magnitude).
 * - `flip(i, s)`: neuron i has just changed sign, `s[i]` already holds its new value.
 *
 * Between `reset` and the end of a run, the state changes only through `flip`.
 *
 * @example
 * ```ts
 * // The classical Hopfield network as an engine: fields W s (zero diagonal), nothing cached.
 * const engine: FieldEngine = {
 *   size: n,
 *   reset() {},
 *   field(i, s) { let h = 0; for (let j = 0; j < n; j++) if (j !== i) h += W[i * n + j]! * s[j]!; return h; },
 *   flip() {},
 * };
 * runSchedule(engine, cue, { schedule: 'random-permutation', rng });
 * ```
 */
export interface FieldEngine {
  /** Number of neurons N. */
  readonly size: number;
  /** Re-derives every cached quantity from `state` (start of a run, after a synchronous step). */
  reset(state: Int8Array): void;
  /** `h_i - theta_i` on its true scale; never reads `state[i]`. */
  field(i: number, state: Int8Array): number;
  /** Neuron i just flipped (`state[i]` already updated). */
  flip(i: number, state: Int8Array): void;
}
