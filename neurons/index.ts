/** Built-in neuron models and their registry (the `NeuronModel` interface lives in src/network). */
export * from './point-neuron.js';
export * from './pyramidal-neuron.js';
export * from './sigma-pi-neuron.js';
export * from './sdm-neuron.js';
export * from './continuous-units.js';
export * from './registry.js';
