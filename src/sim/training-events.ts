import { Observable } from 'rxjs';
import type { TrainingEvent, TrainingSession } from '../../plasticity/presentations.js';

/**
 * The online training stream of a {@link TrainingSession} as a cold, synchronous Observable:
 * each subscription runs the session's events (a session streams once). Unsubscribing stops
 * training between two presentations.
 *
 * @example
 * ```ts
 * const session = trainingSession(recurrentProblems(X, linear()), perceptron(), { rng: createRng(1) });
 * trainingEvents$(session).pipe(filter((e) => e.type === 'epoch')).subscribe((e) => console.log(e.converged));
 * ```
 */
export function trainingEvents$(session: TrainingSession): Observable<TrainingEvent> {
  return new Observable<TrainingEvent>((subscriber) => {
    try {
      for (const event of session.events()) {
        if (subscriber.closed) return;
        subscriber.next(event);
      }
      subscriber.complete();
    } catch (error) {
      subscriber.error(error);
    }
  });
}
