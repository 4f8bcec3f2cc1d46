import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../cli/args.js';
import { main } from '../../cli/main.js';
import { expectKmnError } from './fuzz-helpers.js';

// Each arbitrary yields [bad argument(s), the parameter the error must name].
const known = new Set(['--set', '-s', '--seed', '--trials', '--workers', '--out', '--json', '--resume', '--force', '--shard', '--progress', '--quiet', '-q']);
const notInteger = fc.oneof(
  fc.integer({ max: -1 }).map(String),
  fc.double({ noNaN: false }).filter((d) => !Number.isInteger(d) || d < 0).map(String),
  fc.string().filter((s) => !/^\d{1,15}$/.test(s)),
  fc.bigInt({ min: 10n ** 15n, max: 10n ** 30n }).map(String),
);
const badInteger = fc.tuple(fc.constantFrom('--seed', '--trials', '--workers'), notInteger).map(([flag, v]): [string[], string] => [[flag, v], flag]);
const badSet = fc.oneof(fc.string().filter((s) => !s.includes('=') || s.startsWith('=')), fc.constant('')).map((v): [string[], string] => [['--set', v], '--set']);
const unknownFlag = fc.stringMatching(/^--?[a-z][a-z-]{0,12}$/).filter((f) => !known.has(f)).map((f): [string[], string] => [[f], f]);
const badShard = fc.oneof(
  fc.tuple(fc.integer({ min: -5, max: 20 }), fc.integer({ min: -5, max: 20 })).filter(([k, n]) => !(k >= 1 && n >= 1 && k <= n)).map(([k, n]) => `${k}/${n}`),
  fc.string().filter((s) => !/^\d{1,6}\/\d{1,6}$/.test(s)),
).map((v): [string[], string] => [['--shard', v], '--shard']);
const badProgress = fc.string().filter((s) => !['auto', 'bar', 'plain', 'none'].includes(s)).map((v): [string[], string] => [['--progress', v], '--progress']);
const badOut = fc.constantFrom('', '-x', '--json', 'a\0b').map((v): [string[], string] => [['--out', v], '--out']);
const valueless = fc.constantFrom('--json', '--resume', '--force').chain((f) => fc.string({ minLength: 1 }).map((v): [string[], string] => [[`${f}=${v}`], f]));
const bad = fc.oneof(badInteger, badSet, unknownFlag, badShard, badProgress, badOut, valueless);
// Valid arguments placed before the bad one, so the parser must get past them.
const good = fc.subarray([['--seed', '3'], ['--trials', '2'], ['--set', 'flips=10'], ['--json'], ['--out', 'out/x']], { maxLength: 3 }).map((a) => a.flat());

describe('fuzzing the kmn argument parser', () => {
  it('400 generated bad command lines each give a ParameterError naming the flag, at once', () => {
    let cases = 0;
    fc.assert(
      fc.property(good, bad, (goodArgs, [badArgs, parameter]) => {
        cases++;
        expectKmnError(() => parseArgs(['run', 'coin', ...goodArgs, ...badArgs]), parameter, JSON.stringify(badArgs));
      }),
      { numRuns: 400, seed: 12 },
    );
    expect(cases).toBe(400);
  });

  it('100 generated bad command lines through main(): exit status 2 and exactly one line on stderr', async () => {
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(bad, async ([badArgs, parameter]) => {
        cases++;
        const out: string[] = [];
        const err: string[] = [];
        const code = await main(['run', 'coin', ...badArgs], { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
        expect(code).toBe(2);
        expect(out).toEqual([]);
        const text = err.join('');
        expect(text.trimEnd().split('\n')).toHaveLength(1);
        expect(text.startsWith(`kmn: error: ${parameter}: `)).toBe(true);
      }),
      { numRuns: 100, seed: 13 },
    );
    expect(cases).toBe(100);
  });

  it('unknown commands are refused naming "command"', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }).filter((c) => !['run', 'list', 'merge', 'help', 'version', '--help', '-h', '--version'].includes(c)), (c) => {
        expectKmnError(() => parseArgs([c]), 'command', c);
      }),
      { numRuns: 50, seed: 14 },
    );
  });
});
