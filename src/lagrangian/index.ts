/** Lagrangian neuron layers and the visible-hidden network of Krotov and Hopfield (2021). */
export * from './lagrangian.js';
export * from './elementwise.js';
export * from './log-sum-exp.js';
export * from './layer-norm.js';
export * from './hidden-network.js';
