/**
 * Sequential learning: tasks learned one after another by any kernel-form rule, with methods
 * against forgetting (naive, rehearsal, pseudorehearsal, consolidation, support vectors) and the
 * recall matrix that measures it (McAlister, Robins and Szymanski 2025).
 *
 * @packageDocumentation
 */
export * from './methods.js';
export * from './consolidation-kernel.js';
export * from './sequential-learner.js';
export * from './task-sequence.js';
export * from './sequence.js';
