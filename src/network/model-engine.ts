import type { FieldEngine } from './field-engine.js';
import type { NeuronField } from './neuron-model.js';

/**
 * The neuron-model engine: each neuron's field is its model's own function (`NeuronModel`'s
 * `initialize` result), evaluated from the whole state at every update; nothing is cached, so
 * `reset` and `flip` do nothing. This runs any model (point, pyramidal Eq. 12, sigma-pi, SDM, a
 * user's) under every schedule; it costs what the model's field costs (O(N M) for the pyramidal
 * unit, against O(M) for the overlap engine).
 *
 * @example
 * ```ts
 * const engine = neuronModelEngine(Array.from({ length: N }, (_, i) => model.initialize({ index: i, size: N, patterns: X, alpha, theta: 0, rng: rng.child(`neuron:${i}`) })));
 * runSchedule(engine, cue, { schedule: 'fixed' });
 * ```
 */
export function neuronModelEngine(fields: readonly NeuronField[]): FieldEngine {
  return {
    size: fields.length,
    reset() {},
    field: (i, s) => fields[i]!(s),
    flip() {},
  };
}
