import { describe, expect, it } from 'vitest';
import * as plasticity from '../../plasticity/index.js';
import * as kmn from '../../src/index.js';

describe('the public API of plasticity is pinned (changing it is a deliberate act)', () => {
  it('exports exactly these runtime names', () => {
    expect(Object.keys(plasticity).sort()).toEqual([
      'adatron', 'applyUpdate', 'createRule', 'createState', 'currentField', 'feedForwardProblems', 'fitEpochs',
      'hebbian', 'kernelAdatron', 'kernelProblem', 'kktHolds', 'localProblem', 'minStability', 'minover',
      'networkThreshold', 'neuronReport', 'onlineRule', 'overlapMatrix', 'passiveAggressive', 'perceptron',
      'presentations', 'pseudoinverse', 'recurrentProblems', 'refreshFields', 'registerRule', 'ruleEntry',
      'ruleNames', 'train', 'trainCoefficients', 'trainFeedForward', 'trainProblems', 'trainingEvents$',
      'trainingSession', 'weightNorm2',
    ]);
  });

  it('is re-exported from the package root', () => {
    for (const name of Object.keys(plasticity)) expect((kmn as Record<string, unknown>)[name]).toBe((plasticity as Record<string, unknown>)[name]);
  });
});
