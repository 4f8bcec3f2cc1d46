import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InvalidValueError, ParameterError, RegistryError, createRegistry } from '../node.js';
import { option, optionsJsonSchema, parseOptions } from '../src/registry.js';

describe('createRegistry / withDefaults (shared by kernels, rules and neuron models)', () => {
  it('rejects duplicate and unknown names with RegistryErrors that say what exists', () => {
    const reg = createRegistry<{ name: string; v: number }>({ noun: 'shape', parameter: 'shape' });
    reg.register({ name: 'b', v: 2 });
    reg.register({ name: 'a', v: 1 });
    expect(reg.names()).toEqual(['a', 'b']);
    expect(reg.get('a').v).toBe(1);
    expect(reg.find('z')).toBeUndefined();
    expect(() => reg.register({ name: 'a', v: 3 })).toThrow(RegistryError);
    expect(() => reg.get('z')).toThrow(/^shape: unknown shape "z".*use one of: a, b/);
  });

  it('parseOptions fills defaults and rejects unknown keys (also inherited ones), missing required values and bad values', () => {
    const schema = z.object({ degree: option.int('degree p >= 1', 3, { min: 1 }), c: option.number('offset c >= 0', 0, { min: 0 }), r: option.number('radius r > 0', undefined, { positive: true }) });
    const ctx = { noun: 'kernel', entry: 'poly' };
    expect(parseOptions(schema, { degree: 2, r: 1 }, ctx)).toEqual({ degree: 2, c: 0, r: 1 });
    expect(() => parseOptions(schema, { gamma: 1, r: 1 }, ctx)).toThrow(/^poly\.gamma: is not a parameter of this kernel.*degree/);
    expect(() => parseOptions(schema, { toString: 1, r: 1 }, ctx)).toThrow(ParameterError);
    expect(() => parseOptions(schema, {}, ctx)).toThrow(/^poly\.r: is required.*radius r > 0/);
    expect(() => parseOptions(schema, { r: 1, degree: 0 }, ctx)).toThrow(InvalidValueError);
    expect(() => parseOptions(schema, { r: Number.NaN }, ctx)).toThrow(/^poly\.r: /);
    expect(optionsJsonSchema(schema)).toMatchObject({ required: ['r'], properties: { degree: { type: 'integer', minimum: 1, default: 3, description: 'degree p >= 1' } } });
  });
});
