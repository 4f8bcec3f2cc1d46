/**
 * A progress bar on stderr that appears only for runs longer than `delayMs` and only on a
 * terminal (so logs and pipes stay clean).
 *
 * @example
 * ```ts
 * const bar = progressBar('capacity');
 * bar.update(3, 10);
 * bar.done();
 * ```
 */
export function progressBar(label: string, options: { delayMs?: number; stream?: NodeJS.WriteStream } = {}): { update(done: number, total: number): void; done(): void } {
  const stream = options.stream ?? process.stderr;
  const start = Date.now();
  const delay = options.delayMs ?? 1000;
  let shown = false;
  let last = 0;
  return {
    update(done, total) {
      const now = Date.now();
      if (!stream.isTTY || now - start < delay || (now - last < 100 && done < total)) return;
      last = now;
      shown = true;
      const width = 30;
      const filled = Math.round((done / total) * width);
      const secs = ((now - start) / 1000).toFixed(1);
      stream.write(`\r${label} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total} ${secs}s`);
    },
    done() {
      if (shown) stream.write('\n');
    },
  };
}
