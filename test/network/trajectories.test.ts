import { describe, expect, it } from 'vitest';
import {
  createRng, expBeta, exponential, flipBits, patternRow, polynomial, pyramidalNeuron, randomBipolar, recurrentNetwork, rectifiedPolynomial,
  sdmHypercube, type Kernel, type RecurrentNetwork, type Schedule,
} from '../../node.js';
import { kernelFormNeuron } from '../../src/network/kernel-form-neuron.js';

// Trajectories of every engine against a plain loop over Eq. 12 written here: for each update,
// h_i = sum_mu alpha_i^mu xi_i^mu K(xi^mu_{-i}, s_{-i}) - theta_i from scratch, and the same
// random stream as the schedule runner (permutation per sweep, or a uniform pick and, for
// Poisson clocks, an Exp(N) wait per update; one uniform per Glauber decision).
const n = 30;
const m = 12;
const X = randomBipolar({ count: m, dim: n }, createRng(71));

function reference(kernel: Kernel, alpha: Float64Array, theta: Float64Array, cue: ArrayLike<number>, schedule: Schedule, temperature: number, seed: number, maxSweeps: number) {
  const rng = createRng(seed);
  const s = Int8Array.from(cue);
  const field = (state: Int8Array, i: number): number => {
    let h = -theta[i]!;
    for (let mu = 0; mu < m; mu++) {
      let acc = 0;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        acc += kernel.kind === 'inner-product' ? X.data[mu * n + j]! * state[j]! : (X.data[mu * n + j]! - state[j]!) ** 2;
      }
      h += alpha[i * m + mu]! * X.data[mu * n + i]! * (kernel.kind === 'inner-product' ? kernel.k(acc) : kernel.g2(acc));
    }
    return h;
  };
  const decide = (h: number, current: number): number => {
    if (temperature > 0) return rng.uniform() < (h === 0 ? 0.5 : 1 / (1 + Math.exp((-2 * h) / temperature))) ? 1 : -1;
    return h > 0 ? 1 : h < 0 ? -1 : 1;
  };
  const events: number[] = [];
  let sweeps = 0;
  const perm = new Int32Array(n);
  for (let sweep = 1; sweep <= maxSweeps; sweep++) {
    sweeps = sweep;
    let changed = 0;
    if (schedule === 'synchronous') {
      const next = Array.from({ length: n }, (_, i) => decide(field(s, i), s[i]!));
      for (let i = 0; i < n; i++) if (next[i] !== s[i]) { s[i] = next[i]!; changed++; events.push(i, s[i]!); }
    } else {
      if (schedule === 'random-permutation') rng.permutation(n, perm);
      for (let k = 0; k < n; k++) {
        const i = schedule === 'fixed' ? k : schedule === 'random-permutation' ? perm[k]! : rng.int(n);
        if (schedule === 'poisson') rng.exponential(n);
        const v = decide(field(s, i), s[i]!);
        if (v !== s[i]) { s[i] = v; changed++; events.push(i, v); }
      }
    }
    if (temperature === 0 && changed === 0) {
      let fixed = true;
      for (let i = 0; i < n && fixed; i++) fixed = (field(s, i) >= 0 ? 1 : -1) === s[i];
      if (fixed) break;
    }
  }
  return { events, state: Array.from(s), sweeps };
}

function trace(net: RecurrentNetwork, cue: ArrayLike<number>, schedule: Schedule, temperature: number, seed: number, maxSweeps: number) {
  const events: number[] = [];
  const r = net.run(cue, { schedule, temperature, rng: createRng(seed), maxSweeps, observer: { spikes: (b) => { for (let k = 0; k < b.length; k++) events.push(b.neuron[k]!, b.state[k]!); } } });
  return { events, state: Array.from(r.state), sweeps: r.sweeps };
}

/** A user kernel that happens to be called "linear" but is cubic: it declares nothing, so no engine may treat it as linear. */
const cubicNamedLinear: Kernel = { kind: 'inner-product', name: 'linear', params: {}, k: (h) => h * h * h, positiveDefinite: false };

describe('trajectories on every engine equal a plain loop over Eq. 12', () => {
  const coefRng = createRng(72);
  const trainedAlpha = Float64Array.from({ length: n * m }, () => 0.25 + coefRng.uniform());
  const cases: [Kernel, number][] = [
    [cubicNamedLinear, 1], [polynomial({ degree: 3, c: 1 }), 1], [exponential({ temperature: 4 }), 1], [rectifiedPolynomial({ degree: 2 }), 1],
    [expBeta({ r: 4, beta: 1.5 }), 1e-2], [sdmHypercube({ dim: n, radius: 9 }), 1e-4],
  ];
  for (const [kernel, thetaScale] of cases) {
    it(`${kernel.name} ${JSON.stringify(kernel.params)}: A = 1 and trained A, theta; every schedule, T = 0 and T > 0`, () => {
      const theta = Float64Array.from({ length: n }, () => thetaScale * coefRng.normal());
      for (const [alpha, th] of [[new Float64Array(n * m).fill(1), new Float64Array(n)], [trainedAlpha, theta]] as const) {
        const engines: RecurrentNetwork[] = [
          recurrentNetwork({ patterns: X, kernel, alpha, theta: th }),
          recurrentNetwork({ patterns: X, kernel, alpha, theta: th, neuron: kernelFormNeuron({ kernel }), rng: createRng(1) }),
          ...(kernel.kind === 'inner-product' ? [recurrentNetwork({ patterns: X, alpha, theta: th, neuron: pyramidalNeuron({ kernel }), rng: createRng(1) })] : []),
        ];
        // Temperature on the scale of the fields: a typical |h_i| at the cue.
        const cue = flipBits(patternRow(X, 1), 0.3, createRng(73));
        const h = engines[0]!.fields(cue);
        const typical = h.reduce((acc, v) => acc + Math.abs(v), 0) / n;
        let flips = 0;
        for (const schedule of ['synchronous', 'fixed', 'random-permutation', 'random-sequential', 'poisson'] as const) {
          for (const temperature of [0, 0.5 * typical]) {
            const want = reference(kernel, alpha, th, cue, schedule, temperature, 74, 8);
            for (const net of engines) expect(trace(net, cue, schedule, temperature, 74, 8)).toEqual(want);
            flips += want.events.length / 2;
          }
        }
        expect(flips).toBeGreaterThan(20);
      }
    });
  }

  it('the cubic kernel named "linear" is not the linear kernel: its trajectory differs from k(h) = h', () => {
    const cue = flipBits(patternRow(X, 1), 0.45, createRng(75));
    const cubic = trace(recurrentNetwork({ patterns: X, kernel: cubicNamedLinear }), cue, 'random-permutation', 0, 76, 20);
    const linearRef = reference({ kind: 'inner-product', name: 'x', params: {}, k: (u) => u, positiveDefinite: false }, new Float64Array(n * m).fill(1), new Float64Array(n), cue, 'random-permutation', 0, 76, 20);
    expect(cubic).not.toEqual(linearRef);
  });
});
