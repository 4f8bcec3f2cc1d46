import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractExamples, type DocExample } from './extract-examples.js';

const root = new URL('../../', import.meta.url).pathname;
const docs = join(root, 'docs');
const tmp = join(root, 'test', '.docs-tmp');
const examples = extractExamples(docs);

// The guides import from 'kmn' (and 'kmn/<path>'); here those names point at the source tree.
function localise(code: string): string {
  return code.replace(/from 'kmn'/g, `from '${join(root, 'src', 'index.js')}'`).replace(/from 'kmn\/([^']+)'/g, (_m, p: string) => `from '${join(root, p)}'`);
}

/**
 * Joins a guide's blocks into one module (for guides whose examples build on each other):
 * single-line imports are hoisted and merged per module, the rest is kept in order.
 */
function oneModule(blocks: readonly DocExample[]): string {
  const imports = new Map<string, Set<string>>();
  const body: string[] = [];
  for (const b of blocks) {
    for (const line of b.code.split('\n')) {
      const m = /^import \{([^}]*)\} from '([^']+)';\s*$/.exec(line);
      if (m) {
        const names = imports.get(m[2]!) ?? new Set<string>();
        for (const n of m[1]!.split(',').map((s) => s.trim()).filter(Boolean)) names.add(n);
        imports.set(m[2]!, names);
      } else {
        body.push(line);
      }
    }
  }
  const head = [...imports].map(([from, names]) => `import { ${[...names].join(', ')} } from '${from}';`);
  return [...head, ...body].join('\n');
}

const byFile = new Map<string, DocExample[]>();
for (const ex of examples) byFile.set(ex.file, [...(byFile.get(ex.file) ?? []), ex]);

describe('code examples in docs/*.md run as written', () => {
  it('the guides contain examples', () => {
    expect(examples.length).toBeGreaterThan(0);
  });
  mkdirSync(tmp, { recursive: true });
  for (const [file, blocks] of byFile) {
    const joined = readFileSync(join(docs, file), 'utf8').includes('<!-- examples: one module -->');
    const units = joined ? [{ name: `${file} (all examples as one module)`, code: oneModule(blocks), stem: `${file}-all` }]
      : blocks.map((b) => ({ name: `${file} example ${b.index + 1} (line ${b.line})`, code: b.code, stem: `${file}-${b.index}` }));
    for (const unit of units) {
      it(unit.name, async () => {
        const path = join(tmp, `${unit.stem.replace(/\.md/, '')}.ts`);
        writeFileSync(path, localise(unit.code));
        await import(path);
      });
    }
  }
});

describe('the README tour runs as written', () => {
  it('README.md ts blocks', async () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const blocks = [...readme.matchAll(/^```ts\n([\s\S]*?)^```/gm)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThan(0);
    const path = join(tmp, 'readme.ts');
    writeFileSync(path, localise(`${blocks.join('\n')}\nif (!converged || state.length !== 100 || raster.events().length === 0) throw new Error('tour failed');\n`));
    await import(path);
  });
});
