import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultParams, parseParams } from '../../src/scenario/params.js';
import { loadScenario } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/scenario.js';
import { builtinScenarios } from '../../scenarios/index.js';
import { expectKmnError } from './fuzz-helpers.js';

const scenarios: Scenario[] = [];
for (const name of Object.keys(builtinScenarios)) scenarios.push((await loadScenario(name, builtinScenarios)).scenario);

type Kind = 'number' | 'numberList' | 'choice' | 'choiceList';
function kindOf(value: unknown): Kind {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'choice';
  if (Array.isArray(value) && typeof value[0] === 'number') return 'numberList';
  if (Array.isArray(value) && typeof value[0] === 'string') return 'choiceList';
  throw new Error(`unexpected default ${JSON.stringify(value)}`);
}

// Values no parameter of its kind may accept. +-1e15 lie beyond every bound, so accepting one
// means the parameter is unbounded (the runs that hung or ran out of memory in issue 12).
const notANumber = fc.oneof(
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e400', '', ' ', 'abc', '1e15', '-1e15', '1,2,x'),
  fc.string().filter((s) => Number.isNaN(Number(s)) && !s.includes(',')),
  fc.double({ min: 1e15, max: 1e300 }).map(String),
  fc.double({ min: -1e300, max: -1e15 }).map(String),
);
const notAChoice = fc.string().map((s) => `zz-${s.replace(/,/g, '')}`);

describe('fuzzing every built-in scenario\'s parameter schema', () => {
  it('the defaults of every scenario parse and are finite', () => {
    expect(scenarios.length).toBe(Object.keys(builtinScenarios).length);
    for (const s of scenarios) {
      for (const v of Object.values(defaultParams(s.params) as Record<string, unknown>)) for (const x of [v].flat()) if (typeof x === 'number') expect(Number.isFinite(x)).toBe(true);
    }
  });

  it('generated bad values for every parameter of every scenario give a ParameterError naming the parameter', () => {
    const fields = scenarios.flatMap((s) => Object.entries(defaultParams(s.params) as Record<string, unknown>).map(([key, v]) => ({ s, key, kind: kindOf(v), fallback: v })));
    let cases = 0;
    for (const { s, key, kind, fallback } of fields) {
      const value = kind === 'number' ? notANumber
        : kind === 'numberList' ? notANumber.map((v) => `${(fallback as number[])[0]},${v}`)
        : kind === 'choice' ? notAChoice
        : notAChoice.map((v) => `${(fallback as string[])[0]},${v}`);
      fc.assert(
        fc.property(value, (v) => {
          cases++;
          expectKmnError(() => parseParams(s.name, s.params, { [key]: v }), key, `${s.name} --set ${key}=${v}`);
        }),
        { numRuns: 4, seed: 21 },
      );
    }
    // 4 per parameter: over 200 with the ten built-in scenarios.
    expect(cases).toBeGreaterThanOrEqual(4 * fields.length);
    expect(cases).toBeGreaterThanOrEqual(200);
  });

  it('unknown keys are refused naming the key', () => {
    fc.assert(
      fc.property(fc.constantFrom(...scenarios), fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,10}$/), (s, key) => {
        fc.pre(!(key in (defaultParams(s.params) as object)));
        expectKmnError(() => parseParams(s.name, s.params, { [key]: '1' }), key, `${s.name} --set ${key}=1`);
      }),
      { numRuns: 50, seed: 22 },
    );
  });

  it('any finite number for any numeric parameter either parses to finite values or is refused naming a parameter (never NaN, never another error)', () => {
    const numeric = scenarios.flatMap((s) => Object.entries(defaultParams(s.params) as Record<string, unknown>).filter(([, v]) => typeof v === 'number').map(([key]) => ({ s, key })));
    fc.assert(
      fc.property(fc.constantFrom(...numeric), fc.oneof(fc.integer({ min: -10, max: 100_000 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), ({ s, key }, x) => {
        let parsed: Record<string, unknown> | undefined;
        try {
          parsed = parseParams(s.name, s.params, { [key]: String(x) }) as Record<string, unknown>;
        } catch (error) {
          expectKmnError(() => { throw error; }, /\w/, `${s.name} ${key}=${x}`);
          return;
        }
        for (const v of Object.values(parsed)) for (const y of [v].flat()) if (typeof y === 'number') expect(Number.isFinite(y)).toBe(true);
      }),
      { numRuns: 200, seed: 23 },
    );
  });

  it('cross-parameter constraints: sdm-kernel radius >= dim / 2 and capacityRadius >= capacityDim / 2 are refused', () => {
    const sdm = scenarios.find((s) => s.name === 'sdm-kernel')!;
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 510 }), fc.double({ min: 0.5, max: 1 }), (dim, f) => {
        const radius = Math.min(255, Math.ceil(dim / 2 + f * (255 - dim / 2)));
        fc.pre(radius >= dim / 2);
        expectKmnError(() => parseParams('sdm-kernel', sdm.params, { dim: String(dim), radius: String(radius) }), 'radius', `dim ${dim} radius ${radius}`);
      }),
      { numRuns: 30, seed: 24 },
    );
    expectKmnError(() => parseParams('sdm-kernel', sdm.params, { dim: '512', radius: '0' }), 'radius', 'issue 12: dim 512 radius 0 measured NaN');
    expectKmnError(() => parseParams('sdm-kernel', sdm.params, { capacityDim: '64', capacityRadius: '110' }), 'capacityRadius', 'capacityRadius beyond capacityDim');
  });
});
