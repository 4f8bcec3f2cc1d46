import { describe, expect, it } from 'vitest';
import { InvalidValueError } from '../../src/errors.js';
import { linear } from '../../src/kernels/inner-product.js';
import { recurrentNetwork } from '../../src/network/recurrent-network.js';
import { randomBipolar } from '../../src/patterns/generate.js';
import { createRng } from '../../src/rng/rng.js';
import { capacitySearch } from '../../src/search/capacity-search.js';
import { recallsAll } from '../../src/search/recall-check.js';
import { firstPatterns } from '../../scenarios/lib/nested.js';

/** Every pattern a fixed point of the classical Hopfield network, by a plain loop over W = X^T X (zero diagonal). */
function allFixedPoints(data: Int8Array, m: number, n: number): boolean {
  for (let mu = 0; mu < m; mu++) for (let i = 0; i < n; i++) {
    let h = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let w = 0;
      for (let nu = 0; nu < m; nu++) w += data[nu * n + i]! * data[nu * n + j]!;
      h += w * data[mu * n + j]!;
    }
    if ((h >= 0 ? 1 : -1) !== data[mu * n + i]) return false;
  }
  return true;
}

describe('recallsAll', () => {
  it('with rho = 0 equals the fixed-point criterion computed by a plain loop', () => {
    const n = 40;
    const X = randomBipolar({ count: 30, dim: n }, createRng('rc'));
    for (let m = 1; m <= 30; m++) {
      const net = recurrentNetwork({ patterns: firstPatterns(X, m), kernel: linear() });
      expect(recallsAll(net, { rho: 0, rng: createRng(1) })).toBe(allFixedPoints(X.data, m, n));
    }
  });

  it('recall from 10% flipped bits implies fixed points at every M, and bounds the searched capacity', () => {
    const n = 60;
    const X = randomBipolar({ count: 40, dim: n }, createRng('cap'));
    const recalls = (m: number): boolean => recallsAll(recurrentNetwork({ patterns: firstPatterns(X, m), kernel: linear() }), { rho: 0.1, cues: 3, rng: createRng(2) });
    // A converged run that ends at the pattern ends at a fixed point: recall(M) implies fixed(M).
    let passed = 0;
    for (let m = 1; m <= 40; m++) {
      if (recalls(m)) {
        passed++;
        expect(allFixedPoints(X.data, m, n)).toBe(true);
      }
    }
    expect(passed).toBeGreaterThan(0);
    const r = capacitySearch(recalls, { start: 4, max: 40 });
    expect(recalls(r.mMax)).toBe(true);
    expect(r.firstFailure === null || !recalls(r.firstFailure)).toBe(true);
  });

  it('rejects rho outside [0, 1) and bad cue counts before running', () => {
    const net = recurrentNetwork({ patterns: randomBipolar({ count: 2, dim: 8 }, createRng(3)), kernel: linear() });
    expect(() => recallsAll(net, { rho: 1, rng: createRng(1) })).toThrow(InvalidValueError);
    expect(() => recallsAll(net, { rho: -0.1, rng: createRng(1) })).toThrow(InvalidValueError);
    expect(() => recallsAll(net, { rho: 0.1, cues: 0, rng: createRng(1) })).toThrow(InvalidValueError);
  });
});
