import { describe, expect, it } from 'vitest';
import { createRng, feedForwardNetwork, linear, patternRow, polynomial, randomBipolar, recurrentNetwork } from '../../node.js';
import { kernelAdatron, train, type TrainableNetwork } from '../../plasticity/index.js';

describe('coefficients handed to a network (the plasticity interface)', () => {
  const rng = createRng(1);
  const X = randomBipolar({ count: 10, dim: 30 }, rng);

  it('both networks satisfy TrainableNetwork; a fresh network has A = 1 and theta = 0', () => {
    const rec: TrainableNetwork = recurrentNetwork({ patterns: X, kernel: linear() });
    const ff: TrainableNetwork = feedForwardNetwork({ inputs: X, outputs: randomBipolar({ count: 10, dim: 4 }, rng), kernel: linear() });
    expect(rec.patterns).toBe(X);
    expect(ff.patterns).toBe(X);
    const net = recurrentNetwork({ patterns: X, kernel: linear() });
    expect(net.alpha.every((v) => v === 1)).toBe(true);
    expect(net.theta.every((v) => v === 0)).toBe(true);
  });

  it('returns the installed alpha exactly, and a rejected setCoefficients leaves the network as it was', () => {
    const net = recurrentNetwork({ patterns: X, kernel: linear() });
    const alpha = Float64Array.from({ length: 300 }, () => rng.uniform() * 3);
    const theta = Float64Array.from({ length: 30 }, () => rng.normal());
    net.setCoefficients({ alpha, theta });
    expect(Array.from(net.alpha)).toEqual(Array.from(alpha));
    expect(Array.from(net.theta)).toEqual(Array.from(theta));
    const s = patternRow(randomBipolar({ count: 1, dim: 30 }, rng), 0);
    const before = Array.from(net.fields(s));
    const bad = Float64Array.from(theta);
    bad[29] = NaN;
    expect(() => net.setCoefficients({ alpha: new Float64Array(300).fill(2), theta: bad })).toThrow(/^theta: entry 29 is NaN/);
    expect(Array.from(net.fields(s))).toEqual(before);
    expect(Array.from(net.alpha)).toEqual(Array.from(alpha));
  });

  it('after train() with Kernel-Adatron every pattern is a fixed point, and fields equal Eq. 12 by brute force', () => {
    const kernel = polynomial({ degree: 2, c: 1 });
    const P = randomBipolar({ count: 40, dim: 20 }, createRng(2));
    const net = recurrentNetwork({ patterns: P, kernel });
    train(net, P, kernelAdatron({ tol: 1e-3, bias: true }), { maxEpochs: 2000, rng: createRng(3) });
    for (let mu = 0; mu < 40; mu++) expect(net.isFixedPoint(patternRow(P, mu))).toBe(true);
    const s = patternRow(randomBipolar({ count: 1, dim: 20 }, createRng(4)), 0);
    const h = net.fields(s);
    const { alpha, theta } = net;
    for (let i = 0; i < 20; i++) {
      let ref = -theta[i]!;
      for (let mu = 0; mu < 40; mu++) {
        let u = 0;
        for (let j = 0; j < 20; j++) if (j !== i) u += P.data[mu * 20 + j]! * s[j]!;
        ref += alpha[i * 40 + mu]! * P.data[mu * 20 + i]! * (u + 1) ** 2;
      }
      expect(Math.abs(h[i]! - ref)).toBeLessThan(1e-9 * (1 + Math.abs(ref)));
    }
  });

  it('feed-forward setCoefficients checks everything before writing: a NaN at entry 11 leaves the fields unchanged', () => {
    const Y = randomBipolar({ count: 10, dim: 4 }, createRng(3));
    const net = feedForwardNetwork({ inputs: X, outputs: Y, kernel: polynomial({ degree: 2, c: 1 }) });
    const trained = Float64Array.from({ length: 40 }, (_, k) => 0.5 + (k % 7) / 7);
    net.setCoefficients({ alpha: trained, theta: Float64Array.of(0.5, -0.25, 1, 0) });
    const input = patternRow(X, 3);
    const before = Array.from(net.fields(input));
    const bad = Float64Array.from(trained, (v) => 2 * v);
    bad[11] = Number.NaN;
    expect(() => net.setCoefficients({ alpha: bad, theta: new Float64Array(4) })).toThrow(/^alpha: entry 11 is NaN/);
    expect(() => net.setCoefficients({ alpha: trained.map((v) => 3 * v), theta: Float64Array.of(0, Number.NaN, 0, 0) })).toThrow(/^theta: entry 1 is NaN/);
    expect(Array.from(net.fields(input))).toEqual(before);
  });
});
