import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The page uses kmn's public core entry only: `import ... from 'kmn'` is the repository's index.ts
// (the same module the published package builds into dist/index.js).
const core = fileURLToPath(new URL('../index.ts', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  resolve: { alias: [{ find: /^kmn$/, replacement: core }] },
  worker: { format: 'es' },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', reportCompressedSize: true, chunkSizeWarningLimit: 1024 },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
