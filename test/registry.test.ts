import { describe, expect, it } from 'vitest';
import { ParameterError, RegistryError, createRegistry, withDefaults } from '../src/index.js';

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

  it('merges defaults, rejecting unknown keys (also inherited ones) and missing required values', () => {
    expect(withDefaults('poly', { degree: 3, c: 0 }, { degree: 2 }, 'kernel')).toEqual({ degree: 2, c: 0 });
    expect(() => withDefaults('poly', { degree: 3 }, { gamma: 1 }, 'kernel')).toThrow(/^poly\.gamma: is not a parameter of this kernel.*degree/);
    expect(() => withDefaults('poly', { degree: 3 }, { toString: 1 })).toThrow(ParameterError);
    expect(() => withDefaults('exp-beta', { r: NaN }, {})).toThrow(/^exp-beta\.r: is required/);
  });
});
