import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileKernelsWat, outPath, renderKernelsModule } from '../../scripts/build-wasm.js';
import { kernelsWasm } from '../../src/simd/kernels-wasm.js';

describe('committed WebAssembly kernels', () => {
  it('equal a fresh wabt compile of src/simd/kernels.wat (the bytes cannot drift from the source)', async () => {
    const fresh = await compileKernelsWat();
    expect(Array.from(kernelsWasm)).toEqual(Array.from(fresh));
    // The generated file itself is exactly what the generator writes (no hand edits).
    expect(readFileSync(outPath, 'utf8')).toBe(renderKernelsModule(fresh));
  });

  it('validate as a SIMD module on this Node, and fail to compile without the SIMD feature', async () => {
    const api = (globalThis as unknown as { WebAssembly: { validate(b: Uint8Array): boolean } }).WebAssembly;
    expect(api.validate(kernelsWasm)).toBe(true);
    // The source really uses SIMD128: wabt rejects it with the feature off.
    const wabt = await (await import('wabt')).default();
    const text = readFileSync(new URL('../../src/simd/kernels.wat', import.meta.url), 'utf8');
    expect(() => {
      const m = wabt.parseWat('k.wat', text, { simd: false });
      try {
        m.validate();
      } finally {
        m.destroy();
      }
    }).toThrow();
  });
});
