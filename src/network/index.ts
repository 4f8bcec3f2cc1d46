/** Module index (filled in as the module grows). */

export * from './continuous-network.js';
export * from './recurrent-network.js';
export * from './feed-forward-network.js';
export * from './neuron-model.js';
