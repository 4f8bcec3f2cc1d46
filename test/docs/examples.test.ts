import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docUnits, readmeTour } from './extract-examples.js';

// Here the guides run against the source tree ('kmn' -> index.ts, 'kmn/node' -> node.ts); the
// consumer test (test/consumer/run.ts, in CI) runs the same units against the packed package.
const root = new URL('../../', import.meta.url).pathname;
const docs = join(root, 'docs');
const tmp = join(root, 'test', '.docs-tmp');
const units = docUnits(docs);

function localise(code: string): string {
  return code.replace(/from 'kmn'/g, `from '${join(root, 'index.js')}'`).replace(/from 'kmn\/node'/g, `from '${join(root, 'node.js')}'`);
}

describe('code examples in docs/*.md run as written', () => {
  it('the guides contain examples', () => {
    expect(units.length).toBeGreaterThan(0);
  });
  it('import only the package entries (kmn, kmn/node), as a user of the package would', () => {
    for (const u of units) for (const m of u.code.matchAll(/from '(kmn[^']*)'/g)) expect(['kmn', 'kmn/node'], u.name).toContain(m[1]);
  });
  mkdirSync(tmp, { recursive: true });
  for (const unit of units) {
    it(unit.name, async () => {
      const path = join(tmp, `${unit.stem}.ts`);
      writeFileSync(path, localise(unit.code));
      await import(path);
    });
  }
});

describe('the README tour runs as written', () => {
  it('README.md ts blocks', async () => {
    const path = join(tmp, 'readme.ts');
    writeFileSync(path, localise(readmeTour(readFileSync(join(root, 'README.md'), 'utf8'))));
    await import(path);
  });
});
