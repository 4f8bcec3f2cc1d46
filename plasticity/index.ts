/**
 * Plasticity: local online learning rules that train each neuron of a kernel memory network
 * on its own problem (DESIGN.md section 4), and the trainers that run them over a network.
 *
 * @packageDocumentation
 */
export { applyUpdate, createState, currentField, fitEpochs, kktHolds, minStability, onlineRule, refreshFields, weightNorm2 } from './rule.js';
export type { FitOptions, LearningRule, LocalProblem, NeuronState, OnlineRuleSpec, RuleOptions } from './rule.js';
export { kernelProblem, localProblem, overlapMatrix } from './problem.js';
export type { KernelProblemOptions, LocalProblemInput } from './problem.js';
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
