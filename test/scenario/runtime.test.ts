import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ParameterError, createRng, defineScenario, param, parseParams, runScenario, taskRng, toCsv, writeFileAtomic } from '../../node.js';
import coin from '../fixtures/coin-scenario.js';

describe('scenario parameters', () => {
  const schema = z.object({
    N: param.intList([8, 16], { min: 2 }),
    rules: param.choiceList(['hebbian', 'adatron'], ['hebbian']),
    beta: param.number(10, { min: 0 }),
  });

  it('coerces comma-separated strings and fills defaults', () => {
    expect(parseParams('s', schema, { N: '32,64', rules: 'adatron,hebbian' })).toEqual({ N: [32, 64], rules: ['adatron', 'hebbian'], beta: 10 });
    expect(parseParams('s', schema, {})).toEqual({ N: [8, 16], rules: ['hebbian'], beta: 10 });
  });

  it('rejects unknown keys and bad values with a ParameterError naming the key', () => {
    expect(() => parseParams('s', schema, { n: '3' })).toThrow(ParameterError);
    expect(() => parseParams('s', schema, { n: '3' })).toThrow(/^n: is not a parameter of scenario "s".*N, rules, beta/);
    expect(() => parseParams('s', schema, { rules: 'hebian' })).toThrow(/^rules/);
    expect(() => parseParams('s', schema, { N: '1' })).toThrow(/^N/);
    expect(() => parseParams('s', schema, { beta: 'x' })).toThrow(/^beta/);
  });
});

describe('runScenario', () => {
  it('gives each task the stream derived from seed and task index only', async () => {
    const { result } = await runScenario(coin, { seed: 5, trials: 3, params: { flips: 20 } });
    const expected = [0, 1, 2].map((t) => {
      const rng = taskRng(createRng(5), t);
      let h = 0;
      for (let i = 0; i < 20; i++) h += rng.uniform() < 0.5 ? 1 : 0;
      return h / 20;
    });
    expect(result.rows.map((r) => r.heads)).toEqual(expected);
  });

  it('is bit-identical in this thread and with 1 and 2 worker threads', async () => {
    const moduleUrl = new URL('../fixtures/coin-scenario.ts', import.meta.url).href;
    const a = await runScenario(coin, { seed: 3, trials: 7 });
    let b = await runScenario(coin, { seed: 3, trials: 7, workers: 2, moduleUrl });
    expect(JSON.stringify(b.result)).toBe(JSON.stringify(a.result));
    b = await runScenario(coin, { seed: 3, trials: 7, workers: 1, moduleUrl });
    expect(JSON.stringify(b.result)).toBe(JSON.stringify(a.result));
  });

  it('validates seed, trials and workers', async () => {
    await expect(runScenario(coin, { trials: 0 })).rejects.toThrow(/--trials/);
    await expect(runScenario(coin, { workers: 0 })).rejects.toThrow(/--workers/);
    const inline = defineScenario({ name: 'x', description: '', defaultTrials: 2, params: z.object({}), tasks: () => [1, 2], runTask: (t) => t, summarize: () => ({ rows: [], checks: [], plots: [] }) });
    await expect(runScenario(inline, { workers: 2 })).rejects.toThrow(/--workers: .*not loaded from a module/);
  });
});

describe('report writing', () => {
  it('writeFileAtomic replaces the file whole and leaves no temporary file, also on failure', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kmn-atomic-'));
    const path = join(dir, 'a.json');
    writeFileAtomic(path, 'first');
    writeFileAtomic(path, 'second');
    expect(readFileSync(path, 'utf8')).toBe('second');
    mkdirSync(join(dir, 'taken'));
    expect(() => writeFileAtomic(join(dir, 'taken'), 'x')).toThrow();
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'taken']);
  });

  it('toCsv quotes per RFC 4180', () => {
    expect(toCsv([{ a: 'x,y', b: 1 }, { a: 'q"t', c: true }])).toBe('a,b,c\n"x,y",1,\n"q""t",,true\n');
  });
});
