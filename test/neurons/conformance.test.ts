import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  InvalidValueError, ParameterError, RegistryError, ShapeError, createNeuronModel, createRng, flipBits, gaussian, linear, neuronModelNames, patternRow, polynomial, pyramidalNeuron,
  randomBipolar, recurrentNetwork, registerNeuronModel, sdmNeuron, sigmaPiNeuron, type BipolarPatterns, type NeuronModel, type RecurrentNetwork, type Rng,
} from '../../node.js';
import { z } from 'zod';
import { neuronModelJsonSchema } from '../../neurons/registry.js';
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

/** A network running `model`, with the model's declared kernel (linear for models that declare none). */
function build(X: BipolarPatterns, model: NeuronModel, rng: Rng): RecurrentNetwork {
  return recurrentNetwork({ patterns: X, ...(model.kernelFor ? {} : { kernel: linear() }), neuron: model, rng });
}

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
        const net = build(X, await make(), createRng(1));
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
        const a = build(X, await make(), createRng(2)).fields(s);
        const b = build(X, await make(), createRng(2)).fields(s);
        expect(Array.from(a)).toEqual(Array.from(b));
      });

      it('stores two patterns of 16 bits as fixed points and recalls them from a cue on the neuron-model engine', async () => {
        const net = build(X, await make(), createRng(3));
        for (let mu = 0; mu < 2; mu++) expect(net.isFixedPoint(patternRow(X, mu))).toBe(true);
        const { state, converged } = net.run(flipBits(patternRow(X, 0), 1 / 16, rng), { schedule: 'random-permutation', rng: createRng(4), maxSweeps: 20 });
        expect(converged).toBe(true);
        expect(Array.from(state)).toEqual(Array.from(patternRow(X, 0)));
      });

      it('runs every schedule on its own field: each spike at T = 0 is sgn(field) of the state before it, and the run ends where the spikes lead', async () => {
        const net = build(X, await make(), createRng(6));
        const cue = flipBits(patternRow(X, 1), 0.25, rng);
        for (const schedule of ['synchronous', 'fixed', 'random-permutation', 'random-sequential', 'poisson'] as const) {
          for (const temperature of [0, 0.5]) {
            const s = Int8Array.from(cue);
            const before = Int8Array.from(cue);
            let spikes = 0;
            const { state, sweeps } = net.run(cue, {
              schedule, temperature, rng: createRng(8), maxSweeps: 5,
              observer: {
                spikes(b) {
                  for (let k = 0; k < b.length; k++) {
                    const i = b.neuron[k]!;
                    // Synchronous steps read the state at the start of the step; asynchronous ones the current state.
                    if (temperature === 0) expect(net.field(i, schedule === 'synchronous' ? before : s) >= 0 ? 1 : -1).toBe(b.state[k]);
                    expect(b.state[k]).toBe(-s[i]!);
                    s[i] = b.state[k]!;
                    spikes++;
                  }
                },
                step() { before.set(s); },
              },
            });
            expect(Array.from(state)).toEqual(Array.from(s));
            expect(sweeps).toBeGreaterThanOrEqual(1);
            if (temperature > 0) expect(spikes).toBeGreaterThan(0);
          }
        }
      });

      it('a declared kernel gives the same fields in the kernel form of Eq. 12 (written out in the test)', async () => {
        const model = await make();
        if (!model.kernelFor) return;
        const kernel = model.kernelFor(16);
        const coefRng = createRng(12);
        const alpha = Float64Array.from({ length: 16 * 2 }, () => 0.5 + coefRng.uniform());
        const theta = Float64Array.from({ length: 16 }, () => 0.1 * coefRng.normal());
        const net = recurrentNetwork({ patterns: X, neuron: model, alpha, theta, rng: createRng(13) });
        const K = (u: Int8Array | ArrayLike<number>, v: ArrayLike<number>, i: number): number => {
          let acc = 0;
          for (let j = 0; j < 16; j++) if (j !== i) acc += kernel.kind === 'inner-product' ? u[j]! * v[j]! : (u[j]! - v[j]!) ** 2;
          return kernel.kind === 'inner-product' ? kernel.k(acc) : kernel.g2(acc);
        };
        for (let t = 0; t < 4; t++) {
          const s = patternRow(randomBipolar({ count: 1, dim: 16 }, coefRng), 0);
          for (let i = 0; i < 16; i++) {
            let h = -theta[i]!;
            let sd = 0;
            for (let mu = 0; mu < 2; mu++) {
              const xi = patternRow(X, mu);
              const k = K(xi, s, i);
              h += alpha[i * 2 + mu]! * xi[i]! * k;
              // SDM: phi(x).phi(s) / N_phi is a binomial proportion with mean K (Eq. 15); the field's
              // standard deviation is at most the sum of the terms' (Cauchy-Schwarz): allow 5 of them.
              if (model.name === 'sdm') sd += alpha[i * 2 + mu]! * Math.sqrt((k * (1 - k)) / Number(options.sdm!.locations));
            }
            expect(Math.abs(net.field(i, s) - h)).toBeLessThanOrEqual(model.name === 'sdm' ? 5 * sd : 1e-9 * (1 + Math.abs(h)));
          }
        }
      });

      it('coefficients trained with another kernel, or a network kernel that differs from the declared one, are typed errors', async () => {
        const model = await make();
        if (!model.kernelFor) return;
        const other = polynomial({ degree: 5, c: 3 });
        expect(() => recurrentNetwork({ patterns: X, kernel: other, neuron: model, rng: createRng(1) })).toThrow(ParameterError);
        const net = build(X, model, createRng(1));
        const before = Array.from(net.fields(patternRow(X, 1)));
        expect(() => net.setCoefficients({ alpha: new Float64Array(32).fill(2), kernel: other })).toThrow(ParameterError);
        expect(Array.from(net.fields(patternRow(X, 1)))).toEqual(before);
        net.setCoefficients({ alpha: new Float64Array(32).fill(2), kernel: model.kernelFor(16) });
        expect(Array.from(net.alpha)).toEqual(new Array(32).fill(2));
      });

      it('rejects a state of the wrong size with a typed error', async () => {
        const net = build(X, await make(), createRng(5));
        expect(() => net.field(0, new Int8Array(15).fill(1))).toThrow(ShapeError);
      });
    });
  }
});

describe('neuron model registry and option errors', () => {
  it('a duplicate name is a RegistryError; unknown names and options are typed errors naming them', () => {
    expect(() => registerNeuronModel({ name: 'point', description: '', schema: z.object({}), create: () => createNeuronModel('point') })).toThrow(RegistryError);
    expect(() => createNeuronModel('no-such-neuron')).toThrow(RegistryError);
    expect(() => createNeuronModel('sigma-pi', { order: 2 })).toThrow(/sigma-pi\.order/);
    expect(() => createNeuronModel('sdm', { radius: 3 })).toThrow(ParameterError);
    expect(() => createNeuronModel('sdm', { radius: 3 })).toThrow(/sdm\.locations: is required/);
    expect(() => createNeuronModel('sdm', { radius: 3, locations: 0 })).toThrow(InvalidValueError);
    expect(() => createNeuronModel('pyramidal', { kernel: 'gaussian' })).toThrow(/^pyramidal\.kernel:/);
    expect(neuronModelJsonSchema('sdm')).toMatchObject({ required: ['locations', 'radius'] });
  });

  it('bad factory options are typed errors naming the parameter', () => {
    expect(() => sigmaPiNeuron({ degree: 0 })).toThrow(/degree/);
    expect(() => sigmaPiNeuron({ degree: 2, c: -1 })).toThrow(InvalidValueError);
    expect(() => sdmNeuron({ locations: 0, radius: 1 })).toThrow(/locations/);
    expect(() => pyramidalNeuron({ kernel: gaussian({ sigma: 2 }) })).toThrow(InvalidValueError);
  });

  it('problems found at initialize (sizes, radius) and a missing rng are typed errors', () => {
    const X = randomBipolar({ count: 2, dim: 16 }, createRng(9));
    expect(() => recurrentNetwork({ patterns: X, neuron: sigmaPiNeuron({ degree: 3, maxFeatures: 100 }), rng: createRng(1) })).toThrow(InvalidValueError);
    expect(() => recurrentNetwork({ patterns: X, neuron: sdmNeuron({ locations: 10, radius: 16 }), rng: createRng(1) })).toThrow(/radius/);
    expect(() => recurrentNetwork({ patterns: X, kernel: linear(), neuron: sdmNeuron({ locations: 10, radius: 5 }), rng: createRng(1) })).toThrow(ParameterError);
    expect(() => recurrentNetwork({ patterns: X, kernel: linear(), neuron: createNeuronModel('point') })).toThrow(ParameterError);
  });
});
