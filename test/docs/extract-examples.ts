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
