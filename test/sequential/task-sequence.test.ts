import { describe, expect, it } from 'vitest';
import { ShapeError, bipolarPatterns, createRng, patternRow } from '../../node.js';
import { correlatedTasks, permutedTasks, randomTasks } from '../../plasticity/sequential/index.js';

const dot = (x: Int8Array, y: Int8Array): number => x.reduce((s, v, j) => s + v * y[j]!, 0);

describe('task sequences', () => {
  it('permutedTasks: every source pattern used once, one permutation per task (overlaps inside a task are the sources\'), task 0 unpermuted', () => {
    // Source row k has exactly k + 1 entries +1 (a signature that any permutation keeps), at scattered places.
    const n = 24;
    const count = 12;
    const rng = createRng(3);
    const data = new Int8Array(count * n).fill(-1);
    for (let k = 0; k < count; k++) for (const j of rng.sample(n, k + 1)) data[k * n + j] = 1;
    const source = bipolarPatterns(data, { count, dim: n });
    const tasks = permutedTasks(source, { tasks: 3, perTask: 4 }, createRng(4));
    const used = new Set<number>();
    tasks.forEach((task, t) => {
      const rows = Array.from({ length: task.count }, (_, mu) => patternRow(task, mu));
      const origin = rows.map((r) => r.reduce((s, v) => s + (v > 0 ? 1 : 0), 0) - 1);
      for (const o of origin) used.add(o);
      for (let a = 0; a < rows.length; a++) {
        if (t === 0) expect(Array.from(rows[a]!)).toEqual(Array.from(patternRow(source, origin[a]!)));
        for (let b = 0; b < rows.length; b++) expect(dot(rows[a]!, rows[b]!)).toBe(dot(patternRow(source, origin[a]!), patternRow(source, origin[b]!)));
      }
    });
    expect(used.size).toBe(count);
    expect(() => permutedTasks(source, { tasks: 4, perTask: 4 }, createRng(4))).toThrow(ShapeError);
  });

  it('correlatedTasks: patterns of one task share a parent (mean entry correlation rho), different tasks are independent', () => {
    const n = 400;
    const tasks = correlatedTasks({ tasks: 2, perTask: 6, dim: n, correlation: 0.36 }, createRng(5));
    const within: number[] = [];
    const across: number[] = [];
    for (let a = 0; a < 6; a++) for (let b = 0; b < 6; b++) {
      if (a < b) within.push(dot(patternRow(tasks[0]!, a), patternRow(tasks[0]!, b)) / n);
      across.push(dot(patternRow(tasks[0]!, a), patternRow(tasks[1]!, b)) / n);
    }
    const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    // Each overlap / N has mean rho (within) or 0 (across) and sd <= 1 / sqrt(N) = 0.05 for independent entries;
    // within a task the 15 pairs share one parent, so allow 4 sd of a single pair (0.2) around the means.
    expect(Math.abs(mean(within) - 0.36)).toBeLessThan(0.2);
    expect(Math.abs(mean(across))).toBeLessThan(0.2);
    expect(randomTasks({ tasks: 3, perTask: 2, dim: 8 }, createRng(1))).toHaveLength(3);
  });
});
