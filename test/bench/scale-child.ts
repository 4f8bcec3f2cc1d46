// Child process of scale.bench.ts: builds an N = 10000, M = 10000 network and runs one
// asynchronous sweep; prints timings and the peak resident memory as JSON.
import { createRng, flipBits, linear, patternRow, randomBipolar, recurrentNetwork } from '../../node.js';

const n = 10_000;
const m = 10_000;
const t0 = performance.now();
const X = randomBipolar({ count: m, dim: n }, createRng(1));
const net = recurrentNetwork({ patterns: X, kernel: linear() });
const t1 = performance.now();
const result = net.run(flipBits(patternRow(X, 0), 0.1, createRng(2)), { schedule: 'random-permutation', rng: createRng(3), maxSweeps: 1 });
const t2 = performance.now();
process.stdout.write(`${JSON.stringify({ buildMs: t1 - t0, sweepMs: t2 - t1, updates: result.updates, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
