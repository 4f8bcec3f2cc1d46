import { describe, expect, it } from 'vitest';
import { filter, take, toArray } from 'rxjs';
import { createRng, expBeta, linear, polynomial, randomBipolar } from '../../src/index.js';
import { hebbian, perceptron, presentations, recurrentProblems, trainCoefficients, trainFeedForward, trainingEvents$, trainingSession, type TrainingEvent } from '../../plasticity/index.js';
import { bruteGram } from './helpers.js';

describe('shared overlaps: each neuron\'s kernel matrix follows from H = X X^T', () => {
  it('equals the kernel matrix of the patterns with component i removed, built pair by pair', () => {
    const x = randomBipolar({ count: 12, dim: 9 }, createRng(1));
    for (const kernel of [linear(), polynomial({ degree: 3, c: 1 }), expBeta({ r: 3, beta: 1 })]) {
      const source = recurrentProblems(x, kernel);
      for (let i = 0; i < 9; i++) {
        const expected = bruteGram(x.data, 12, 9, kernel, i);
        const got = source.problem(i).gram;
        for (let k = 0; k < expected.length; k++) expect(got[k]!).toBeCloseTo(expected[k]!, 10);
      }
    }
  });

  it('feed-forward training keeps the component (Property 1): one kernel matrix for all outputs', () => {
    const xin = randomBipolar({ count: 10, dim: 30 }, createRng(2));
    const xout = randomBipolar({ count: 10, dim: 4 }, createRng(3));
    const { reports, alpha } = trainFeedForward(xin, xout, linear(), perceptron());
    expect(reports).toHaveLength(4);
    expect(alpha).toHaveLength(40);
    expect(reports.every((r) => r.converged)).toBe(true);
  });
});

describe('online presentation as a stream of training events', () => {
  const x = randomBipolar({ count: 8, dim: 20 }, createRng(4));

  it('ends with the same coefficients as batch training, and reports per presentation', () => {
    const events = [...presentations(x, linear(), perceptron(), { maxEpochs: 100 })];
    const presented = events.filter((e): e is Extract<TrainingEvent, { type: 'presentation' }> => e.type === 'presentation');
    const epochs = events.filter((e) => e.type === 'epoch');
    expect(presented.length).toBe(epochs.length * 8 * 20);
    expect(epochs.at(-1)).toMatchObject({ done: true, converged: 20 });
    const session = trainingSession(recurrentProblems(x, linear()), perceptron(), { maxEpochs: 100 });
    for (const _ of session.events()) { /* drain */ }
    const batch = trainCoefficients(x, linear(), perceptron(), { maxEpochs: 100 });
    expect(Array.from(session.coefficients().alpha)).toEqual(Array.from(batch.alpha));
  });

  it('supports sequential learning: a curriculum interleaved with reading the coefficients', () => {
    const session = trainingSession(recurrentProblems(x, linear()), hebbian(), { sequence: [0, 1, 2] });
    const stored: number[] = [];
    for (const e of session.events()) {
      if (e.type === 'presentation' && e.neuron === 19) {
        const { alpha } = session.coefficients();
        stored.push(Array.from(alpha.subarray(0, 8)).filter((v) => v === 1).length);
      }
    }
    expect(stored).toEqual([1, 2, 3]);
  });

  it('trainingEvents$ wraps the stream in RxJS, and unsubscribing stops training', async () => {
    const session = trainingSession(recurrentProblems(x, linear()), perceptron(), { rng: createRng(5) });
    const firstUpdates = await new Promise<TrainingEvent[]>((resolve) => {
      trainingEvents$(session).pipe(filter((e) => e.type === 'presentation' && e.updated), take(3), toArray()).subscribe(resolve);
    });
    expect(firstUpdates).toHaveLength(3);
    const s2 = trainingSession(recurrentProblems(x, linear()), perceptron(), { maxEpochs: 50 });
    const all = await new Promise<TrainingEvent[]>((resolve) => trainingEvents$(s2).pipe(toArray()).subscribe(resolve));
    expect(all.at(-1)).toMatchObject({ type: 'epoch', done: true });
  });
});
