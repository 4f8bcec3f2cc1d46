import { describe, expect, it } from 'vitest';
import {
  InvalidValueError, KmnError, ParameterError, ShapeError, buildNetwork, createRng, createRule, deriveSpec, flipBits, loadNetwork,
  networkSpec, neuronModelNames, patternRow, randomBipolar, ruleNames, saveNetwork, saveNetworkBinary, specRunOptions,
  type NetworkSpec, type NetworkSpecInput, type RecurrentNetwork,
} from '../../index.js';

// Save/load must give back the same network bit for bit: the same fields (Float64 compared with
// Object.is, so even -0/+0 and NaN would differ) and the same trajectory from the same cue and
// random stream. The original and the loaded network are independent objects: the loaded one was
// rebuilt from the spec and its coefficients decoded from base64 / raw bytes.
const N = 24;
const M = 6;
const X = randomBipolar({ count: M, dim: N }, createRng(11));

function sameFields(a: RecurrentNetwork, b: RecurrentNetwork, rng = createRng(5)): void {
  for (let t = 0; t < 4; t++) {
    const s = flipBits(patternRow(X, t % M), 0.2, rng);
    const fa = a.fields(s);
    const fb = b.fields(s);
    for (let i = 0; i < N; i++) expect(Object.is(fa[i], fb[i]), `field ${i}: ${fa[i]} vs ${fb[i]}`).toBe(true);
  }
}

function sameTrajectory(spec: NetworkSpec, a: RecurrentNetwork, b: RecurrentNetwork): void {
  const cue = flipBits(patternRow(X, 1), 0.25, createRng(9));
  const ra = a.run(cue, specRunOptions(spec, 3));
  const rb = b.run(cue, specRunOptions(spec, 3));
  expect(Array.from(rb.state)).toEqual(Array.from(ra.state));
  expect(rb.sweeps).toBe(ra.sweeps);
  expect(rb.converged).toBe(ra.converged);
}

function roundTrip(input: NetworkSpecInput): void {
  const spec = networkSpec(input);
  const { network } = buildNetwork(spec, X);
  for (const loaded of [loadNetwork(saveNetwork(spec, network)), loadNetwork(saveNetworkBinary(spec, network))]) {
    expect(loaded.spec).toEqual(spec);
    expect(Array.from(loaded.patterns.data)).toEqual(Array.from(X.data));
    expect(Array.from(loaded.network.alpha)).toEqual(Array.from(network.alpha));
    expect(Array.from(loaded.network.theta)).toEqual(Array.from(network.theta));
    sameFields(network, loaded.network);
    sameTrajectory(spec, network, loaded.network);
  }
}

// Rules that need options to be valid on this problem (none today); every registered rule is covered.
const ruleOptions: Record<string, Record<string, unknown>> = {};

describe('save and load a trained network', () => {
  for (const rule of ruleNames()) {
    // Feature-form rules (Adatron) train explicit weights, which only the linear kernel has.
    const featureForm = rule === 'adatron' || (createRule(rule).options as { form?: string }).form === 'feature';
    const kernel: { name: string; params: Record<string, number> } = featureForm ? { name: 'linear', params: {} } : { name: 'poly', params: { degree: 3, c: 1 } };
    it(`round-trips every rule exactly: ${rule} (${kernel.name} kernel, Glauber noise)`, () => {
      roundTrip({ kernel, rule: { name: rule, options: ruleOptions[rule] ?? {} }, run: { schedule: 'random-sequential', temperature: 0.5, maxSweeps: 20 }, seed: 4 });
    });
  }

  // Each built-in neuron model with the kernel it declares, trained by Kernel-Adatron.
  const modelSpecs: Record<string, Pick<NetworkSpecInput, 'kernel' | 'neuron'>> = {
    point: { kernel: { name: 'linear', params: {} }, neuron: { name: 'point', options: {} } },
    pyramidal: { kernel: { name: 'poly', params: { degree: 3, c: 0 } }, neuron: { name: 'pyramidal', options: { kernel: 'poly', degree: 3, c: 0 } } },
    'sigma-pi': { kernel: { name: 'poly', params: { degree: 2, c: 1 } }, neuron: { name: 'sigma-pi', options: { degree: 2, c: 1 } } },
    sdm: { kernel: { name: 'sdm-hypercube', params: { dim: N - 1, radius: 9 } }, neuron: { name: 'sdm', options: { locations: 400, radius: 9 } } },
  };
  it('covers every built-in neuron model', () => {
    for (const name of neuronModelNames()) expect(Object.keys(modelSpecs), `add ${name} to this test`).toContain(name);
  });
  for (const [name, parts] of Object.entries(modelSpecs)) {
    it(`round-trips the ${name} neuron model exactly`, () => {
      roundTrip({ ...parts, rule: { name: 'kernelAdatron', options: {} }, seed: 2 });
    });
  }

  it('the same spec and patterns train to bit-identical coefficients', () => {
    const spec = networkSpec({ kernel: { name: 'linear', params: {} }, rule: { name: 'perceptron', options: {} }, seed: 3 });
    expect(Array.from(buildNetwork(spec, X).network.alpha)).toEqual(Array.from(buildNetwork(spec, X).network.alpha));
  });
});

describe('bad snapshots give one typed error each', () => {
  const spec = networkSpec({ kernel: { name: 'linear', params: {} }, rule: { name: 'hebbian', options: {} } });
  const { network } = buildNetwork(spec, X);
  const text = saveNetwork(spec, network);
  const bytes = saveNetworkBinary(spec, network);

  it('truncated JSON', () => {
    expect(() => loadNetwork(text.slice(0, text.length / 2))).toThrow(InvalidValueError);
  });
  it('truncated binary', () => {
    expect(() => loadNetwork(bytes.subarray(0, bytes.length - 8))).toThrow(ShapeError);
    expect(() => loadNetwork(bytes.subarray(0, 12))).toThrow(InvalidValueError);
  });
  it('a newer format version names the version and the fix', () => {
    const newer = JSON.stringify({ ...JSON.parse(text), version: 2 });
    expect(() => loadNetwork(newer)).toThrow(ParameterError);
    expect(() => loadNetwork(newer)).toThrow(/snapshot\.version.*newer kmn.*upgrade kmn/);
  });
  it('wrong shapes', () => {
    expect(() => loadNetwork(JSON.stringify({ ...JSON.parse(text), dim: N + 1 }))).toThrow(ShapeError);
    expect(() => loadNetwork(JSON.stringify({ ...JSON.parse(text), count: 0 }))).toThrow(ShapeError);
  });
  it('a spec that does not describe the network is refused at save time', () => {
    const cubic = networkSpec({ kernel: { name: 'poly', params: { degree: 3 } } });
    expect(() => saveNetwork(cubic, network)).toThrow(/spec\.kernel/);
    expect(() => saveNetworkBinary(networkSpec({ kernel: { name: 'linear', params: {} }, tie: 'keep' }), network)).toThrow(/spec\.tie/);
  });
  it('not a snapshot at all', () => {
    expect(() => loadNetwork('{"hello": 1}')).toThrow(InvalidValueError);
    expect(() => loadNetwork(new Uint8Array(32))).toThrow(InvalidValueError);
  });
  it('every error is a one-line KmnError', () => {
    for (const bad of [text.slice(0, 40), '{}', JSON.stringify({ ...JSON.parse(text), alpha: 'AAA' })]) {
      try {
        loadNetwork(bad);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(KmnError);
        expect((e as Error).message).not.toContain('\n');
      }
    }
  });
});

describe('specs are immutable data (immer)', () => {
  const base = networkSpec({ kernel: { name: 'poly', params: { degree: 2 } }, rule: { name: 'perceptron', options: { kappa: 0 } } });

  it('never freezes the caller\'s own objects', () => {
    const input = { kernel: { name: 'linear', params: {} } };
    networkSpec(input);
    expect(Object.isFrozen(input.kernel)).toBe(false);
  });
  it('fills defaults and freezes deeply', () => {
    expect(base.run).toEqual({ schedule: 'random-permutation', temperature: 0, maxSweeps: 100 });
    expect(Object.isFrozen(base.kernel.params)).toBe(true);
    expect(() => { (base.kernel as { name: string }).name = 'linear'; }).toThrow(TypeError);
  });
  it('deriveSpec shares unchanged parts and never changes the base', () => {
    const variant = deriveSpec(base, (d) => { d.seed = 9; });
    expect(variant.seed).toBe(9);
    expect(base.seed).toBe(1);
    expect(variant.kernel).toBe(base.kernel); // structural sharing
    expect(variant.rule).toBe(base.rule);
  });
  it('a bad field is a ParameterError naming it, for specs and for variants', () => {
    expect(() => networkSpec({ kernel: { name: 'poly', params: {} }, run: { temperature: -1 } })).toThrow(/spec\.run\.temperature/);
    expect(() => deriveSpec(base, (d) => { d.seed = -2; })).toThrow(ParameterError);
    expect(() => networkSpec({ kernel: { name: 'poly', params: {} }, extra: 1 } as never)).toThrow(ParameterError);
  });
});
