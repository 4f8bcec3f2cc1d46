import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mnistFromDigitArrays } from '../../src/data/mnist-package.js';
import { loadMnist } from '../../src/data/node/mnist.js';
import { InvalidValueError, ShapeError } from '../../src/errors.js';

const root = dirname(createRequire(import.meta.url).resolve('mnist/package.json'));
const rawDigit = (d: number): number[] => (JSON.parse(readFileSync(join(root, 'src', 'digits', `${d}.json`), 'utf8')) as { data: number[] }).data;

describe('MNIST digits from the mnist package', () => {
  it('all 10,000 samples, 28 x 28, labels class by class in file order', () => {
    const X = loadMnist();
    expect(X.count).toBe(10000);
    expect(X.dim).toBe(784);
    expect(X.image).toEqual({ height: 28, width: 28 });
    // class sizes from the files themselves, without JSON: (commas + 1) / 784 values per sample
    const sizes = Array.from({ length: 10 }, (_, d) => {
      const text = readFileSync(join(root, 'src', 'digits', `${d}.json`), 'utf8');
      let commas = 0;
      for (let k = text.indexOf(','); k >= 0; k = text.indexOf(',', k + 1)) commas++;
      return (commas + 1) / 784;
    });
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(10000);
    let start = 0;
    for (let d = 0; d < 10; d++) {
      expect(X.labels![start]).toBe(d);
      expect(X.labels![start + sizes[d]! - 1]).toBe(d);
      start += sizes[d]!;
    }
  });

  it('pixels are the files values snapped to the 8-bit grid k/255 (within the 3-decimal rounding of the file)', () => {
    const X = loadMnist({ digits: [7], perDigit: 3 });
    const raw = rawDigit(7);
    for (let i = 0; i < 3 * 784; i++) {
      const v = X.data[i]!;
      expect(Math.abs(v - raw[i]!)).toBeLessThanOrEqual(0.0005 + 1e-12);
      expect(Math.abs(v * 255 - Math.round(v * 255))).toBeLessThan(1e-9);
    }
    expect(Array.from(X.labels!)).toEqual([7, 7, 7]);
  });

  it('digits and perDigit select in the given order; bad options are typed errors', () => {
    const X = loadMnist({ digits: [3, 1], perDigit: 2 });
    expect(Array.from(X.labels!)).toEqual([3, 3, 1, 1]);
    expect(() => loadMnist({ digits: [10] })).toThrow(InvalidValueError);
    expect(() => loadMnist({ digits: [1, 1] })).toThrow(/twice/);
    expect(() => loadMnist({ perDigit: 5000 })).toThrow(/perDigit/);
    expect(() => mnistFromDigitArrays([[0.5, 0.5]], { digits: [0] })).toThrow(ShapeError);
    expect(() => mnistFromDigitArrays([new Array(784).fill(2)], { digits: [0] })).toThrow(/outside \[0, 1\]/);
  });
});
