#!/usr/bin/env node
// The kmn command: runs the compiled CLI (dist/). Inside the repository, KMN_FROM_SOURCE=1 runs
// the TypeScript sources through tsx instead (a dev dependency), so tests never see a stale build.
let main;
if (process.env.KMN_FROM_SOURCE === '1') {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../cli/main.ts'));
} else {
  const entry = new URL('../dist/cli/main.js', import.meta.url);
  try {
    ({ main } = await import(entry.href));
  } catch (error) {
    // Only the CLI entry itself missing means "not built"; any other missing module is a real error.
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes(decodeURIComponent(entry.pathname))) throw error;
    process.stderr.write('kmn: the compiled CLI is missing (dist/); run `npm run build` in the kmn folder\n');
    process.exit(1);
  }
}
process.exitCode = await main(process.argv.slice(2));
