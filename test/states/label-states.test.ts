import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/rng/rng.js';
import { linear } from '../../src/kernels/inner-product.js';
import { bipolarPatterns, patternRow } from '../../src/patterns/pattern-set.js';
import { randomBipolar } from '../../src/patterns/generate.js';
import { recurrentNetwork } from '../../src/network/recurrent-network.js';
import { labelStates } from '../../src/states/label-states.js';
import { InvalidValueError, NotBipolarError, ShapeError } from '../../src/errors.js';

const mixtureOf = (X: { data: Int8Array; dim: number }, [a, b, c]: number[], [ea, eb, ec]: number[]): Int8Array =>
  Int8Array.from({ length: X.dim }, (_, j) => (ea! * X.data[a! * X.dim + j]! + eb! * X.data[b! * X.dim + j]! + ec! * X.data[c! * X.dim + j]! > 0 ? 1 : -1));

describe('labelStates', () => {
  it('finds the spurious mixture sgn(xi1 - xi2 + xi3) that a Hebbian network relaxes to', () => {
    const rng = createRng('mixture');
    const n = 200;
    const X = randomBipolar({ count: 3, dim: n }, rng.child('patterns'));
    const net = recurrentNetwork({ patterns: X, kernel: linear() });
    const mixture = mixtureOf(X, [0, 1, 2], [1, -1, 1]);
    // At load 3 / 200 the odd mixtures are stable (Amit, Gutfreund and Sompolinsky 1985).
    expect(net.isFixedPoint(mixture)).toBe(true);
    const cue = Int8Array.from(mixture);
    for (const j of rng.child('flips').sample(n, 6)) cue[j] = -cue[j]! as 1 | -1;
    const { state, converged } = net.run(cue, { schedule: 'random-permutation', rng: rng.child('run') });
    expect(converged).toBe(true);
    expect(Array.from(state)).toEqual(Array.from(mixture));
    const [label] = labelStates([state], { examples: X });
    expect(label!.kind).toBe('spurious');
    expect(label!.mixture).toEqual({ of: 'examples', indices: [0, 1, 2], signs: [1, -1, 1] });
    // With the three patterns as prototypes too, the mixture is one of prototypes.
    const [again] = labelStates([state], { examples: X, prototypes: X, prototypeRadius: 2 });
    expect(again!.kind).toBe('spurious');
    expect(again!.mixture?.of).toBe('prototypes');
  });

  it('mixture detection agrees with a brute force over every state of a 10-neuron space', () => {
    const rng = createRng('brute');
    const n = 10;
    const X = randomBipolar({ count: 4, dim: n }, rng);
    const mixtures = new Set<string>();
    for (let a = 0; a < 4; a++) for (let b = a + 1; b < 4; b++) for (let c = b + 1; c < 4; c++) {
      for (const ea of [1, -1]) for (const eb of [1, -1]) for (const ec of [1, -1]) mixtures.add(mixtureOf(X, [a, b, c], [ea, eb, ec]).join(','));
    }
    const states: Int8Array[] = [];
    for (let code = 0; code < 1 << n; code++) states.push(Int8Array.from({ length: n }, (_, j) => ((code >> j) & 1 ? 1 : -1)));
    const labels = labelStates(states, { examples: X, upToSign: true, mixtureCutoff: 0 });
    let found = 0;
    states.forEach((s, k) => {
      const l = labels[k]!;
      if (l.kind !== 'spurious') return;
      expect(l.mixture !== null).toBe(mixtures.has(s.join(',')));
      if (l.mixture) {
        found++;
        expect(Array.from(mixtureOf(X, [...l.mixture.indices], [...l.mixture.signs]))).toEqual(Array.from(s));
      }
    });
    expect(found).toBeGreaterThan(0);
  });

  it('learned: a training example or its negation; prototype: within the radius of a prototype and not learned', () => {
    const rng = createRng('classes');
    const n = 50;
    const prototypes = randomBipolar({ count: 2, dim: n }, rng.child('p'));
    const examples = randomBipolar({ count: 3, dim: n }, rng.child('e'));
    const ex = patternRow(examples, 2);
    const neg = Int8Array.from(ex, (v) => -v);
    const near = Int8Array.from(patternRow(prototypes, 1));
    near[0] = -near[0]! as 1 | -1;
    near[7] = -near[7]! as 1 | -1;
    const labels = labelStates([ex, neg, near, near], { examples, prototypes, prototypeRadius: 2 });
    expect(labels.map((l) => l.kind)).toEqual(['learned', 'learned', 'prototype', 'prototype']);
    expect(labels[0]).toMatchObject({ nearestExample: 2, exampleDistance: 0 });
    expect(labels[2]).toMatchObject({ nearestPrototype: 1, prototypeDistance: 2 });
    expect(labelStates([near], { examples, prototypes, prototypeRadius: 1 })[0]!.kind).toBe('spurious');
    expect(labelStates([neg], { examples, prototypes, upToSign: false })[0]!.kind).not.toBe('learned');
  });

  it('refuses bad input before labelling', () => {
    const X = bipolarPatterns(Int8Array.of(1, -1, 1, 1), { count: 1, dim: 4 });
    expect(() => labelStates([[1, 1, 1]], { examples: X })).toThrow(ShapeError);
    expect(() => labelStates([[1, 1, 0, 1]], { examples: X })).toThrow(NotBipolarError);
    expect(() => labelStates([[1, 1, 1, 1]], { examples: X, prototypeRadius: 1.5 })).toThrow(InvalidValueError);
    expect(() => labelStates([[1, 1, 1, 1]], { examples: X, mixtureCutoff: 2 })).toThrow(InvalidValueError);
    const P = bipolarPatterns(Int8Array.of(1, 1), { count: 1, dim: 2 });
    expect(() => labelStates([[1, 1, 1, 1]], { examples: X, prototypes: P })).toThrow(ShapeError);
  });
});
