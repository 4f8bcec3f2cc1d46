import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { shuffledBlocks } from '../../src/data/blocks.js';
import { InvalidValueError } from '../../src/errors.js';
import { createRng } from '../../src/rng/rng.js';

describe('shuffledBlocks', () => {
  it('blocks are disjoint, of the requested size, and drawn from 0..count-1', () => {
    const blocks = shuffledBlocks(1000, { blocks: 5, size: 150 }, createRng(3).child('blocks'));
    expect(blocks.length).toBe(5);
    const seen = new Set<number>();
    for (const b of blocks) {
      expect(b.length).toBe(150);
      for (const i of b) {
        expect(i >= 0 && i < 1000).toBe(true);
        expect(seen.has(i)).toBe(false);
        seen.add(i);
      }
    }
  });

  it('the same seed gives the same blocks, however much the parent stream was used before', () => {
    const parent = createRng(11);
    const a = shuffledBlocks(500, { blocks: 3, size: 100 }, parent.child('blocks'));
    for (let i = 0; i < 1000; i++) parent.uniform();
    const b = shuffledBlocks(500, { blocks: 3, size: 100 }, parent.child('blocks'));
    const c = shuffledBlocks(500, { blocks: 3, size: 100 }, createRng(11).child('blocks'));
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(shuffledBlocks(500, { blocks: 3, size: 100 }, createRng(12).child('blocks'))).not.toEqual(a);
  });

  it('a worker thread draws the same blocks as this thread', async () => {
    const here = shuffledBlocks(300, { blocks: 2, size: 50 }, createRng(5).child('blocks'));
    const url = new URL('../../src/data/blocks.ts', import.meta.url).href;
    const rngUrl = new URL('../../src/rng/rng.ts', import.meta.url).href;
    const code = `
      const { parentPort } = require('node:worker_threads');
      (async () => {
        const { register } = await import('tsx/esm/api');
        register();
        const { shuffledBlocks } = await import(${JSON.stringify(url)});
        const { createRng } = await import(${JSON.stringify(rngUrl)});
        parentPort.postMessage(shuffledBlocks(300, { blocks: 2, size: 50 }, createRng(5).child('blocks')).map((b) => Array.from(b)));
      })();`;
    const there = await new Promise<number[][]>((resolve, reject) => {
      const w = new Worker(code, { eval: true });
      w.once('message', (m: number[][]) => { resolve(m); void w.terminate(); });
      w.once('error', reject);
    });
    expect(there).toEqual(here.map((b) => Array.from(b)));
  });

  it('asking for more items than exist is an InvalidValueError before any draw', () => {
    const rng = createRng(1);
    const before = rng.state();
    expect(() => shuffledBlocks(100, { blocks: 3, size: 40 }, rng)).toThrow(InvalidValueError);
    expect(rng.state()).toEqual(before);
    expect(() => shuffledBlocks(100, { blocks: 0, size: 4 }, rng)).toThrow(InvalidValueError);
  });
});
