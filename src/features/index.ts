export * from './random-features.js';
export * from './energy-memory.js';
export * from './exact-memory.js';
export * from './feature-memory.js';
export * from './binary-encoding.js';
export * from './feature-field-engine.js';
export { exactFieldEngine, type ExactFieldEngineOptions } from './exact-field-engine.js';
export * from './energy-network.js';
export * from './feature-variance.js';
