import { describe, expect, it } from 'vitest';
import { createProgress, estimate, formatDuration } from '../../cli/progress.js';

describe('progress that tells the truth', () => {
  it('weights by task cost and estimates the time left from this session only', () => {
    // 4 tasks of costs 1, 1, 1, 7: after the three cheap ones 30% of the work is done, not 75%.
    const p = { done: 3, total: 4, doneCost: 3, totalCost: 10, resumed: 0, resumedCost: 0 };
    expect(estimate(p, 6).fraction).toBeCloseTo(0.3, 12);
    // 3 cost units took 6 s, 7 remain: 14 s.
    expect(estimate(p, 6).etaSeconds).toBeCloseTo(14, 12);
    // Two of those tasks came from a resumed store: 1 unit in 6 s, 7 remain: 42 s.
    expect(estimate({ ...p, resumed: 2, resumedCost: 2 }, 6).etaSeconds).toBeCloseTo(42, 12);
    expect(estimate({ ...p, done: 4, doneCost: 10 }, 6).etaSeconds).toBe(0);
    expect(formatDuration(185)).toBe('3m05s');
    expect(formatDuration(3720)).toBe('1h02m');
  });

  it('plain mode prints a line every interval even while no task finishes, and nothing when quiet', async () => {
    const lines: string[] = [];
    const progress = createProgress('coin', { mode: 'plain', intervalMs: 40, stream: { write: (t: string) => lines.push(t) } });
    progress.update({ done: 1, total: 4, doneCost: 1, totalCost: 10, resumed: 0, resumedCost: 0 });
    await new Promise((r) => setTimeout(r, 300));
    progress.done();
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const l of lines) expect(l).toMatch(/^kmn: coin 10% of the estimated work \(1\/4 tasks\), \d+s elapsed, ETA \S+\n$/);
    const quiet: string[] = [];
    const none = createProgress('coin', { mode: 'none', intervalMs: 10, stream: { write: (t: string) => quiet.push(t) } });
    none.update({ done: 1, total: 4, doneCost: 1, totalCost: 10, resumed: 0, resumedCost: 0 });
    await new Promise((r) => setTimeout(r, 60));
    none.done();
    expect(quiet).toEqual([]);
  });
});

describe('the default worker count', () => {
  it('is the idle cores: cores minus the load average, rounded, within [1, cores]', async () => {
    const { defaultWorkers } = await import('../../cli/main.js');
    expect(defaultWorkers(2, 0.1)).toBe(2);
    expect(defaultWorkers(2, 0.9)).toBe(1);
    expect(defaultWorkers(2, 15)).toBe(1);
    expect(defaultWorkers(8, 2.2)).toBe(6);
    expect(defaultWorkers(1, 0)).toBe(1);
  });
});
