import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Markdown files whose pictures must exist: the README and every page in docs/. */
function documents(): string[] {
  return [join(root, 'README.md'), ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => join(root, 'docs', f))];
}

/**
 * Whether a text is a well-formed SVG document: an `<svg>` root in the SVG namespace with a size,
 * and every element closed in order (a tag-stack walk over the markup; text and attribute values
 * are not inspected further).
 */
function svgProblem(text: string): string | null {
  const body = text.replace(/^\s*<\?xml[^>]*\?>\s*/, '').replace(/<!--[\s\S]*?-->/g, '');
  if (!/^<svg[\s>]/.test(body.trimStart())) return 'does not start with <svg';
  const root = /^<svg([^>]*)>/.exec(body.trimStart())![1]!;
  if (!root.includes('xmlns="http://www.w3.org/2000/svg"')) return 'root has no SVG namespace';
  if (!/width="\d/.test(root) || !/height="\d/.test(root)) return 'root has no width and height';
  const stack: string[] = [];
  for (const m of body.matchAll(/<(\/?)([A-Za-z][\w:.-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g)) {
    const [, closing, name, , selfClosing] = m;
    if (selfClosing) continue;
    if (closing) {
      const open = stack.pop();
      if (open !== name) return `</${name}> closes <${open ?? 'nothing'}>`;
    } else stack.push(name!);
  }
  if (stack.length > 0) return `unclosed <${stack.join('> <')}>`;
  if (!/<text[\s>]/.test(body)) return 'has no text (titles, axes)';
  return null;
}

describe('pictures in the docs', () => {
  const refs = documents().flatMap((doc) =>
    [...readFileSync(doc, 'utf8').matchAll(/!\[[^\]]*\]\(([^)\s]+\.svg)\)/g)].map((m) => ({ doc, target: resolve(dirname(doc), m[1]!) })));

  it('the README shows the capacity figure, and reproduce-the-paper shows a figure in each section', () => {
    expect(refs.some((r) => r.doc.endsWith('README.md') && r.target.endsWith('capacity-alpha-vs-n-linear.svg'))).toBe(true);
    const page = readFileSync(join(root, 'docs/reproduce-the-paper.md'), 'utf8');
    for (const section of page.split(/\n## /).slice(1)) expect(section, section.split('\n')[0]).toMatch(/!\[[^\]]+\]\(figures\/[\w-]+\.svg\)/);
  });

  it('every referenced figure exists and is a well-formed SVG document', () => {
    expect(refs.length).toBeGreaterThan(0);
    for (const { doc, target } of refs) {
      expect(existsSync(target), `${doc} -> ${target}`).toBe(true);
      expect(svgProblem(readFileSync(target, 'utf8')), target).toBeNull();
    }
  });

  it('the SVG check rejects broken documents (controls)', () => {
    const ok = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><g><text>a</text></g></svg>';
    expect(svgProblem(ok)).toBeNull();
    expect(svgProblem(ok.replace('</g>', ''))).toMatch(/closes/);
    expect(svgProblem(ok.replace(' xmlns="http://www.w3.org/2000/svg"', ''))).toMatch(/namespace/);
    expect(svgProblem('<html></html>')).toMatch(/start/);
    expect(svgProblem(ok.slice(0, -6))).toMatch(/unclosed/);
  });
});
