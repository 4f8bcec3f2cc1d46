import { describe, expect, it } from 'vitest';
import { InvalidValueError, ParameterError, bipolarPatterns, createRng, exponential, linear, patternRow, polynomial, recurrentNetwork, type BipolarPatterns } from '../../node.js';
import { adatron, hebbian, kernelAdatron, passiveAggressive, trainCoefficients } from '../../plasticity/index.js';
import {
  averageFinalRecall, backwardTransfer, combineMethods, consolidatedGram, consolidation, learnSequence, naive, pseudorehearsal, randomTasks, rehearsal,
  sequentialLearner, stateKey, supportVectors, type NetworkView, type SequentialLearner, type SequentialMethod,
} from '../../plasticity/sequential/index.js';

/** The union of the tasks, in order, as one pattern set. */
function union(tasks: readonly BipolarPatterns[]): BipolarPatterns {
  const n = tasks[0]!.dim;
  const m = tasks.reduce((a, t) => a + t.count, 0);
  const data = new Int8Array(m * n);
  let k = 0;
  for (const t of tasks) { data.set(t.data, k); k += t.data.length; }
  return bipolarPatterns(data, { count: m, dim: n });
}

/** Every pattern of the tasks is distinct (so a union has no merged examples). */
function distinct(tasks: readonly BipolarPatterns[]): boolean {
  const u = union(tasks);
  return new Set(Array.from({ length: u.count }, (_, mu) => stateKey(patternRow(u, mu)))).size === u.count;
}

/** Coefficients of a learner as a map from (neuron, pattern) to alpha. */
function coefficientMap(learner: SequentialLearner): Map<string, number> {
  const { patterns, alpha } = learner.coefficients();
  const map = new Map<string, number>();
  for (let i = 0; i < patterns.dim; i++) for (let mu = 0; mu < patterns.count; mu++) map.set(`${i}|${stateKey(patternRow(patterns, mu))}`, alpha[i * patterns.count + mu]!);
  return map;
}

function learnAll(tasks: readonly BipolarPatterns[], options: Parameters<typeof sequentialLearner>[0], seed = 1): SequentialLearner {
  const learner = sequentialLearner(options);
  tasks.forEach((t, k) => learner.learnTask(t, createRng(seed).child(`task:${k}`)));
  return learner;
}

describe('naive sequential learning', () => {
  const n = 16;
  const tasks = randomTasks({ tasks: 3, perTask: 6, dim: n }, createRng(11));

  it('Hebbian: sequential equals one-shot Hebbian learning of the union, in either order (alpha = 1, theta = 0)', () => {
    expect(distinct(tasks)).toBe(true);
    const kernel = polynomial({ degree: 2, c: 1 });
    const forward = learnAll(tasks, { dim: n, kernel, rule: hebbian() });
    const backward = learnAll([...tasks].reverse(), { dim: n, kernel, rule: hebbian() });
    const joint = trainCoefficients(union(tasks), kernel, hebbian());
    // The forward learner stores the union in the same order as the one-shot training.
    const c = forward.coefficients();
    expect(Array.from(c.patterns.data)).toEqual(Array.from(union(tasks).data));
    expect(Array.from(c.alpha)).toEqual(Array.from(joint.alpha));
    expect(Array.from(c.theta)).toEqual(Array.from(joint.theta));
    expect(coefficientMap(backward)).toEqual(coefficientMap(forward));
    // Fields of both networks on random states agree exactly: integer kernel values, alpha = 1.
    const jointNet = recurrentNetwork({ patterns: union(tasks), kernel, alpha: joint.alpha, theta: joint.theta });
    const rng = createRng(5);
    for (let k = 0; k < 5; k++) {
      const s = Int8Array.from({ length: n }, () => rng.bipolar());
      expect(Array.from(backward.network()!.fields(s))).toEqual(Array.from(jointNet.fields(s)));
    }
  });

  it('Kernel-Adatron: sequential learning is not joint max-margin learning (it forgets: earlier patterns lose their margin), and depends on the order', () => {
    const tol = 1e-3;
    const rule = kernelAdatron({ tol });
    // 16 patterns in N - 1 = 15 inputs: separable with probability C(16, 15) / 2^16 = 1 - 2^-15 (Cover), so the joint SVM exists.
    const big = randomTasks({ tasks: 2, perTask: 8, dim: n }, createRng(12));
    const seq = learnAll(big, { dim: n, kernel: linear(), rule, maxEpochs: 5000 });
    const joint = trainCoefficients(union(big), linear(), rule, { maxEpochs: 5000, rng: createRng(3) });
    expect(joint.reports.every((r) => r.converged)).toBe(true);
    const jointNet = recurrentNetwork({ patterns: union(big), kernel: linear(), alpha: joint.alpha, theta: joint.theta });
    // Smallest stability y h over every neuron and every pattern of the first task, from the networks' own fields.
    const minStability = (net: ReturnType<typeof recurrentNetwork>, task: BipolarPatterns): number => {
      let min = Infinity;
      for (let mu = 0; mu < task.count; mu++) {
        const x = patternRow(task, mu);
        for (let i = 0; i < n; i++) min = Math.min(min, x[i]! * net.field(i, x));
      }
      return min;
    };
    // The joint SVM keeps every margin (KKT: y h >= 1 - tol); the sequential network does not.
    expect(minStability(jointNet, big[0]!)).toBeGreaterThanOrEqual(1 - tol - 1e-9);
    expect(minStability(seq.network()!, big[0]!)).toBeLessThan(1 - tol);
    // The last task alone is learned to its margins.
    expect(minStability(seq.network()!, big[1]!)).toBeGreaterThanOrEqual(1 - tol - 1e-9);
    const reversed = learnAll([...big].reverse(), { dim: n, kernel: linear(), rule, maxEpochs: 5000 });
    const a = coefficientMap(seq);
    const b = coefficientMap(reversed);
    let differ = 0;
    for (const [k, v] of a) if (Math.abs(v - b.get(k)!) > 1e-6) differ++;
    expect(differ).toBeGreaterThan(0);
  });

  it('PA-I and Kernel-Adatron: every task is learned on top of the frozen coefficients (the network\'s own fields meet the criterion on the newest task)', () => {
    for (const rule of [passiveAggressive({ variant: 'PA-I', C: 10, tol: 1e-3 }), kernelAdatron({ tol: 1e-3 })]) {
      const learner = sequentialLearner({ dim: n, kernel: polynomial({ degree: 2, c: 1 }), rule, maxEpochs: 5000 });
      tasks.forEach((task, t) => {
        const report = learner.learnTask(task, createRng(2).child(`t:${t}`));
        expect(report.converged).toBe(n);
        const net = learner.network()!;
        for (let mu = 0; mu < task.count; mu++) {
          const x = patternRow(task, mu);
          for (let i = 0; i < n; i++) expect(x[i]! * net.field(i, x)).toBeGreaterThanOrEqual(1 - 1e-3 - 1e-9);
        }
      });
    }
  });
});

describe('rehearsal of 100% of earlier patterns equals joint training', () => {
  const n = 16;
  const tasks = randomTasks({ tasks: 3, perTask: 5, dim: n }, createRng(21));

  it('Hebbian: identical coefficients', () => {
    const kernel = linear();
    const seq = learnAll(tasks, { dim: n, kernel, rule: hebbian(), method: rehearsal({ fraction: 1 }) });
    const joint = trainCoefficients(union(tasks), kernel, hebbian());
    expect(Array.from(seq.coefficients().alpha)).toEqual(Array.from(joint.alpha));
  });

  it('Kernel-Adatron: the same max-margin neuron, within the bound that KKT tolerance eps gives', () => {
    // For the hard-margin SVM (no threshold) an eps-KKT point (alpha >= 0, y h >= 1 - eps, |y h - 1| <= eps
    // where alpha > 0) has w' = w / (1 - eps) feasible, and for any feasible w', (w' - w*) . w* >= 0
    // (w* = sum alpha* y phi with alpha* > 0 only where y h* = 1), so ||w' - w*||^2 <= ||w'||^2 - ||w*||^2;
    // weak duality gives ||w*||^2 >= 2 sum alpha - ||w||^2 >= ||w||^2 - 2 eps sum alpha. Hence
    // ||w - w*|| <= delta = eps ||w|| / (1 - eps) + sqrt(||w||^2 ((1 - eps)^-2 - 1) + 2 eps sum alpha),
    // and the two fields at x differ by at most (delta_seq + delta_joint) sqrt(K(x, x)).
    const eps = 1e-6;
    const kernel = polynomial({ degree: 2, c: 1 });
    const rule = kernelAdatron({ tol: eps });
    const learner = sequentialLearner({ dim: n, kernel, rule, method: rehearsal({ fraction: 1 }), maxEpochs: 100_000 });
    let last;
    for (const [t, task] of tasks.entries()) last = learner.learnTask(task, createRng(4).child(`t:${t}`));
    expect(last!.converged).toBe(n);
    const u = union(tasks);
    const joint = trainCoefficients(u, kernel, rule, { maxEpochs: 100_000, rng: createRng(5) });
    expect(joint.reports.every((r) => r.converged)).toBe(true);
    const seqNet = learner.network()!;
    const jointNet = recurrentNetwork({ patterns: u, kernel, alpha: joint.alpha, theta: joint.theta });
    const c = learner.coefficients();
    const delta = (net: typeof jointNet, patterns: BipolarPatterns, alpha: Float64Array, i: number): number => {
      let w2 = 0;
      let sum = 0;
      for (let mu = 0; mu < patterns.count; mu++) {
        const a = alpha[i * patterns.count + mu]!;
        const x = patternRow(patterns, mu);
        sum += a;
        w2 += a * x[i]! * net.field(i, x);
      }
      const w = Math.sqrt(w2);
      return (eps * w) / (1 - eps) + Math.sqrt(w2 * ((1 - eps) ** -2 - 1) + 2 * eps * sum);
    };
    const kxx = kernel.k(n - 1);
    const rng = createRng(6);
    for (let i = 0; i < n; i++) {
      const bound = (delta(seqNet, c.patterns, c.alpha, i) + delta(jointNet, u, joint.alpha, i)) * Math.sqrt(kxx);
      for (let k = 0; k < 5; k++) {
        const s = k < 3 ? patternRow(u, k) : Int8Array.from({ length: n }, () => rng.bipolar());
        expect(Math.abs(seqNet.field(i, s) - jointNet.field(i, s))).toBeLessThanOrEqual(bound);
      }
    }
  });
});

describe('pseudorehearsal uses no stored pattern', () => {
  it('its generator sees only the network\'s size and dynamics (type and object), and replays attractors of the current network', () => {
    const view: NetworkView = Object.freeze({ dim: 3, relax: (probe: Int8Array) => probe.slice() });
    // @ts-expect-error a NetworkView has no patterns
    expect(view.patterns).toBeUndefined();
    const method = pseudorehearsal({ probes: 16 });
    // @ts-expect-error a pseudorehearsal method has no rehearsal buffer
    expect(method.rehearsal).toBeUndefined();

    const n = 16;
    const tasks = randomTasks({ tasks: 3, perTask: 4, dim: n }, createRng(31));
    const seen: string[][] = [];
    let learner: SequentialLearner | null = null;
    let items = 0;
    const spy: SequentialMethod = {
      name: 'spy', options: {},
      pseudorehearsal: {
        probes: 16,
        generate(v, rng) {
          seen.push(Object.keys(v).sort());
          expect(Object.isFrozen(v)).toBe(true);
          const out = method.pseudorehearsal.generate(v, rng);
          const before = learner!.network()!;
          for (const s of out) expect(before.isFixedPoint(s)).toBe(true);
          items += out.length;
          return out;
        },
      },
    };
    learner = sequentialLearner({ dim: n, kernel: polynomial({ degree: 2, c: 1 }), rule: kernelAdatron(), method: spy });
    const reports = tasks.map((t, k) => learner!.learnTask(t, createRng(7).child(`t:${k}`)));
    expect(seen).toEqual([['dim', 'relax'], ['dim', 'relax']]);
    expect(items).toBeGreaterThan(0);
    expect(reports.map((r) => r.storedPatterns)).toEqual([0, 0, 0]);
  });
});

describe('consolidation (the EWC analogue)', () => {
  it('its kernel equals phi_a^T (I + F)^-1 phi_b computed in feature space (linear kernel, explicit inverse)', () => {
    const rng = createRng(41);
    const d = 5;
    const phi = (k: number) => Float64Array.from({ length: d }, () => rng.normal());
    const S = [phi(0), phi(1), phi(2)];
    const A = [phi(3), phi(4)];
    const omega = Float64Array.of(0.5, 1, 2);
    const strength = 3;
    const dot = (x: Float64Array, y: Float64Array) => x.reduce((s, v, j) => s + v * y[j]!, 0);
    const kAA = Float64Array.from({ length: 4 }, (_, k) => dot(A[Math.floor(k / 2)]!, A[k % 2]!));
    const kSA = Float64Array.from({ length: 6 }, (_, k) => dot(S[Math.floor(k / 2)]!, A[k % 2]!));
    const kSS = Float64Array.from({ length: 9 }, (_, k) => dot(S[Math.floor(k / 3)]!, S[k % 3]!));
    const { gram } = consolidatedGram({ kAA, kSA, kSS, importance: omega, strength });
    // M = I + (lambda / Kbar) sum omega phi phi^T, inverted by Gauss-Jordan elimination.
    const kbar = (kSS[0]! + kSS[4]! + kSS[8]!) / 3;
    const m = Array.from({ length: d }, (_, r) => Array.from({ length: 2 * d }, (_, c) => (c === r || c === r + d ? 1 : 0)));
    for (let r = 0; r < d; r++) for (let c = 0; c < d; c++) for (let u = 0; u < 3; u++) m[r]![c]! += (strength / kbar) * omega[u]! * S[u]![r]! * S[u]![c]!;
    for (let col = 0; col < d; col++) {
      const piv = m[col]![col]!;
      for (let c = 0; c < 2 * d; c++) m[col]![c]! /= piv;
      for (let r = 0; r < d; r++) if (r !== col) { const f = m[r]![col]!; for (let c = 0; c < 2 * d; c++) m[r]![c]! -= f * m[col]![c]!; }
    }
    for (let a = 0; a < 2; a++) for (let b = 0; b < 2; b++) {
      let v = 0;
      for (let r = 0; r < d; r++) for (let c = 0; c < d; c++) v += A[a]![r]! * m[r]![d + c]! * A[b]![c]!;
      expect(gram[a * 2 + b]).toBeCloseTo(v, 10);
    }
  });

  it('a strong penalty keeps the fields of earlier examples that carry weight, their change falling like 1 / lambda; without it they move', () => {
    const n = 16;
    const tasks = randomTasks({ tasks: 2, perTask: 10, dim: n }, createRng(42));
    // Degree 2: the new task can be learned in the directions the penalty leaves free.
    const kernel = polynomial({ degree: 2, c: 1 });
    const drift = (method: SequentialMethod): number => {
      const learner = sequentialLearner({ dim: n, kernel, rule: kernelAdatron({ tol: 1e-3 }), method, maxEpochs: 5000 });
      learner.learnTask(tasks[0]!, createRng(1));
      const before = learner.network()!;
      const first = learner.coefficients();
      learner.learnTask(tasks[1]!, createRng(2));
      const after = learner.network()!;
      let worst = 0;
      for (let mu = 0; mu < tasks[0]!.count; mu++) {
        const x = patternRow(tasks[0]!, mu);
        for (let i = 0; i < n; i++) if (first.alpha[i * first.patterns.count + mu] !== 0) worst = Math.max(worst, Math.abs(after.field(i, x) - before.field(i, x)));
      }
      return worst;
    };
    // The consolidated examples' fields change by D (K_SS + D)^-1 K_SA dc_A with D = Kbar / (lambda omega):
    // of order 1 / lambda once dc_A settles, so 1000 times more strength gives about 1000 times less drift.
    const strong = drift(consolidation({ strength: 1e6 }));
    const medium = drift(consolidation({ strength: 1e3 }));
    expect(strong).toBeLessThan(1e-3);
    expect(medium / strong).toBeGreaterThan(500);
    expect(medium / strong).toBeLessThan(2000);
    expect(drift(naive())).toBeGreaterThan(0.1);
  });
});

describe('memory costs and metrics', () => {
  it('rehearsal stores its fraction, support vectors the examples with a coefficient, the others nothing', () => {
    const n = 16;
    const tasks = randomTasks({ tasks: 2, perTask: 8, dim: n }, createRng(51));
    const last = (method: SequentialMethod) => learnSequence(tasks, { kernel: linear(), rule: kernelAdatron(), method, maxEpochs: 2000, rng: createRng(3) }).reports[1]!;
    expect(last(rehearsal({ fraction: 0.25 })).storedPatterns).toBe(4);
    const sv = last(supportVectors());
    expect(sv.storedPatterns).toBe(sv.networkExamples);
    expect(last(naive()).storedPatterns).toBe(0);
    const c = last(consolidation({ strength: 10 }));
    expect(c.storedPatterns).toBe(0);
    expect(c.storedNumbers).toBeGreaterThan(0);
  });

  it('average final recall and backward transfer follow Lopez-Paz and Ranzato (2017)', () => {
    const r = [[1, 0, 0], [0.5, 1, 0], [0.25, 0.75, 1]];
    expect(averageFinalRecall(r)).toBeCloseTo((0.25 + 0.75 + 1) / 3, 12);
    expect(backwardTransfer(r)).toBeCloseTo(((0.25 - 1) + (0.75 - 1)) / 2, 12);
    expect(backwardTransfer([[0.3]])).toBe(0);
  });

  it('learnSequence gives the full T x T matrices, deterministic from the seed', () => {
    const tasks = randomTasks({ tasks: 3, perTask: 4, dim: 16 }, createRng(52));
    const run = () => learnSequence(tasks, { kernel: polynomial({ degree: 2, c: 1 }), rule: passiveAggressive({ variant: 'PA-I', C: 10 }), method: pseudorehearsal({ probes: 8 }), rng: createRng(9) });
    const a = run();
    expect(a.recall).toHaveLength(3);
    for (const row of a.recall) expect(row).toHaveLength(3);
    expect(run()).toEqual(a);
  });
});

describe('bad input', () => {
  it('is refused with typed errors before any work', () => {
    expect(() => sequentialLearner({ dim: 8, kernel: linear(), rule: adatron() })).toThrow(ParameterError);
    expect(() => sequentialLearner({ dim: 8, kernel: linear(), rule: kernelAdatron({ bias: true }) })).toThrow(ParameterError);
    expect(() => sequentialLearner({ dim: 1, kernel: linear(), rule: hebbian() })).toThrow(InvalidValueError);
    expect(() => rehearsal({ fraction: 0 })).toThrow(InvalidValueError);
    expect(() => pseudorehearsal({ probes: 0 })).toThrow(InvalidValueError);
    expect(() => consolidation({ strength: -1 })).toThrow(InvalidValueError);
    expect(() => combineMethods(rehearsal({ fraction: 0.5 }), rehearsal({ fraction: 0.2 }))).toThrow(ParameterError);
    expect(combineMethods(naive(), rehearsal({ fraction: 0.5 }), consolidation({ strength: 1 })).name).toBe('rehearsal+consolidation');
    const learner = sequentialLearner({ dim: 8, kernel: linear(), rule: hebbian() });
    expect(() => learner.learnTask(randomTasks({ tasks: 1, perTask: 2, dim: 9 }, createRng(1))[0]!, createRng(1))).toThrow();
    expect(learner.tasks).toBe(0);
    // exp(h / T) overflows at h = N - 1 = 799 for T = 1: refused when built, not in the middle of a task
    expect(() => sequentialLearner({ dim: 800, kernel: exponential({ temperature: 1 }), rule: hebbian() })).toThrow(InvalidValueError);
    // A rule that refuses its problem (eta above 2 / K(x, x) = 2 / 7) leaves the network untouched.
    const refusing = sequentialLearner({ dim: 8, kernel: linear(), rule: kernelAdatron({ eta: 1 }) });
    expect(() => refusing.learnTask(randomTasks({ tasks: 1, perTask: 3, dim: 8 }, createRng(1))[0]!, createRng(1))).toThrow(InvalidValueError);
    expect(refusing.tasks).toBe(0);
    expect(refusing.network()).toBeNull();
  });
});
