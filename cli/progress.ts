import type { RunProgress } from '../src/scenario/run-scenario.js';

/** Where and how progress is shown. */
export interface ProgressOptions {
  /** `bar` redraws one line (terminals); `plain` prints a line every `intervalMs`; `none` is silent. */
  readonly mode: 'bar' | 'plain' | 'none';
  readonly stream?: { write(text: string): unknown };
  /** Milliseconds between plain lines (default 10 s) and before the bar first appears (1 s). */
  readonly intervalMs?: number;
  /** Clock (injectable for tests). */
  readonly now?: () => number;
}

/**
 * Formats seconds as `1h02m`, `3m05s` or `42s`.
 *
 * @example
 * ```ts
 * formatDuration(185); // "3m05s"
 * ```
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/**
 * The share of the run done (weighted by estimated task cost) and the estimated time left,
 * from the rate of this session only (tasks found finished in a resumed store cost no time):
 * ETA = (total − done cost) · elapsed / (done cost − resumed cost).
 *
 * @example
 * ```ts
 * estimate({ done: 1, total: 4, doneCost: 10, totalCost: 40, resumed: 0, resumedCost: 0 }, 5); // { fraction: 0.25, etaSeconds: 15 }
 * ```
 */
export function estimate(p: RunProgress, elapsedSeconds: number): { fraction: number; etaSeconds: number } {
  const fraction = p.totalCost > 0 ? p.doneCost / p.totalCost : 1;
  const sessionCost = p.doneCost - p.resumedCost;
  const etaSeconds = sessionCost > 0 ? ((p.totalCost - p.doneCost) * elapsedSeconds) / sessionCost : Infinity;
  return { fraction, etaSeconds: p.doneCost >= p.totalCost ? 0 : etaSeconds };
}

/**
 * Progress of a run on stderr, weighted by task cost, with an ETA: a bar on a terminal, a plain
 * line every `intervalMs` otherwise (logs, CI, cluster jobs), nothing with `--quiet`.
 *
 * @example
 * ```ts
 * const progress = createProgress('capacity', { mode: 'plain' });
 * progress.update({ done: 3, total: 10, doneCost: 30, totalCost: 100, resumed: 0, resumedCost: 0 });
 * progress.done();
 * ```
 */
export function createProgress(label: string, options: ProgressOptions): { update(p: RunProgress): void; done(): void } {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? Date.now;
  const start = now();
  const interval = options.intervalMs ?? (options.mode === 'plain' ? 10_000 : 1000);
  let last: RunProgress | undefined;
  let drawn = false;
  let lastDraw = 0;
  const line = (p: RunProgress): string => {
    const elapsed = (now() - start) / 1000;
    const { fraction, etaSeconds } = estimate(p, elapsed);
    const pct = `${(100 * fraction).toFixed(fraction < 0.1 ? 1 : 0)}%`;
    return `${pct} of the estimated work (${p.done}/${p.total} tasks${p.resumed > 0 ? `, ${p.resumed} resumed` : ''}), ${formatDuration(elapsed)} elapsed, ETA ${formatDuration(etaSeconds)}`;
  };
  const draw = (): void => {
    if (!last) return;
    lastDraw = now();
    if (options.mode === 'bar') {
      const width = 24;
      const filled = Math.round((last.totalCost > 0 ? last.doneCost / last.totalCost : 1) * width);
      stream.write(`\r${label} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${line(last)}\x1b[K`);
      drawn = true;
    } else if (options.mode === 'plain') {
      stream.write(`kmn: ${label} ${line(last)}\n`);
      drawn = true;
    }
  };
  const timer = options.mode === 'none' ? undefined : setInterval(() => {
    if (now() - start >= interval && now() - lastDraw >= interval) draw();
  }, Math.min(interval, 1000));
  timer?.unref?.();
  return {
    update(p) {
      last = p;
      if (options.mode === 'bar' && now() - start >= interval && now() - lastDraw >= 100) draw();
    },
    done() {
      if (timer) clearInterval(timer);
      if (!drawn) return;
      draw();
      if (options.mode === 'bar') stream.write('\n');
    },
  };
}
