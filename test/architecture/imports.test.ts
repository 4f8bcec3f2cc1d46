import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, sourceFiles, type ImportEdge } from './import-graph.js';

const root = new URL('../../', import.meta.url).pathname;

/**
 * The layers of kmn (DESIGN.md section 6, issue 10): the engine (src/) knows no neuron model,
 * rule or scenario; neuron models and plasticity build on the engine and not on each other;
 * scenarios build on all three (spec/, the network specs and snapshots, sits between plasticity and scenarios); the CLI sits on top of scenarios. The package barrels at the
 * root (index.ts, node.ts) gather everything and may import anything. Tests are not a layer.
 */
const rank: Record<string, number> = { src: 0, neurons: 1, plasticity: 1, spec: 1.5, core: 1.75, scenarios: 2, cli: 3, barrel: 4 };

function part(file: string): string | null {
  const top = file.split('/')[0]!;
  // index.ts is the core barrel (the `kmn` entry): it gathers src, neurons, plasticity and spec,
  // and scenarios may import it. node.ts (`kmn/node`) gathers everything, scenarios included.
  if (!file.includes('/')) return top === 'index.ts' ? 'core' : top === 'node.ts' ? 'barrel' : null;
  return top in rank ? top : null;
}

/** An import from one part into another that is not below it (siblings count as violations too). */
function violates(edge: ImportEdge): boolean {
  if (!edge.to) return false;
  const a = part(edge.from);
  const b = part(edge.to);
  if (!a || !b || a === b || a === 'barrel') return false;
  return rank[b]! >= rank[a]!;
}


const files = sourceFiles(root).filter((f) => part(f) !== null);
const edges = files.flatMap((f) => importsOf(root, f));

describe('layers without cycles: no import points up (src < neurons, plasticity < spec < scenarios < cli)', () => {
  it('the parser sees the real graph (sanity: known edges are found, comments are not imports)', () => {
    expect(files).toContain('plasticity/rule.ts');
    expect(edges.some((e) => e.from === 'plasticity/rule.ts' && e.to === 'src/errors.ts')).toBe(true);
    expect(edges.some((e) => e.from === 'index.ts' && e.to === 'plasticity/index.ts')).toBe(true);
    // TSDoc examples say `from 'kmn'`; none of them may count as an import.
    expect(edges.some((e) => e.specifier === 'kmn')).toBe(false);
    // The rule itself: a scenario importing the engine is fine, the engine importing a scenario is not.
    expect(violates({ from: 'scenarios/capacity.ts', specifier: '', to: 'src/errors.ts', typeOnly: false, line: 1 })).toBe(false);
    expect(violates({ from: 'src/sim/training-events.ts', specifier: '', to: 'plasticity/session.ts', typeOnly: true, line: 1 })).toBe(true);
    expect(violates({ from: 'plasticity/train.ts', specifier: '', to: 'neurons/index.ts', typeOnly: false, line: 1 })).toBe(true);
    expect(violates({ from: 'plasticity/train.ts', specifier: '', to: 'spec/index.ts', typeOnly: true, line: 1 })).toBe(true);
    expect(violates({ from: 'spec/build-network.ts', specifier: '', to: 'plasticity/registry.ts', typeOnly: false, line: 1 })).toBe(false);
  });

  it('no file imports (even types) from its own layer\'s siblings or from a layer above it', () => {
    const bad = edges.filter(violates).map((e) => `${e.from}:${e.line} -> ${e.to}`);
    expect(bad).toEqual([]);
  });

  it('the engine has no barrel of its own: the package barrels are index.ts and node.ts at the root', () => {
    expect(files).not.toContain('src/index.ts');
  });

  it('only src/sim imports RxJS at run time (the spike bus)', () => {
    const rx = edges.filter((e) => !e.typeOnly && (e.specifier === 'rxjs' || e.specifier.startsWith('rxjs/')));
    expect(rx.filter((e) => !e.from.startsWith('src/sim/')).map((e) => `${e.from}:${e.line}`)).toEqual([]);
  });
});

/** Files reachable at run time from `entry` (type-only imports are erased), and the packages they load. */
function runtimeClosure(entry: string): { files: Set<string>; packages: Map<string, string> } {
  const seen = new Set<string>();
  const packages = new Map<string, string>();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const e of importsOf(root, file)) {
      if (e.typeOnly) continue;
      if (e.to) stack.push(e.to);
      else if (!packages.has(e.specifier)) packages.set(e.specifier, file);
    }
  }
  return { files: seen, packages };
}

describe('plasticity loads without RxJS', () => {
  it('statically: nothing plasticity/index.ts loads at run time imports rxjs', () => {
    const { files: reach, packages } = runtimeClosure('plasticity/index.ts');
    expect(reach.size).toBeGreaterThan(10);
    expect([...packages.keys()].filter((p) => p === 'rxjs' || p.startsWith('rxjs/'))).toEqual([]);
    // The same walk does find RxJS from the engine's spike bus, so it would see it if it were there.
    expect(runtimeClosure('src/sim/index.ts').packages.has('rxjs')).toBe(true);
  });

  it('at run time: a fresh Node process importing plasticity/index.ts resolves no rxjs module', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kmn-loads-'));
    try {
      const log = join(dir, 'resolved.txt');
      const hooks = join(dir, 'hooks.mjs');
      writeFileSync(hooks, `import { appendFileSync } from 'node:fs';\nexport async function resolve(specifier, context, next) {\n  const r = await next(specifier, context);\n  appendFileSync(${JSON.stringify(log)}, r.url + '\\n');\n  return r;\n}\n`);
      const register = join(dir, 'register.mjs');
      writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(`file://${hooks}`)});\n`);
      const load = (entry: string): string[] => {
        writeFileSync(log, '');
        execFileSync(process.execPath, ['--import', 'tsx', '--import', register, '-e', `await import(${JSON.stringify(join(root, entry))})`], { cwd: root, stdio: 'pipe' });
        return readFileSync(log, 'utf8').split('\n').filter(Boolean);
      };
      const plasticity = load('plasticity/index.ts');
      expect(plasticity.some((u) => u.endsWith('/plasticity/index.ts'))).toBe(true);
      expect(plasticity.filter((u) => u.includes('/node_modules/rxjs/'))).toEqual([]);
      // Control: the spike bus does load rxjs, so the hook would have seen it.
      expect(load('src/sim/index.ts').some((u) => u.includes('/node_modules/rxjs/'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
