/**
 * Plasticity: local online learning rules that train each neuron of a kernel memory network
 * on its own problem (DESIGN.md section 4), and the trainers that run them over a network.
 *
 * @packageDocumentation
 */
export * from './rule.js';
export * from './problem.js';
export * from './hebbian.js';
export * from './pseudoinverse.js';
export * from './perceptron.js';
export * from './minover.js';
export * from './passive-aggressive.js';
export * from './adatron.js';
export * from './registry.js';
export * from './train.js';
export * from './presentations.js';
export * from '../src/sim/training-events.js';
