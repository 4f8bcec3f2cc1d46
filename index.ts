/**
 * kmn: kernel memory networks (Iatropoulos, Brea and Gerstner, NeurIPS 2022), the isomorphic
 * core: patterns, kernels, networks, neuron models, plasticity, the spike bus and theory. It has
 * no Node.js imports and bundles for the browser as it is; the scenario runtime, built-in
 * scenarios and report writers are in `kmn/node`.
 *
 * @example
 * ```ts
 * import { createRng, linear, randomBipolar, recurrentNetwork } from 'kmn';
 * const X = randomBipolar({ count: 10, dim: 100 }, createRng(1));
 * const net = recurrentNetwork({ patterns: X, kernel: linear() });
 * ```
 *
 * @packageDocumentation
 */
// Error classes are public; the assertion helpers beside them are internal (issue 11).
export { DuplicatePatternError, InvalidValueError, KmnError, NotBipolarError, ParameterError, RegistryError, ShapeError, SingularMatrixError } from './src/errors.js';
export * from './src/rng/rng.js';
export { asContinuous, bipolarPatterns, continuousPatterns, neuronMajor, patternRow, type BipolarPatterns, type ContinuousPatterns, type PatternShape, type Patterns } from './src/patterns/pattern-set.js';
export * from './src/patterns/generate.js';
export * from './src/patterns/corrupt.js';
export * from './src/kernels/kernel.js';
export * from './src/kernels/inner-product.js';
export * from './src/kernels/translation-invariant.js';
export * from './src/kernels/sdm-hypercube.js';
export * from './src/kernels/sdm-hypersphere.js';
export * from './src/kernels/sdm-features.js';
export { dotSimilarity, identitySeparation, maxSeparation, negativeEuclidean, negativeManhattan, polynomialSeparation, softmaxSeparation, universalHopfieldRecall, type Separation, type Similarity, type UniversalHopfieldOptions } from './src/kernels/universal-hopfield.js';
export * from './src/kernels/batch.js';
export * from './src/kernels/registry.js';
export * from './src/linalg/gauss-legendre.js';
export * from './src/linalg/special.js';
export * from './src/linalg/factorization.js';
export * from './src/network/index.js';
export * from './src/sim/index.js';
export * from './src/theory/cover.js';
export * from './src/theory/hebbian.js';
export * from './src/theory/continuous.js';
export * from './src/registry.js';
export * from './src/scenario/scenario.js';
export * from './src/scenario/params.js';
export * from './src/scenario/task-rng.js';
export { version } from './src/version.js';
export * from './neurons/index.js';
export * from './plasticity/index.js';
export * from './spec/index.js';
export * from './src/data/data-format-error.js';
export * from './src/data/idx.js';
export * from './src/data/image-patterns.js';
export * from './src/data/transforms.js';
export * from './src/data/blocks.js';
export * from './src/data/image-grid.js';
export * from './src/data/mnist-package.js';
export * from './src/features/index.js';
export * from './src/network/field-engine.js';
export * from './src/network/schedule.js';
export * from './src/network/overlap-engine.js';
export * from './src/network/model-engine.js';
export * from './src/network/kernel-form-neuron.js';
export * from './src/network/energy.js';
export * from './src/kernels/gram.js';
export * from './src/states/energy-profile.js';
export * from './src/states/label-states.js';
export * from './src/report/chart-spec.js';
export * from './src/report/sphere-spec.js';
export * from './src/report/ticks.js';
export * from './src/report/palette.js';
export * from './src/report/intervals.js';
export * from './src/patterns/structured.js';
export { maxCodeSize, minPairwiseDistance } from './src/patterns/structured-bounds.js';
export * from './src/search/capacity-search.js';
export * from './src/search/recall-check.js';
export * from './src/theory/dense-capacity.js';
export * from './plasticity/separation-map.js';
export * from './src/kernels/check-kernel.js';
export * from './plasticity/sequential/index.js';
export * from './src/lagrangian/index.js';
export * from './src/sim/lagrangian-simulation.js';
export * from './src/sim/monitors/lagrangian-monitors.js';
export * from './plasticity/dense-memory-trainer-model.js';
export * from './plasticity/dense-memory-trainer.js';
export * from './plasticity/exact/rational-certificate.js';
export * from './plasticity/exact/exact-capacity.js';
export * from './plasticity/exact/stores-all.js';
export * from './plasticity/exact/neurons-by-margin.js';
export * from './plasticity/exact/nearest-hulls.js';
export * from './plasticity/exact/max-margin-network.js';
export * from './src/network/batched-recall.js';
export * from './src/network/batched-feed-forward.js';
export * from './src/simd/simd-kernels.js';
export * from './src/simd/scalar-kernels.js';
export * from './src/simd/blocked-product.js';
export * from './src/simd/exact-product.js';
export * from './src/simd/batched-overlaps.js';
export * from './src/network/batched-continuous.js';
