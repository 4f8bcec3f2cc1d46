import { describe, expect, it } from 'vitest';
import * as plasticity from '../../plasticity/index.js';
import * as kmn from '../../node.js';

describe('the public API of plasticity is pinned (changing it is a deliberate act)', () => {
  it('exports exactly these runtime names', () => {
    expect(Object.keys(plasticity).sort()).toEqual([
      'MAX_EPOCHS', 'adatron', 'adatronSchema', 'applyUpdate', 'centredHebbian', 'centredHebbianSchema', 'cloneState', 'createRule',
      'createState', 'currentField', 'drive', 'feedForwardProblems', 'fit', 'hebbian', 'hebbianSchema', 'kernelAdatron', 'kernelProblem',
      'kktHolds', 'localProblem', 'minStability', 'minover', 'minoverSchema', 'networkThreshold', 'neuronReport', 'onlineRule',
      'overlapMatrix', 'passiveAggressive', 'passiveAggressiveSchema', 'perceptron', 'perceptronSchema',
      'presentations', 'pseudoinverse', 'pseudoinverseSchema', 'recurrentProblems', 'refreshFields', 'registerRule', 'ruleEntry',
      'ruleFromSpec', 'ruleJsonSchema', 'ruleNames', 'ruleOption', 'ruleSpec', 'train', 'trainCoefficients',
      'trainFeedForward', 'trainProblems', 'trainingSession', 'weightNorm2',
    ]);
  });

  it('is re-exported from the package root', () => {
    for (const name of Object.keys(plasticity)) expect((kmn as Record<string, unknown>)[name]).toBe((plasticity as Record<string, unknown>)[name]);
  });
});
