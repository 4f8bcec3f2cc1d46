/**
 * Plasticity: local online learning rules that train each neuron of a kernel memory network
 * on its own problem (DESIGN.md section 4), the one training driver that runs them, and the
 * trainers built on it. Loads without RxJS (the RxJS form of the events is `trainingEvents$` in
 * src/sim).
 *
 * @packageDocumentation
 */
export { applyUpdate, cloneState, createState, currentField, kktHolds, minStability, onlineRule, refreshFields, weightNorm2 } from './rule.js';
export type { LearningRule, LocalProblem, NeuronState, OnlineRuleSpec, RuleOptions } from './rule.js';
export { MAX_EPOCHS, drive, fit } from './driver.js';
export type { DriveResult, EpochEvent, FitOptions, Learner, PresentationEvent, TrainingEvent, TrainingListener } from './driver.js';
export * from './options.js';
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
export * from './session.js';
