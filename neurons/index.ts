/** Built-in neuron models, the `NeuronModel` interface they implement, and their registry. */
export * from './neuron-model.js';
export * from './point-neuron.js';
export * from './pyramidal-neuron.js';
export * from './sigma-pi-neuron.js';
export * from './sdm-neuron.js';
export * from './continuous-units.js';
export * from './registry.js';
