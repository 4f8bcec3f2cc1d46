import { map, type OperatorFunction } from 'rxjs';
import type { StepEvent } from '../simulation.js';

/**
 * The overlap `m = xi . s / N` of each step's state with one pattern.
 *
 * @example
 * ```ts
 * sim.steps$.pipe(overlapWith(patternRow(X, 0))).subscribe((m) => console.log(m));
 * ```
 */
export function overlapWith(pattern: ArrayLike<number>): OperatorFunction<StepEvent, number> {
  const n = pattern.length;
  return (source) =>
    source.pipe(
      map(({ state }) => {
        let h = 0;
        for (let j = 0; j < n; j++) h += pattern[j]! * state[j]!;
        return h / n;
      }),
    );
}
