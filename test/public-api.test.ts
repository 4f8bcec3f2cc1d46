import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as kmn from '../node.js';

// The public API surface: every name exported by `kmn` (src/index.ts), one per line, sorted.
// Changing it is deliberate: run `KMN_UPDATE_API=1 npx vitest run test/public-api.test.ts`
// and commit test/public-api.txt with the change that explains it.
const file = new URL('./public-api.txt', import.meta.url);

describe('public API surface', () => {
  it('matches test/public-api.txt', () => {
    const names = Object.keys(kmn).sort();
    const text = `${names.join('\n')}\n`;
    if (process.env.KMN_UPDATE_API) writeFileSync(file, text);
    expect(existsSync(file), 'test/public-api.txt is missing; regenerate it with KMN_UPDATE_API=1').toBe(true);
    expect(text).toBe(readFileSync(file, 'utf8'));
  });
});
