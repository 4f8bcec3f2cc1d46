import { Observable } from 'rxjs';

/**
 * Anything that runs once and reports its events to a listener, which may return `false` to
 * stop it: a plasticity training session (`trainingSession(...)`) has this shape. Typed
 * structurally so that the engine never imports plasticity.
 */
export interface ListenedRun<E> {
  /** Runs the session, calling `listener` with every event; a `false` return stops it. */
  run(listener: (event: E) => boolean | void): unknown;
}

/**
 * The events of a training session as a cold, synchronous Observable: subscribing runs the
 * session (once) and emits every event. Unsubscribing (e.g. through `take`) stops training
 * before the next presentation: the listener tells the driver to stop.
 *
 * @example
 * ```ts
 * const session = trainingSession(recurrentProblems(X, linear()), perceptron(), { rng: createRng(1) });
 * trainingEvents$(session).pipe(filter((e) => e.type === 'epoch')).subscribe((e) => console.log(e.converged));
 * ```
 */
export function trainingEvents$<E>(session: ListenedRun<E>): Observable<E> {
  return new Observable<E>((subscriber) => {
    try {
      session.run((event) => {
        if (subscriber.closed) return false;
        subscriber.next(event);
        return !subscriber.closed;
      });
      subscriber.complete();
    } catch (error) {
      subscriber.error(error);
    }
  });
}
