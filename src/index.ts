/**
 * kmn: kernel memory networks (Iatropoulos, Brea and Gerstner, NeurIPS 2022).
 *
 * @packageDocumentation
 */
export * from './errors.js';
export * from './rng/rng.js';
export * from './patterns/pattern-set.js';
export * from './patterns/generate.js';
export * from './patterns/corrupt.js';
export * from './kernels/kernel.js';
export * from './kernels/inner-product.js';
export * from './kernels/translation-invariant.js';
export * from './kernels/sdm-hypercube.js';
export * from './kernels/sdm-hypersphere.js';
export * from './kernels/sdm-features.js';
export * from './kernels/universal-hopfield.js';
export * from './kernels/batch.js';
export * from './kernels/registry.js';
export * from './linalg/gauss-legendre.js';
export * from './linalg/special.js';
export * from './network/index.js';
export * from './sim/index.js';
export * from '../neurons/index.js';
export * from '../plasticity/index.js';
export * from './scenario/scenario.js';
export * from './scenario/params.js';
export * from './scenario/run-scenario.js';
export * from './scenario/load.js';
export * from './scenario/task-rng.js';
export * from './report/atomic-write.js';
export * from './report/csv.js';
export * from './report/svg-chart.js';
export * from './report/markdown.js';
export * from './report/write-run.js';
export { version } from './version.js';
export * from './theory/cover.js';
export * from './theory/hebbian.js';
export * from './theory/continuous.js';
export * from './linalg/factorization.js';
export * from './registry.js';
