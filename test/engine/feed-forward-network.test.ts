import { describe, expect, it } from 'vitest';
import { ShapeError, createRng, exponential, feedForwardNetwork, flipBits, linear, patternRow, polynomial, randomBipolar, sdmFeatureMap } from '../../node.js';
import { kernelAdatron, trainFeedForward } from '../../plasticity/index.js';

describe('feed-forward hetero-associative network (Property 1)', () => {
  const rng = createRng(1);
  const Xin = randomBipolar({ count: 30, dim: 40 }, rng);
  const Xout = randomBipolar({ count: 30, dim: 12 }, rng);

  it('kernel form (Eq. 6) equals the feature form (Eq. 5) with W = (A (.) X_out) X_in for the linear kernel', () => {
    const alpha = Float64Array.from({ length: 12 * 30 }, () => rng.uniform());
    const theta = Float64Array.from({ length: 12 }, () => rng.normal());
    const net = feedForwardNetwork({ inputs: Xin, outputs: Xout, kernel: linear(), alpha, theta });
    const s = patternRow(randomBipolar({ count: 1, dim: 40 }, rng), 0);
    const h = net.fields(s);
    for (let i = 0; i < 12; i++) {
      let ref = -theta[i]!;
      for (let j = 0; j < 40; j++) {
        let w = 0;
        for (let mu = 0; mu < 30; mu++) w += alpha[i * 30 + mu]! * Xout.data[mu * 12 + i]! * Xin.data[mu * 40 + j]!;
        ref += w * s[j]!;
      }
      expect(h[i]).toBeCloseTo(ref, 10);
    }
  });

  it('trained with Kernel-Adatron, recalls every association exactly and from noisy inputs', () => {
    const kernel = polynomial({ degree: 2, c: 1 });
    const net = feedForwardNetwork({ inputs: Xin, outputs: Xout, kernel });
    const { alpha, theta, reports } = trainFeedForward(Xin, Xout, kernel, kernelAdatron({ tol: 1e-3 }), { maxEpochs: 2000 });
    expect(reports.every((r) => r.converged)).toBe(true);
    net.setCoefficients({ alpha, theta });
    for (let mu = 0; mu < 30; mu++) {
      expect(Array.from(net.recall(patternRow(Xin, mu)))).toEqual(Array.from(patternRow(Xout, mu)));
    }
    let correct = 0;
    for (let mu = 0; mu < 30; mu++) if (net.recall(flipBits(patternRow(Xin, mu), 0.05, rng)).every((v, i) => v === Xout.data[mu * 12 + i])) correct++;
    expect(correct).toBeGreaterThan(25);
  });

  it('with A = 1 and the finite SDM features as kernel it is Kanerva\'s read-out (Eq. 13)', () => {
    const Z = randomBipolar({ count: 2000, dim: 40 }, rng);
    const phi = sdmFeatureMap({ addresses: Z, bias: 40 - 2 * 14 });
    // The finite-SDM kernel phi(x).phi(y) is linear in the features: run the network on them.
    const F = new Float64Array(30 * 2000);
    for (let mu = 0; mu < 30; mu++) F.set(phi.features(patternRow(Xin, mu)), mu * 2000);
    const net = feedForwardNetwork({ inputs: { kind: 'continuous', count: 30, dim: 2000, data: F }, outputs: Xout, kernel: linear() });
    const cue = patternRow(Xin, 4);
    const fq = Float64Array.from(phi.features(cue));
    const h = net.fields(fq);
    for (let i = 0; i < 12; i++) {
      let ref = 0; // X_out Theta(Z X_in - b)^T Theta(Z s - b)
      for (let mu = 0; mu < 30; mu++) {
        const fmu = phi.features(patternRow(Xin, mu));
        let dot = 0;
        for (let k = 0; k < 2000; k++) dot += fmu[k]! * fq[k]!;
        ref += Xout.data[mu * 12 + i]! * dot;
      }
      expect(h[i]).toBe(ref);
    }
  });

  it('the exponential kernel does not overflow at large overlaps; bad shapes are typed errors', () => {
    const big = randomBipolar({ count: 5, dim: 3000 }, rng);
    const out = randomBipolar({ count: 5, dim: 3 }, rng);
    const net = feedForwardNetwork({ inputs: big, outputs: out, kernel: exponential({ temperature: 1 }) });
    expect(Array.from(net.recall(patternRow(big, 2)))).toEqual(Array.from(patternRow(out, 2)));
    expect(() => feedForwardNetwork({ inputs: big, outputs: Xout, kernel: linear() })).toThrow(ShapeError);
    expect(() => net.recall(new Int8Array(7))).toThrow(/^input: has length 7/);
  });
});
