/**
 * The `NeuronModel` interface, re-exported beside the built-in models. It is declared in
 * `src/network/neuron-model.ts` because the engine's recurrent network runs any model through
 * its neuron-model engine, and the engine never imports from `neurons/`.
 */
export type { NeuronContext, NeuronField, NeuronModel } from '../src/network/neuron-model.js';
