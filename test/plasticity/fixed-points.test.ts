import { describe, expect, it } from 'vitest';
import { createRng, linear, patternRow, polynomial, randomBipolar, recurrentNetwork, type Kernel } from '../../node.js';
import { kernelAdatron, minover, passiveAggressive, perceptron, train, type LearningRule } from '../../plasticity/index.js';
import { runAsynchronous } from './helpers.js';

/**
 * A network trained with any separating rule has every stored pattern as a fixed point of its
 * asynchronous dynamics (Eq. 12): each neuron's field has the sign of its own pattern entry.
 * Checked twice: with an independent brute-force loop (test/plasticity/helpers.ts) on the
 * coefficients `train` hands over through the structural `setCoefficients` contract, and with
 * the engine's `recurrentNetwork` trained in place by `train`.
 */
describe('trained networks store every pattern as a fixed point of the asynchronous dynamics', () => {
  const cases: [string, Kernel, number, number, () => LearningRule][] = [
    ['perceptron, linear kernel, M = 0.5 N', linear(), 40, 20, () => perceptron()],
    ['Kernel-Adatron with bias, linear kernel, M = N', linear(), 40, 40, () => kernelAdatron({ bias: true })],
    ['MinOver, polynomial kernel, M = 2 N', polynomial({ degree: 2, c: 1 }), 30, 60, () => minover()],
    ['PA-I, polynomial kernel degree 3, M = 3 N', polynomial({ degree: 3 }), 25, 75, () => passiveAggressive({ variant: 'PA-I', C: 1 })],
  ];
  for (const [label, kernel, n, m, make] of cases) {
    it(label, () => {
      const x = randomBipolar({ count: m, dim: n }, createRng(`fp-${label}`));
      let installed: { alpha: Float64Array; theta: Float64Array } | null = null;
      const network = { patterns: x, kernel, setCoefficients: (c: { alpha: Float64Array; theta: Float64Array }) => { installed = c; } };
      const { reports } = train(network, x, make(), { maxEpochs: 5000, rng: createRng(1) });
      expect(reports.every((r) => r.converged && r.separates)).toBe(true);
      expect(installed).not.toBeNull();
      const { alpha, theta } = installed!;
      expect(alpha.length).toBe(n * m);
      const rng = createRng(2);
      for (let mu = 0; mu < m; mu++) {
        const run = runAsynchronous(x, kernel, alpha, theta, x.data.subarray(mu * n, (mu + 1) * n), 3, (k) => rng.permutation(k));
        expect(run.fixed).toBe(true);
        expect(run.flips).toBe(0);
      }
      const net = recurrentNetwork({ patterns: x, kernel });
      train(net, x, make(), { maxEpochs: 5000, rng: createRng(1) });
      for (let mu = 0; mu < m; mu++) {
        const result = net.run(patternRow(x, mu), { schedule: 'random-permutation', rng: createRng(3 + mu), maxSweeps: 3 });
        expect(result.converged).toBe(true);
        expect(result.flips).toBe(0);
      }
    });
  }
});
