import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/errors.js';
import { checkKernelConsistency } from '../../src/kernels/check-kernel.js';
import { exponential, linear, polynomial, rectifiedPolynomial } from '../../src/kernels/inner-product.js';
import type { Kernel } from '../../src/kernels/kernel.js';
import { sdmHypercube } from '../../src/kernels/sdm-hypercube.js';
import { sdmHypersphere } from '../../src/kernels/sdm-hypersphere.js';
import { expBeta, gaussian, laplacian } from '../../src/kernels/translation-invariant.js';
import { recurrentNetwork } from '../../src/network/recurrent-network.js';
import { kernelProblem } from '../../plasticity/problem.js';
import { randomBipolar } from '../../src/patterns/generate.js';
import { createRng } from '../../src/rng/rng.js';

describe('checkKernelConsistency: one kernel, one function on every overlap a network can produce', () => {
  it('passes every built-in kernel at small and large N (the exponential kernel overflows k but not logK)', () => {
    const kernels: Kernel[] = [linear(), polynomial({ degree: 3 }), polynomial({ degree: 1, c: 2 }), rectifiedPolynomial({ degree: 2 }), exponential({ temperature: 0.5 }), expBeta({ r: 3, beta: 1.5 }), gaussian({ sigma: 2 }), laplacian({ sigma: 2 })];
    for (const n of [4, 12, 1500]) {
      for (const kernel of kernels) expect(() => checkKernelConsistency(kernel, n)).not.toThrow();
      for (const kernel of [sdmHypercube({ dim: n - 1, radius: Math.floor((n - 1) / 3) }), sdmHypersphere({ dim: n - 1, b: 0.3 })]) expect(() => checkKernelConsistency(kernel, n)).not.toThrow();
    }
  });

  it('refuses a spread built-in whose k was replaced (kBatch still computes h^2)', () => {
    const kernel: Kernel = { ...polynomial({ degree: 2 }), k: (h) => h ** 3 };
    expect(() => checkKernelConsistency(kernel, 12)).toThrow(ParameterError);
    expect(() => checkKernelConsistency(kernel, 12)).toThrow(/kBatch/);
  });

  it('refuses a kernel declaring linear or an exponential rate that k does not have', () => {
    const fakeLinear: Kernel = { kind: 'inner-product', name: 'cubic', params: {}, k: (h) => h ** 3, capabilities: { linear: true }, positiveDefinite: false };
    expect(() => checkKernelConsistency(fakeLinear, 12)).toThrow(/declares k\(h\) = 1 h \+ 0/);
    const wrongRate: Kernel = { ...exponential({ temperature: 2 }), capabilities: { exponentialRate: 1 } };
    expect(() => checkKernelConsistency(wrongRate, 12)).toThrow(/exponentialRate/);
    const noLog: Kernel = { kind: 'inner-product', name: 'exp', params: {}, k: (h) => Math.exp(h / 4), capabilities: { exponentialRate: 0.25 }, positiveDefinite: true };
    expect(() => checkKernelConsistency(noLog, 12)).not.toThrow();
  });

  it('refuses a replaced logK (the engines would use it instead of k) and a replaced g2 beside g2Batch', () => {
    const { logKBatch: _, kBatch: __, ...noBatch } = exponential({ temperature: 1 });
    expect(() => checkKernelConsistency({ ...noBatch, k: (h) => Math.exp(h / 2) }, 12)).toThrow(/logK is not ln k/);
    expect(() => checkKernelConsistency({ ...expBeta({ r: 3, beta: 1 }), g2: (d2) => Math.exp(-d2) }, 12)).toThrow(/g2Batch/);
  });

  it('makes recurrentNetwork refuse the spread kernel whose fast and reference fields disagreed', () => {
    // Before the check, N = 12, M = 5: fields() gave [-51, 57, -51, ...] (kBatch = h^2) while field(i) gave [-249, -261, 55, ...] (k = h^3).
    const X = randomBipolar({ count: 5, dim: 12 }, createRng(1));
    expect(() => recurrentNetwork({ patterns: X, kernel: { ...polynomial({ degree: 2 }), k: (h) => h ** 3 } })).toThrow(ParameterError);
    const net = recurrentNetwork({ patterns: X, kernel: { ...polynomial({ degree: 2 }), k: (h) => h ** 3, kBatch: undefined } });
    const s = Int8Array.from({ length: 12 }, (_, j) => (j % 3 === 0 ? -1 : 1));
    const fast = net.fields(s);
    for (let i = 0; i < 12; i++) expect(fast[i]).toBe(net.field(i, s));
  });

  it('makes kernelProblem refuse the spread kernel on bipolar inputs (its Gram matrix would use kBatch = h^2, not k = h^3)', () => {
    const X = randomBipolar({ count: 4, dim: 9 }, createRng(2));
    const labels = [1, -1, 1, -1];
    expect(() => kernelProblem(X, labels, { ...polynomial({ degree: 2 }), k: (h) => h ** 3 })).toThrow(ParameterError);
    const fakeLinear: Kernel = { kind: 'inner-product', name: 'cubic', params: {}, k: (h) => h ** 3, capabilities: { linear: true }, positiveDefinite: false };
    expect(() => kernelProblem(X, labels, fakeLinear)).toThrow(/declares k\(h\) = 1 h \+ 0/);
    expect(kernelProblem(X, labels, polynomial({ degree: 2 })).count).toBe(4);
  });
});
