import { describe, expect, it } from 'vitest';
import {
  InvalidValueError, NotBipolarError, ParameterError, ShapeError, createRng, feedForwardNetwork, gaussianPatterns, linear, patternRow, randomBipolar,
  recurrentNetwork, type BipolarPatterns,
} from '../../node.js';

describe('bad input at the network edge is a typed error naming the parameter', () => {
  const X = randomBipolar({ count: 3, dim: 8 }, createRng(1));

  it('recurrent network: patterns that are continuous, not bipolar, or of the wrong length', () => {
    const continuous = gaussianPatterns({ count: 3, dim: 8 }, createRng(2)) as unknown as BipolarPatterns;
    expect(() => recurrentNetwork({ patterns: continuous, kernel: linear() })).toThrow(NotBipolarError);
    expect(() => recurrentNetwork({ patterns: continuous, kernel: linear() })).toThrow(/^patterns: are continuous patterns/);
    const zero = { kind: 'bipolar', count: 1, dim: 3, data: Int8Array.of(1, 0, -1) } as const;
    expect(() => recurrentNetwork({ patterns: zero, kernel: linear() })).toThrow(NotBipolarError);
    const short = { kind: 'bipolar', count: 2, dim: 3, data: Int8Array.of(1, 1, -1) } as const;
    expect(() => recurrentNetwork({ patterns: short, kernel: linear() })).toThrow(ShapeError);
  });

  it('recurrent network: coefficients, thresholds, run options and field arguments', () => {
    expect(() => recurrentNetwork({ patterns: X, kernel: linear(), theta: new Float64Array(7) })).toThrow(/^theta: /);
    expect(() => recurrentNetwork({ patterns: X, kernel: linear(), theta: new Float64Array(8).fill(NaN) })).toThrow(InvalidValueError);
    expect(() => recurrentNetwork({ patterns: X, kernel: linear(), alpha: new Float64Array(24).fill(Infinity) })).toThrow(/^alpha: entry 0 is Infinity/);
    expect(() => recurrentNetwork({ patterns: X, kernel: linear(), tie: 'minus' as 'plus' })).toThrow(/^tie: /);
    const net = recurrentNetwork({ patterns: X, kernel: linear() });
    const cue = patternRow(X, 0);
    expect(() => net.run(cue, { schedule: 'fixed', order: Int32Array.of(0, 1, 2, 3, 4, 5, 6, 6) })).toThrow(ParameterError);
    expect(() => net.run(cue, { schedule: 'fixed', order: Int32Array.of(0, 1, 2, 3, 4, 5, 6, 6) })).toThrow(/^order: /);
    expect(() => net.run(cue, { schedule: 'backwards' as 'fixed' })).toThrow(/^schedule: unknown schedule "backwards"/);
    expect(() => net.run(cue, { schedule: 'fixed', maxSweeps: 0 })).toThrow(/^maxSweeps: /);
    expect(() => net.run(cue, { schedule: 'fixed', temperature: 0.5 })).toThrow(/^rng: the Glauber noise needs a random source/);
    expect(() => net.run(Float64Array.of(1, 1, 1, NaN, 1, 1, 1, 1))).toThrow(/^cue: entry 3 is NaN/);
    expect(() => net.field(8, cue)).toThrow(/^i: /);
    expect(() => net.fields(cue, new Float64Array(3))).toThrow(/^out: /);
    expect(() => net.isFixedPoint(new Int8Array(9).fill(1))).toThrow(ShapeError);
  });

  it('feed-forward network: outputs that are not bipolar, non-finite inputs, mismatched counts and sizes', () => {
    const inputs = gaussianPatterns({ count: 3, dim: 5 }, createRng(3));
    const notBipolar = gaussianPatterns({ count: 3, dim: 2 }, createRng(4)) as unknown as BipolarPatterns;
    expect(() => feedForwardNetwork({ inputs, outputs: notBipolar, kernel: linear() })).toThrow(/^outputs: are continuous patterns/);
    const nan = { kind: 'continuous', count: 3, dim: 5, data: new Float64Array(15).fill(NaN) } as const;
    expect(() => feedForwardNetwork({ inputs: nan, outputs: X, kernel: linear() })).toThrow(InvalidValueError);
    const net = feedForwardNetwork({ inputs, outputs: X, kernel: linear() });
    expect(() => net.recall([1, 2, 3])).toThrow(/^input: has length 3/);
    expect(() => net.setCoefficients({ alpha: new Float64Array(5), theta: new Float64Array(8) })).toThrow(/^alpha: /);
    expect(() => feedForwardNetwork({ inputs: gaussianPatterns({ count: 4, dim: 5 }, createRng(5)), outputs: X, kernel: linear() })).toThrow(ShapeError);
  });
});
