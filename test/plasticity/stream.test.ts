import { describe, expect, it } from 'vitest';
import { filter, take, toArray } from 'rxjs';
import { createRng, expBeta, linear, polynomial, randomBipolar, trainingEvents$ } from '../../node.js';
import { hebbian, perceptron, presentations, recurrentProblems, trainCoefficients, trainFeedForward, trainingSession, type TrainingEvent } from '../../plasticity/index.js';
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

describe('online presentation: the training driver\'s events', () => {
  const x = randomBipolar({ count: 8, dim: 20 }, createRng(4));

  it('ends with the same coefficients as batch training, and reports per presentation', () => {
    const events = presentations(x, linear(), perceptron(), { maxEpochs: 100 });
    const presented = events.filter((e): e is Extract<TrainingEvent, { type: 'presentation' }> => e.type === 'presentation');
    const epochs = events.filter((e) => e.type === 'epoch');
    // Every neuron is shown every pattern in each epoch until it has converged, then drops out.
    const session = trainingSession(recurrentProblems(x, linear()), perceptron(), { maxEpochs: 100 });
    session.run();
    const epochsPerNeuron = session.reports().map((r) => r.epochs);
    expect(presented.length).toBe(8 * epochsPerNeuron.reduce((a, b) => a + b, 0));
    expect(epochs.length).toBe(Math.max(...epochsPerNeuron));
    expect(epochs.at(-1)).toMatchObject({ done: true, converged: 20 });
    const batch = trainCoefficients(x, linear(), perceptron(), { maxEpochs: 100 });
    expect(Array.from(session.coefficients().alpha)).toEqual(Array.from(batch.alpha));
    // The per-presentation updates sum to the coefficient changes the batch trainer counted.
    expect(presented.filter((e) => e.updated).length).toBe(batch.reports.reduce((s, r) => s + r.updates, 0));
  });

  it('supports sequential learning: a curriculum interleaved with reading the coefficients', () => {
    const session = trainingSession(recurrentProblems(x, linear()), hebbian(), { sequence: [0, 1, 2] });
    const stored: number[] = [];
    session.run((e) => {
      if (e.type === 'presentation' && e.neuron === 19) {
        const { alpha } = session.coefficients();
        stored.push(Array.from(alpha.subarray(0, 8)).filter((v) => v === 1).length);
      }
    });
    expect(stored).toEqual([1, 2, 3]);
  });

  it('a session runs once', () => {
    const session = trainingSession(recurrentProblems(x, linear()), hebbian(), {});
    session.run();
    expect(() => session.run()).toThrow(/runs once/);
  });

  it('trainingEvents$ wraps the driver\'s events in RxJS, and unsubscribing stops training at once', () => {
    const session = trainingSession(recurrentProblems(x, linear()), perceptron(), { rng: createRng(5) });
    let seen = 0;
    let firstUpdates: TrainingEvent[] = [];
    trainingEvents$(session).pipe(filter((e) => { seen++; return e.type === 'presentation' && e.updated; }), take(3), toArray()).subscribe((events) => { firstUpdates = events; });
    expect(firstUpdates).toHaveLength(3);
    // Training stopped right after the third update: the neurons hold exactly 3 coefficient
    // changes in all, no epoch was completed, and no event was produced after the unsubscription.
    const reports = session.reports();
    expect(reports.reduce((s, r) => s + r.updates, 0)).toBe(3);
    expect(reports.every((r) => r.epochs === 0)).toBe(true);
    const last = firstUpdates[2] as Extract<TrainingEvent, { type: 'presentation' }>;
    expect(seen).toBe(last.step * 20 + last.neuron + 1);
    const total = session.coefficients().alpha.reduce((s, v) => s + v, 0);
    expect(total).toBe(3);

    const s2 = trainingSession(recurrentProblems(x, linear()), perceptron(), { maxEpochs: 50 });
    let all: TrainingEvent[] = [];
    trainingEvents$(s2).pipe(toArray()).subscribe((events) => { all = events; });
    expect(all.at(-1)).toMatchObject({ type: 'epoch', done: true });
  });
});
