import { describe, expect, it } from 'vitest';
import { createRng, expBeta, exponential, flipBits, linear, patternRow, polynomial, randomBipolar, recurrentNetwork, type Kernel } from '../../node.js';
import { kernelFormNeuron } from '../../src/network/kernel-form-neuron.js';

describe('overlap engine and neuron-model engine with trained-like coefficients, thresholds and noise', () => {
  // Random positive alpha_i^mu and thresholds exercise the two-dot-product field (c . A + s_i alpha . B);
  // the neuron-model engine (kernel form) sums alpha_i^mu xi_i^mu k(...) subunit by subunit. Same seed, same trajectory.
  const n = 36;
  const m = 25;
  const rng = createRng(11);
  const X = randomBipolar({ count: m, dim: n }, rng);
  const alpha = Float64Array.from({ length: n * m }, () => rng.uniform() * 2);
  const theta = Float64Array.from({ length: n }, () => rng.normal());
  const kernels: [Kernel, number][] = [[linear(), 1], [polynomial({ degree: 3, c: 1 }), 1], [exponential({ temperature: 3 }), 1], [expBeta({ r: 5, beta: 1 }), 1e-3]];
  for (const [kernel, thetaScale] of kernels) {
    it(`identical spikes on every schedule, at T = 0 and T > 0 (${kernel.name})`, () => {
      const net = recurrentNetwork({ patterns: X, kernel, alpha, theta: theta.map((v) => v * thetaScale) });
      const modelNet = recurrentNetwork({ patterns: X, kernel, alpha, theta: theta.map((v) => v * thetaScale), neuron: kernelFormNeuron({ kernel }), rng: createRng(0) });
      for (const schedule of ['synchronous', 'fixed', 'random-permutation', 'random-sequential', 'poisson'] as const) {
        for (const temperature of [0, 0.3]) {
          const cue = flipBits(patternRow(X, 2), 0.3, createRng(12));
          const trace = (path: 'overlap' | 'model') => {
          const engineNet = path === 'overlap' ? net : modelNet;
            const events: number[] = [];
            const r = engineNet.run(cue, {
              schedule, temperature, rng: createRng(13), maxSweeps: 8,
              observer: { spikes: (b) => { for (let k = 0; k < b.length; k++) events.push(b.time[k]!, b.neuron[k]!, b.state[k]!); } },
            });
            return { events, state: Array.from(r.state), sweeps: r.sweeps, converged: r.converged, flips: r.flips };
          };
          const fast = trace('overlap');
          expect(fast).toEqual(trace('model'));
          if (temperature > 0) expect(fast.flips).toBeGreaterThan(0);
        }
      }
    });
  }
});
