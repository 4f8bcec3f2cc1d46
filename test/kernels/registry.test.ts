import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InvalidValueError, KmnError, ParameterError, RegistryError, createKernel, kernelEntry, kernelNames, kernelValue, registerKernel } from '../../node.js';
import { kernelJsonSchema } from '../../src/kernels/registry.js';
import { option } from '../../src/registry.js';
import type { Kernel } from '../../node.js';

// The kernel registry: every builtin is constructible by name; errors are typed and name the culprit.

// Valid parameters for every builtin (required ones included), with one hand-checked value:
// [name, params, x, y, expected K(x, y)].
const builtins: Array<[string, Record<string, number>, number[], number[], number]> = [
  ['linear', {}, [1, 2], [3, 4], 11],
  ['poly', { degree: 2, c: 1 }, [1, 2], [3, 4], 144],
  ['poly', {}, [1, 1], [1, 1], 8], // default degree 3, c = 0
  ['rectified-poly', { degree: 2 }, [1, 2], [-3, -4], 0],
  ['exp', { temperature: 2 }, [1, 0], [2, 0], Math.E],
  ['exp-beta', { r: 2, beta: 1 }, [0, 0], [3, 4], Math.exp(-2.5)],
  ['gaussian', { sigma: 1 }, [0, 0], [1, 1], Math.exp(-1)],
  ['laplacian', { sigma: 2 }, [0, 0], [3, 4], Math.exp(-2.5)],
  ['sdm-hypercube', { dim: 2, radius: 1 }, [1, 1], [1, -1], 0.5], // addresses (1,1), (1,-1) of 4
  ['sdm-hypersphere', { dim: 3, b: 0.5 }, [1, 0, 0], [1, 0, 0], 0.25], // Archimedes: (1 - b) / 2
  ['sdm-hypersphere-approx', { dim: 3, b: 0.9 }, [1, 0, 0], [1, 0, 0], (1 - 0.81) / 4], // flat disc pi b_hat^2 / (4 pi)
];

describe('kernel registry', () => {
  it('createKernel builds every builtin, and the table above covers them all', () => {
    const covered = new Set(builtins.map(([name]) => name));
    for (const name of kernelNames()) expect(covered.has(name)).toBe(true);
    for (const [name, params, x, y, expected] of builtins) {
      const K: Kernel = createKernel(name, params);
      expect(K.name).toBe(name);
      expect(kernelValue(K, x, y)).toBeCloseTo(expected, 12);
      expect(kernelEntry(name)?.name).toBe(name);
    }
    expect(kernelNames()).toEqual([...kernelNames()].sort());
  });

  it('duplicate registerKernel throws RegistryError; a new name can be registered and created', () => {
    const entry = {
      name: 'test-cosine',
      description: 'k(h) = h / dim',
      schema: z.object({ dim: option.int('input dimension >= 1', undefined, { min: 1 }) }),
      create: (p: Readonly<Record<string, number>>): Kernel => ({ kind: 'inner-product', name: 'test-cosine', params: p, k: (h) => h / p.dim!, positiveDefinite: false }),
    };
    registerKernel(entry);
    expect(kernelValue(createKernel('test-cosine', { dim: 4 }), [1, 1, 1, 1], [1, 1, 1, -1])).toBe(0.5);
    expect(() => registerKernel(entry)).toThrow(RegistryError);
    expect(() => registerKernel({ ...entry, name: 'poly' })).toThrow(/"poly"/);
  });

  it('unknown kernel, unknown parameter and missing required parameter throw typed errors naming them', () => {
    expect(() => createKernel('no-such-kernel')).toThrow(RegistryError);
    expect(() => createKernel('no-such-kernel')).toThrow(/no-such-kernel/);
    let err: unknown;
    try {
      createKernel('poly', { degree: 2, gamma: 1 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ParameterError);
    expect((err as KmnError).parameter).toBe('poly.gamma');
    expect((err as KmnError).message).toMatch(/degree, c/); // says which parameters exist
    try {
      createKernel('exp-beta', { beta: 1 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ParameterError);
    expect((err as KmnError).parameter).toBe('exp-beta.r');
    expect((err as KmnError).message).toMatch(/required/);
    // Keys inherited from Object.prototype are not parameters either.
    expect(() => createKernel('linear', { toString: 1 })).toThrow(/^linear\.toString:/);
    expect(() => createKernel('poly', { constructor: 2 })).toThrow(ParameterError);
    // Invalid values are caught by the schema before the factory runs (bounds that involve two
    // parameters, like radius <= dim, by the factory), naming the parameter.
    expect(() => createKernel('gaussian', { sigma: -1 })).toThrow(InvalidValueError);
    expect(() => createKernel('gaussian', { sigma: -1 })).toThrow(/^gaussian\.sigma: .*length scale sigma > 0/);
    expect(() => createKernel('poly', { degree: 2.5 })).toThrow(/^poly\.degree:/);
    expect(() => createKernel('sdm-hypercube', { dim: 8, radius: 9 })).toThrow(/^radius:/);
  });

  it('every kernel schema gives JSON Schema with a help text for every parameter, and lists the required ones', () => {
    for (const name of kernelNames()) {
      const json = kernelJsonSchema(name) as { properties?: Record<string, { description?: string }>; required?: string[] };
      for (const [key, prop] of Object.entries(json.properties ?? {})) expect(prop.description, `${name}.${key}`).toBeTruthy();
    }
    expect(kernelJsonSchema('exp-beta')).toMatchObject({ required: ['r'], properties: { beta: { default: 1, exclusiveMinimum: 0 } } });
    expect((kernelJsonSchema('poly') as { required?: string[] }).required ?? []).toEqual([]);
  });
});

describe('batch evaluation (evalK) equals the scalar kernel functions', () => {
  it('for every builtin kernel with and without a batch form', async () => {
    const { createKernel, evalK } = await import('../../node.js');
    const cases: [string, Record<string, number>][] = [['linear', {}], ['poly', { degree: 3, c: 1 }], ['poly', { degree: 5 }], ['rectified-poly', { degree: 2 }], ['exp', { temperature: 3 }], ['exp-beta', { r: 2, beta: 1.5 }], ['gaussian', { sigma: 1 }], ['sdm-hypercube', { dim: 10, radius: 3 }]];
    const input = Float64Array.of(-3, -1, 0, 0.5, 2, 4, 8);
    for (const [name, params] of cases) {
      const K = createKernel(name, params);
      const out = new Float64Array(input.length);
      evalK(K, input, out, input.length);
      const scalar = K.kind === 'inner-product' ? K.k : K.g2;
      for (let i = 0; i < input.length; i++) {
        if (K.kind === 'distance' && input[i]! < 0) continue;
        expect(out[i]).toBeCloseTo(scalar(input[i]!), 12);
      }
    }
  });
});
