import { describe, expect, it } from 'vitest';
import { batchedRecall } from '../../src/network/batched-recall.js';
import { createRng, exponential, flipBits, linear, patternRow, polynomial, randomBipolar, recurrentNetwork, type Kernel } from '../../index.js';
import { sumsExactly } from '../../src/simd/simd-kernels.js';

describe('sumsExactly', () => {
  it('accepts multiples of 1/2 up to a total of 2^51 and nothing else', () => {
    expect(sumsExactly(Float64Array.of(17.5, -3, 8), 3)).toBe(true);
    expect(sumsExactly(Float64Array.of(0.1), 1)).toBe(false);
    expect(sumsExactly(Float64Array.of(0.25), 1)).toBe(false);
    expect(sumsExactly(Float64Array.of(2 ** 50, 2 ** 50), 2)).toBe(true);
    expect(sumsExactly(Float64Array.of(2 ** 50, 2 ** 50, 1), 3)).toBe(false);
    expect(sumsExactly(Float64Array.of(NaN), 1)).toBe(false);
    expect(sumsExactly(Float64Array.of(0.1), 0)).toBe(true);
  });
});

describe('overlap engine with SIMD kernels (A = 1)', () => {
  // M = 203 (not a multiple of 8) and N = 61: long enough that the SIMD partial sums reorder the
  // field. batchedRecall sums every field in the scalar loop's ascending order, so Object.is
  // equality with the network's fields shows the SIMD field kept the scalar bits: exactly (linear,
  // polynomial: half-integer tables) or by falling back (exponential: real-valued tables).
  const cases: [string, Kernel][] = [['linear', linear()], ['polynomial 3', polynomial({ degree: 3 })], ['exponential', exponential({ temperature: 20 })]];
  for (const [name, kernel] of cases) {
    it(`${name}: fields equal the scalar-order batched path bit for bit, before and after flips`, () => {
      const rng = createRng(`simd-engine-${name}`);
      const X = randomBipolar({ count: 203, dim: 61 }, rng.child('patterns'));
      const net = recurrentNetwork({ patterns: X, kernel });
      const batch = batchedRecall(net);
      for (let r = 0; r < 4; r++) {
        const cue = flipBits(patternRow(X, r), 0.3, rng.child(`cue:${r}`));
        // Asynchronous run: the engine's incremental (SIMD) overlap updates after each flip.
        const end = net.run(cue, { schedule: 'random-permutation', rng: rng.child(`run:${r}`), maxSweeps: 2 }).state;
        for (const s of [cue, end]) {
          const ref = batch.fields(s, 1);
          const h = net.fields(s);
          for (let i = 0; i < 61; i++) expect(Object.is(h[i], ref[i]), `neuron ${i}: ${h[i]} vs ${ref[i]}`).toBe(true);
        }
      }
    });
  }
});
