import { runScenario } from '../../node.js';
import capacity from '../../scenarios/capacity.js';

const moduleUrl = new URL('../../scenarios/capacity.ts', import.meta.url).href;

/**
 * Capacity sweep with 2 worker threads against 1: the speed-up (target >= 1.8 on 2 cores) and
 * whether the two results are bit-identical (they must be). The workload (about 30 s on one
 * worker) grew with issue 14: the capacity tasks became about 6x faster, and the earlier one
 * (N = 40, 56; 10 s) left the pool's fixed costs at 15% of a 2-worker run.
 */
export default async function workersBench(): Promise<Record<string, unknown>[]> {
  const options = { seed: 11, trials: 4, params: { N: '48,64,72', rules: 'adatron,perceptron,pa' }, moduleUrl };
  const t0 = performance.now();
  const one = await runScenario(capacity, { ...options, workers: 1 });
  const t1 = performance.now();
  const two = await runScenario(capacity, { ...options, workers: 2 });
  const t2 = performance.now();
  const identical = JSON.stringify(one.result) === JSON.stringify(two.result);
  const ratio = (t1 - t0) / (t2 - t1);
  return [{
    name: 'capacity sweep, --workers 2 vs 1 (speed-up)',
    ratio,
    target: '>= 1.8',
    pass: ratio >= 1.8 && identical,
    identical,
    seconds1: (t1 - t0) / 1000,
    seconds2: (t2 - t1) / 1000,
  }];
}
