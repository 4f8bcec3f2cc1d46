// The consumer test (issue 11): kmn as a user installs it. Packs the package, installs the
// tarball into a fresh project with no tsx and no access to this repository's sources, then
//  1. runs the README tour and every docs example with plain `node` (ESM; the TypeScript of
//     the examples is only stripped by esbuild, imports stay `kmn` / `kmn/node`);
//  2. require('kmn') from CommonJS (require(esm), Node >= 20.19, the `engines` floor);
//  3. type-checks consumer files with `tsc --strict` under moduleResolution node16 and bundler,
//     without skipLibCheck (the core file with no @types/node at all);
//  4. bundles the core entry for the browser with esbuild (--platform=browser): zero unresolved
//     imports, no Node globals (process, Buffer, require) in the bundle, size reported minified
//     and gzipped;
//  5. runs publint and @arethetypeswrong/cli on the tarball.
// Any failure exits non-zero. Run: `npm run test:consumer` (CI runs it after the unit tests).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, transformSync } from 'esbuild';
import { docUnits, readmeTour } from '../docs/extract-examples.js';

const repo = new URL('../../', import.meta.url).pathname;
const bin = (name: string): string => join(repo, 'node_modules', '.bin', name);
const failures: string[] = [];
const t0 = Date.now();
const log = (line: string): void => void process.stdout.write(`${line}\n`);

function run(cmd: string, args: string[], cwd: string, label: string): { ok: boolean; out: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, NODE_NO_WARNINGS: '1' }, timeout: 300_000 });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  const ok = r.status === 0;
  log(`${ok ? 'ok  ' : 'FAIL'} ${label}`);
  if (!ok) {
    failures.push(label);
    log(out.split('\n').slice(-25).map((l) => `     ${l}`).join('\n'));
  }
  return { ok, out };
}

const work = mkdtempSync(join(tmpdir(), 'kmn-consumer-'));
const app = join(work, 'app');
mkdirSync(app);
try {
  // The tarball, from a fresh build (KMN_SKIP_BUILD=1 packs the dist/ that is there).
  if (process.env.KMN_SKIP_BUILD !== '1') execFileSync('npm', ['run', 'build', '--loglevel=error'], { cwd: repo, stdio: 'inherit' });
  const packed = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work, '--loglevel=error'], { cwd: repo, encoding: 'utf8' })) as { filename: string; size: number; unpackedSize: number; files: { path: string }[] }[];
  const tarball = join(work, packed[0]!.filename);
  const files = packed[0]!.files.map((f) => f.path);
  log(`packed ${packed[0]!.filename}: ${files.length} files, ${(packed[0]!.size / 1024).toFixed(0)} kB (${(packed[0]!.unpackedSize / 1024).toFixed(0)} kB unpacked)`);
  const stray = files.filter((f) => /^(test|\.ci|docs\/api)\/|tsconfig|vitest|\.ts$/.test(f) && !f.endsWith('.d.ts'));
  if (stray.length > 0) failures.push(`tarball ships files users do not need: ${stray.slice(0, 5).join(', ')}`);
  if (!files.includes('LICENSE')) failures.push('tarball has no LICENSE');

  // A fresh ESM project that installs only the tarball (and @types/node for the Node-side check).
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'kmn-consumer', private: true, type: 'module' }, null, 2));
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tarball, `@types/node@${JSON.parse(readFileSync(join(repo, 'node_modules/@types/node/package.json'), 'utf8')).version}`], app, 'npm install <tarball> into an empty project');
  if (existsSync(join(app, 'node_modules', 'tsx'))) failures.push('tsx was installed into the consumer project (it must stay an optional peer)');

  // 1. README tour and docs examples, with plain node.
  const units = [{ name: 'README tour', stem: 'readme', code: readmeTour(readFileSync(join(repo, 'README.md'), 'utf8')) }, ...docUnits(join(repo, 'docs'))];
  mkdirSync(join(app, 'examples'));
  for (const u of units) {
    const js = transformSync(u.code, { loader: 'ts', format: 'esm', target: 'node20' }).code;
    const file = join(app, 'examples', `${u.stem}.mjs`);
    writeFileSync(file, js);
    run(process.execPath, [file], app, `node ${u.name}`);
  }

  // 2. CommonJS.
  writeFileSync(join(app, 'require.cjs'), "const kmn = require('kmn');\nconst net = kmn.recurrentNetwork({ patterns: kmn.randomBipolar({ count: 3, dim: 20 }, kmn.createRng(1)), kernel: kmn.linear() });\nif (net.size !== 20) throw new Error('require(kmn) gave a broken module');\nconst node = require('kmn/node');\nif (typeof node.runScenario !== 'function') throw new Error('require(kmn/node) gave a broken module');\n");
  run(process.execPath, ['require.cjs'], app, `require('kmn') from CommonJS (Node ${process.version})`);

  // 3. Types: a core consumer with no Node types at all, and a Node consumer, under two resolutions.
  writeFileSync(join(app, 'core.ts'), "import { createRng, linear, randomBipolar, recurrentNetwork, type Kernel } from 'kmn';\nconst k: Kernel = linear();\nconst net = recurrentNetwork({ patterns: randomBipolar({ count: 3, dim: 20 }, createRng(1)), kernel: k });\nconst fields: Float64Array = net.fields(new Int8Array(20).fill(1));\nexport const n: number = fields.length;\n");
  writeFileSync(join(app, 'node-side.ts'), "import { builtinScenarios, loadScenario } from 'kmn/node';\nexport const names: string[] = Object.keys(builtinScenarios);\nexport const load = loadScenario;\n");
  const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
  const configs = {
    node16: { module: 'node16', moduleResolution: 'node16' },
    bundler: { module: 'esnext', moduleResolution: 'bundler' },
  };
  for (const [name, resolution] of Object.entries(configs)) {
    const base = { strict: true, noEmit: true, target: 'es2022', lib: ['es2022'], skipLibCheck: false, ...resolution };
    // A browser consumer: DOM globals (rxjs and zod name setTimeout and URL), no Node types.
    writeFileSync(join(app, `tsconfig.core-${name}.json`), JSON.stringify({ compilerOptions: { ...base, lib: ['es2022', 'dom'], types: [] }, files: ['core.ts'] }));
    writeFileSync(join(app, `tsconfig.node-${name}.json`), JSON.stringify({ compilerOptions: { ...base, types: ['node'] }, files: ['node-side.ts'] }));
    run(process.execPath, [tsc, '-p', `tsconfig.core-${name}.json`], app, `tsc --strict, moduleResolution ${name}, core entry, DOM lib and no @types/node`);
    run(process.execPath, [tsc, '-p', `tsconfig.node-${name}.json`], app, `tsc --strict, moduleResolution ${name}, kmn/node entry`);
  }

  // 4. The core entry bundles for the browser.
  writeFileSync(join(app, 'browser.mjs'), "import * as kmn from 'kmn';\nglobalThis.kmn = kmn;\n");
  try {
    const result = await build({ entryPoints: [join(app, 'browser.mjs')], bundle: true, platform: 'browser', format: 'esm', minify: true, write: false, logLevel: 'silent', absWorkingDir: app });
    const bytes = result.outputFiles[0]!.contents;
    // esbuild fails on unresolved imports only; Node globals would bundle silently and fail in a
    // page. Scan the unminified bundle for them.
    const plain = await build({ entryPoints: [join(app, 'browser.mjs')], bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent', absWorkingDir: app });
    const globals = [...plain.outputFiles[0]!.text.matchAll(/\b(process\.[A-Za-z]+|Buffer\.[a-z]+|__dirname|__filename|require\()/g)].map((m) => m[1]);
    if (globals.length > 0) failures.push(`the core bundle uses Node globals: ${[...new Set(globals)].join(', ')}`);
    log(`ok   esbuild --platform=browser: core bundle ${(bytes.length / 1024).toFixed(0)} kB minified, ${(gzipSync(bytes).length / 1024).toFixed(0)} kB gzipped`);
  } catch (error) {
    failures.push('esbuild browser bundle of the core entry');
    log(`FAIL esbuild --platform=browser\n${String((error as Error).message).split('\n').slice(0, 20).join('\n')}`);
  }

  // 5. Package linters.
  const pkgDir = join(app, 'node_modules', 'kmn');
  run(bin('publint'), ['run', pkgDir, '--strict'], app, 'publint --strict');
  run(bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'table-flipped'], app, '@arethetypeswrong/cli (esm-only profile: kmn ships ESM; CommonJS uses require(esm))');
} finally {
  if (!process.env.KMN_KEEP_CONSUMER) rmSync(work, { recursive: true, force: true });
  else log(`kept ${work}`);
}
log(`${failures.length === 0 ? 'consumer test passed' : `consumer test FAILED (${failures.length}): ${failures.join('; ')}`} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
process.exitCode = failures.length === 0 ? 0 : 1;
