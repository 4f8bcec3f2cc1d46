import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  InvalidValueError, ParameterError, RegistryError, ShapeError, createNeuronModel, createRng, flipBits, gaussian, linear, neuronModelNames, patternRow, pyramidalNeuron,
  randomBipolar, recurrentNetwork, registerNeuronModel, sdmNeuron, sigmaPiNeuron, type NeuronModel,
} from '../../src/index.js';
import { extractExamples } from '../docs/extract-examples.js';

const root = new URL('../../', import.meta.url).pathname;

/** The clusteron of docs/custom-neuron.md, imported from the guide's own code block. */
async function guideClusteron(): Promise<(o: { radius: number; lambda: number }) => NeuronModel> {
  const block = extractExamples(join(root, 'docs')).find((e) => e.file === 'custom-neuron.md' && e.code.includes('export function clusteronNeuron'))!;
  const dir = join(root, 'test', '.docs-tmp');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'conformance-clusteron.ts');
  writeFileSync(path, block.code.replace(/from 'kmn'/g, `from '${join(root, 'src', 'index.js')}'`));
  return ((await import(path)) as { clusteronNeuron: (o: { radius: number; lambda: number }) => NeuronModel }).clusteronNeuron;
}

const options: Record<string, Record<string, number | string>> = {
  point: {},
  pyramidal: { kernel: 'poly', degree: 3, c: 0 },
  'sigma-pi': { degree: 2, c: 1 },
  sdm: { locations: 3000, radius: 5 },
};

const models: [string, () => Promise<NeuronModel>][] = [
  ...neuronModelNames().map((name): [string, () => Promise<NeuronModel>] => [name, async () => createNeuronModel(name, options[name] ?? {})]),
  ['clusteron (docs/custom-neuron.md)', async () => (await guideClusteron())({ radius: 2, lambda: 0.5 })],
];

describe('neuron model conformance', () => {
  it('every registered model is covered here', () => {
    for (const name of neuronModelNames()) expect(Object.keys(options)).toContain(name);
  });

  for (const [name, make] of models) {
    describe(name, () => {
      const rng = createRng(7);
      const X = randomBipolar({ count: 2, dim: 16 }, rng);

      it('never reads its own state (no self-connections)', async () => {
        const net = recurrentNetwork({ patterns: X, kernel: linear(), neuron: await make(), rng: createRng(1) });
        for (let t = 0; t < 5; t++) {
          const s = Int8Array.from(patternRow(randomBipolar({ count: 1, dim: 16 }, rng), 0));
          for (let i = 0; i < 16; i++) {
            const before = net.field(i, s);
            s[i] = -s[i]! as 1 | -1;
            expect(net.field(i, s)).toBe(before);
            s[i] = -s[i]! as 1 | -1;
          }
        }
      });

      it('is deterministic for a given seed', async () => {
        const s = patternRow(randomBipolar({ count: 1, dim: 16 }, rng), 0);
        const a = recurrentNetwork({ patterns: X, kernel: linear(), neuron: await make(), rng: createRng(2) }).fields(s);
        const b = recurrentNetwork({ patterns: X, kernel: linear(), neuron: await make(), rng: createRng(2) }).fields(s);
        expect(Array.from(a)).toEqual(Array.from(b));
      });

      it('stores two patterns of 16 bits as fixed points and recalls them from a cue through the generic path', async () => {
        const net = recurrentNetwork({ patterns: X, kernel: linear(), neuron: await make(), rng: createRng(3) });
        for (let mu = 0; mu < 2; mu++) expect(net.isFixedPoint(patternRow(X, mu))).toBe(true);
        const { state, converged } = net.run(flipBits(patternRow(X, 0), 1 / 16, rng), { schedule: 'random-permutation', rng: createRng(4), maxSweeps: 20 });
        expect(converged).toBe(true);
        expect(Array.from(state)).toEqual(Array.from(patternRow(X, 0)));
      });

      it('runs every schedule, with and without Glauber noise, to a bipolar state of size N', async () => {
        const net = recurrentNetwork({ patterns: X, kernel: linear(), neuron: await make(), rng: createRng(6) });
        const cue = flipBits(patternRow(X, 1), 0.25, rng);
        for (const schedule of ['synchronous', 'fixed', 'random-permutation', 'random-sequential', 'poisson'] as const) {
          for (const temperature of [0, 0.5]) {
            const { state, sweeps } = net.run(cue, { schedule, temperature, rng: createRng(8), maxSweeps: 5 });
            expect(state).toHaveLength(16);
            expect(state.every((v) => v === 1 || v === -1)).toBe(true);
            expect(sweeps).toBeGreaterThanOrEqual(1);
          }
        }
      });

      it('rejects a state of the wrong size with a typed error', async () => {
        const net = recurrentNetwork({ patterns: X, kernel: linear(), neuron: await make(), rng: createRng(5) });
        expect(() => net.field(0, new Int8Array(15).fill(1))).toThrow(ShapeError);
      });
    });
  }
});

describe('neuron model registry and option errors', () => {
  it('a duplicate name is a RegistryError; unknown names and options are typed errors naming them', () => {
    expect(() => registerNeuronModel({ name: 'point', description: '', defaults: {}, create: () => createNeuronModel('point') })).toThrow(RegistryError);
    expect(() => createNeuronModel('no-such-neuron')).toThrow(RegistryError);
    expect(() => createNeuronModel('sigma-pi', { order: 2 })).toThrow(/sigma-pi\.order/);
    expect(() => createNeuronModel('sdm', { radius: 3 })).toThrow(ParameterError);
    expect(() => createNeuronModel('sdm', { radius: 3 })).toThrow(/sdm\.locations/);
  });

  it('bad factory options are typed errors naming the parameter', () => {
    expect(() => sigmaPiNeuron({ degree: 0 })).toThrow(/degree/);
    expect(() => sigmaPiNeuron({ degree: 2, c: -1 })).toThrow(InvalidValueError);
    expect(() => sdmNeuron({ locations: 0, radius: 1 })).toThrow(/locations/);
    expect(() => pyramidalNeuron({ kernel: gaussian({ sigma: 2 }) })).toThrow(InvalidValueError);
  });

  it('problems found at initialize (sizes, radius) and a missing rng are typed errors', () => {
    const X = randomBipolar({ count: 2, dim: 16 }, createRng(9));
    expect(() => recurrentNetwork({ patterns: X, kernel: linear(), neuron: sigmaPiNeuron({ degree: 3, maxFeatures: 100 }), rng: createRng(1) })).toThrow(InvalidValueError);
    expect(() => recurrentNetwork({ patterns: X, kernel: linear(), neuron: sdmNeuron({ locations: 10, radius: 16 }), rng: createRng(1) })).toThrow(/radius/);
    expect(() => recurrentNetwork({ patterns: X, kernel: linear(), neuron: createNeuronModel('point') })).toThrow(ParameterError);
  });
});
