import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractExamples } from './extract-examples.js';

const root = new URL('../../', import.meta.url).pathname;
const tmp = join(root, 'test', '.docs-tmp');
const examples = extractExamples(join(root, 'docs'));

// The guides import from 'kmn'; here that name points at the source tree.
function localise(code: string): string {
  return code.replace(/from 'kmn'/g, `from '${join(root, 'src', 'index.js')}'`).replace(/from 'kmn\/([^']+)'/g, (_m, p: string) => `from '${join(root, p)}'`);
}

describe('code examples in docs/*.md run as written', () => {
  it('the guides contain examples', () => {
    expect(examples.length).toBeGreaterThan(0);
  });
  mkdirSync(tmp, { recursive: true });
  for (const ex of examples) {
    it(`${ex.file} example ${ex.index + 1} (line ${ex.line})`, async () => {
      const path = join(tmp, `${ex.file.replace(/\.md$/, '')}-${ex.index}.ts`);
      writeFileSync(path, localise(ex.code));
      await import(path);
    });
  }
});
