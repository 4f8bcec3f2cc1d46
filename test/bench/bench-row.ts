/** One row of `npm run bench`: a ratio measured in one run, its target, and whether it met it. */
export interface BenchRow {
  readonly name: string;
  readonly ratio?: number;
  /** e.g. `"<= 3"` or `">= 50"`. */
  readonly target?: string;
  readonly pass?: boolean;
  /** Why the row could not be measured (e.g. a reference tool is missing). */
  readonly skipped?: string;
  readonly [extra: string]: unknown;
}

/**
 * Whether `ratio` meets a target written as `"<= x"` or `">= x"`.
 *
 * @example
 * ```ts
 * meets(2.5, '<= 3'); // true
 * ```
 */
export function meets(ratio: number, target: string): boolean {
  const [op, value] = target.split(/\s+/);
  return op === '<=' ? ratio <= Number(value) : ratio >= Number(value);
}

/**
 * Median wall time in milliseconds of `repeats` calls of `fn` after `warmup` calls (enough for
 * V8 to reach its optimising tier, so the ratio reflects steady state).
 *
 * @example
 * ```ts
 * const ms = medianMs(() => work(), 5);
 * ```
 */
export function medianMs(fn: () => unknown, repeats: number, warmup = 10): number {
  for (let w = 0; w < warmup; w++) fn();
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}
