import {
  ParameterError, SingularMatrixError, coverSeparableProbability, createKernel, createRng, createRule, logBinomial, randomBipolar, trainCoefficients,
  type KernelSpec, type RuleSpecData,
} from 'kmn';

/** Options of {@link capacitySweep}: one rule and kernel, N neurons, a list of pattern counts M. */
export interface CapacitySweepOptions {
  /** Number of neurons N (each learns from N - 1 inputs). */
  readonly N: number;
  /** Pattern counts M to try, ascending. */
  readonly loads: readonly number[];
  /** Independent pattern sets per M. */
  readonly trials: number;
  readonly kernel: KernelSpec;
  readonly rule: RuleSpecData;
  /** Every pattern set and training order derives from this seed. */
  readonly seed: number;
  /** Epoch limit of the learning rule per neuron. */
  readonly maxEpochs: number;
}

/** One load of the sweep: measured counts and Cover's prediction. */
export interface CapacityPoint {
  readonly M: number;
  /** Load alpha = M / N. */
  readonly load: number;
  /** Neurons (over all trials) whose trained coefficients put every example on the right side. */
  readonly separatingNeurons: number;
  /** N x trials. */
  readonly neurons: number;
  /** Trials in which every neuron separates: all M patterns are fixed points. */
  readonly storedTrials: number;
  readonly trials: number;
  /** Cover's P(M, d) for one neuron with a d-dimensional feature space; null if d is infinite or unknown. */
  readonly coverNeuron: number | null;
  /** `P(M, d)^N`: all N neurons, treated as independent (the approximation of `coverNetworkCapacity`). */
  readonly coverNetwork: number | null;
}

/**
 * Dimension of a neuron's feature space for a kernel on N - 1 bipolar inputs, when it is finite:
 * linear `N - 1`; polynomial `(h + c)^p` with c > 0 has every multilinear monomial up to degree p
 * (`x_j^2 = 1` on the hypercube), `sum_{s <= p} C(N - 1, s)`; c = 0 keeps degrees p, p - 2, ...
 * Exponential and SDM kernels have infinite-dimensional (or pattern-dependent) feature maps: null.
 *
 * @example
 * ```ts
 * featureDimension({ name: 'poly', params: { degree: 2, c: 1 } }, 12); // 1 + 11 + 55 = 67
 * ```
 */
export function featureDimension(kernel: KernelSpec, N: number): number | null {
  const inputs = N - 1;
  if (kernel.name === 'linear') return inputs;
  if (kernel.name !== 'poly') return null;
  const degree = kernel.params.degree ?? 2;
  const c = kernel.params.c ?? 0;
  let d = 0;
  for (let s = degree; s >= 0; s -= c > 0 ? 1 : 2) d += Math.round(Math.exp(logBinomial(inputs, s)));
  return d;
}

/**
 * A small capacity sweep of a recurrent kernel memory network (Property 2.2, Eq. 8): for each M and
 * trial, M random bipolar patterns of N bits (stream `seed / capacity / M:m / trial:t / patterns`)
 * are learned by every neuron with the rule (order from `... / order`); the sweep counts the neurons
 * that separate their local problem and the trials in which all of them do (every pattern a fixed
 * point). Cover (1965): one linear neuron separates M random points in general position in d
 * dimensions with probability `C(M, d) / 2^M`. Pure: the same options give the same numbers in
 * Node and in a browser's Web Worker.
 *
 * @throws {@link ParameterError} for sizes outside the bounds below, before any work.
 * @example
 * ```ts
 * const points = capacitySweep({ N: 16, loads: [8, 16, 32], trials: 4, kernel: { name: 'linear', params: {} }, rule: { name: 'kernelAdatron', options: { tol: 0.01 } }, seed: 1, maxEpochs: 200 });
 * ```
 */
export function capacitySweep(options: CapacitySweepOptions, onProgress?: (done: number, total: number) => void): CapacityPoint[] {
  const { N, loads, trials, seed, maxEpochs } = options;
  if (!Number.isInteger(N) || N < 4 || N > 256) throw new ParameterError('N', `must be an integer in [4, 256], got ${N}`, 'pick a small network, e.g. N = 24');
  if (!Number.isInteger(trials) || trials < 1 || trials > 100) throw new ParameterError('trials', `must be an integer in [1, 100], got ${trials}`, 'use a few trials, e.g. 8');
  if (!Number.isInteger(maxEpochs) || maxEpochs < 1 || maxEpochs > 100_000) throw new ParameterError('maxEpochs', `must be an integer in [1, 100000], got ${maxEpochs}`, 'e.g. 300');
  if (loads.length === 0 || loads.some((m, k) => !Number.isInteger(m) || m < 1 || m > 4096 || (k > 0 && m <= loads[k - 1]!))) {
    throw new ParameterError('loads', 'must be ascending integers in [1, 4096]', 'e.g. [4, 8, 12, ...]');
  }
  const kernel = createKernel(options.kernel.name, options.kernel.params);
  const rule = createRule(options.rule.name, options.rule.options);
  const d = featureDimension(options.kernel, N);
  const root = createRng(seed).child('capacity');
  const total = loads.length * trials;
  const points: CapacityPoint[] = [];
  let done = 0;
  for (const M of loads) {
    let separatingNeurons = 0;
    let storedTrials = 0;
    for (let t = 0; t < trials; t++) {
      const rng = root.child(`M:${M}`).child(`trial:${t}`);
      const X = randomBipolar({ count: M, dim: N }, rng.child('patterns'));
      let separating = 0;
      try {
        const { reports } = trainCoefficients(X, kernel, rule, { maxEpochs, rng: rng.child('order') });
        for (const r of reports) if (r.separates) separating++;
      } catch (error) {
        // The pseudoinverse cannot solve a singular kernel matrix: no neuron stores the set.
        if (!(error instanceof SingularMatrixError)) throw error;
      }
      separatingNeurons += separating;
      if (separating === N) storedTrials++;
      onProgress?.(++done, total);
    }
    const coverNeuron = d === null ? null : coverSeparableProbability(M, d);
    points.push({ M, load: M / N, separatingNeurons, neurons: N * trials, storedTrials, trials, coverNeuron, coverNetwork: coverNeuron === null ? null : coverNeuron ** N });
  }
  return points;
}
