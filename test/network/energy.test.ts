import { describe, expect, it } from 'vitest';
import { createRng, energyMonitor, linear, randomBipolar, recurrentNetwork, simulation } from '../../node.js';

describe('energy descent (Hopfield 1982) with symmetric weights, zero diagonal and thresholds', () => {
  // Coefficients that depend on the pattern only, alpha_i^mu = a^mu >= 0, give symmetric weights
  // W_ij = sum_mu a^mu xi_i^mu xi_j^mu; with W_ii = 0 an asynchronous update never increases
  // E = -1/2 sum_{i != j} W_ij s_i s_j + sum_i theta_i s_i (computed here from W, independently).
  const n = 40;
  const m = 15;
  const rng = createRng(1);
  const X = randomBipolar({ count: m, dim: n }, rng);
  const a = Float64Array.from({ length: m }, () => rng.uniform() * 2);
  const alpha = Float64Array.from({ length: n * m }, (_, k) => a[k % m]!);
  const theta = Float64Array.from({ length: n }, () => rng.normal() * 2);
  const W = new Float64Array(n * n);
  for (let mu = 0; mu < m; mu++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) W[i * n + j]! += a[mu]! * X.data[mu * n + i]! * X.data[mu * n + j]!;
  const energy = (s: ArrayLike<number>): number => {
    let e = 0;
    for (let i = 0; i < n; i++) {
      e += theta[i]! * s[i]!;
      for (let j = 0; j < n; j++) e -= 0.5 * W[i * n + j]! * s[i]! * s[j]!;
    }
    return e;
  };
  const net = recurrentNetwork({ patterns: X, kernel: linear(), alpha, theta });

  for (const schedule of ['fixed', 'random-permutation', 'random-sequential', 'poisson'] as const) {
    it(`never increases after any single spike (${schedule}, 20 random starts), and ends in a fixed point`, () => {
      for (let trial = 0; trial < 20; trial++) {
        const cue = randomBipolar({ count: 1, dim: n }, rng).data;
        const s = Int8Array.from(cue);
        let last = energy(s);
        const result = net.run(cue, {
          schedule, rng: createRng(100 + trial), maxSweeps: 100,
          observer: {
            spikes(batch) {
              for (let k = 0; k < batch.length; k++) {
                s[batch.neuron[k]!] = batch.state[k]!;
                const e = energy(s);
                expect(e).toBeLessThanOrEqual(last + 1e-9);
                last = e;
              }
            },
          },
        });
        expect(result.converged).toBe(true);
        expect(net.isFixedPoint(result.state)).toBe(true);
      }
    });
  }

  it('the energy monitor records the same non-increasing sequence per sweep', () => {
    const sim = simulation(net);
    const monitor = energyMonitor(sim, { energy, capacity: 1000 });
    const result = sim.run(randomBipolar({ count: 1, dim: n }, rng).data, { schedule: 'random-permutation', rng: createRng(7) });
    const e = monitor.records();
    expect(e.map((r) => r.step)).toEqual(Array.from({ length: result.sweeps }, (_, k) => k + 1));
    for (let k = 1; k < e.length; k++) expect(e[k]!.energy).toBeLessThanOrEqual(e[k - 1]!.energy + 1e-9);
    expect(e.at(-1)!.energy).toBeCloseTo(energy(result.state), 9);
  });
});
