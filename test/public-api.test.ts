import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as core from '../index.js';
import * as node from '../node.js';

// The public API surface of both entries: every run-time name exported by `kmn` (index.ts) and the
// names `kmn/node` (node.ts) adds, one per line, sorted. Changing it is deliberate: run
// `KMN_UPDATE_API=1 npx vitest run test/public-api.test.ts` and commit test/public-api.txt with
// the change that explains it.
const file = new URL('./public-api.txt', import.meta.url);

describe('public API surface', () => {
  it('matches test/public-api.txt', () => {
    const coreNames = Object.keys(core).sort();
    const nodeOnly = Object.keys(node).filter((n) => !(n in core)).sort();
    const text = `# kmn\n${coreNames.join('\n')}\n\n# kmn/node (in addition to everything in kmn)\n${nodeOnly.join('\n')}\n`;
    if (process.env.KMN_UPDATE_API) writeFileSync(file, text);
    expect(existsSync(file), 'test/public-api.txt is missing; regenerate it with KMN_UPDATE_API=1').toBe(true);
    expect(text).toBe(readFileSync(file, 'utf8'));
  });
  it('kmn/node re-exports the whole core', () => {
    for (const name of Object.keys(core)) expect(node, name).toHaveProperty(name);
  });
});
