import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** A fenced code block from a guide. */
export interface DocExample {
  readonly file: string;
  readonly index: number;
  readonly line: number;
  readonly code: string;
}

/**
 * Every ```ts block of the Markdown guides in `dir` (blocks fenced as ```ts no-run are shown
 * to readers but not executed, e.g. shell-dependent snippets).
 */
export function extractExamples(dir: string): DocExample[] {
  const out: DocExample[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.md')).sort()) {
    const lines = readFileSync(join(dir, file), 'utf8').split('\n');
    let inBlock = false;
    let start = 0;
    let buffer: string[] = [];
    let index = 0;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (!inBlock && /^```ts\s*$/.test(line)) {
        inBlock = true;
        start = i + 1;
        buffer = [];
      } else if (inBlock && /^```\s*$/.test(line)) {
        inBlock = false;
        out.push({ file, index: index++, line: start + 1, code: buffer.join('\n') });
      } else if (inBlock) {
        buffer.push(line);
      }
    }
  }
  return out;
}

/** One runnable unit: a single block, or all blocks of a guide marked `<!-- examples: one module -->`. */
export interface DocUnit {
  readonly name: string;
  /** A file stem for the unit's module. */
  readonly stem: string;
  readonly code: string;
}

/**
 * Joins a guide's blocks into one module (for guides whose examples build on each other):
 * single-line imports are hoisted and merged per module, the rest is kept in order.
 */
export function oneModule(blocks: readonly DocExample[]): string {
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

/** Every runnable unit of the guides in `dir`, in file order. */
export function docUnits(dir: string): DocUnit[] {
  const byFile = new Map<string, DocExample[]>();
  for (const ex of extractExamples(dir)) byFile.set(ex.file, [...(byFile.get(ex.file) ?? []), ex]);
  const units: DocUnit[] = [];
  for (const [file, blocks] of byFile) {
    const stemOf = (s: string): string => s.replace(/\.md/, '');
    if (readFileSync(join(dir, file), 'utf8').includes('<!-- examples: one module -->')) {
      units.push({ name: `${file} (all examples as one module)`, code: oneModule(blocks), stem: stemOf(`${file}-all`) });
    } else {
      for (const b of blocks) units.push({ name: `${file} example ${b.index + 1} (line ${b.line})`, code: b.code, stem: stemOf(`${file}-${b.index}`) });
    }
  }
  return units;
}

/** The README's ts blocks as one module, with a check that the tour did what it says. */
export function readmeTour(readme: string): string {
  const blocks = [...readme.matchAll(/^```ts\n([\s\S]*?)^```/gm)].map((m) => m[1]!);
  if (blocks.length === 0) throw new Error('README has no ts blocks');
  // The tour claims recall from a 10%-flipped cue: hold it to that.
  return `${blocks.join('\n')}\nif (!converged || !recalled || raster.events().length === 0) throw new Error('README tour: no recall');\n`;
}
