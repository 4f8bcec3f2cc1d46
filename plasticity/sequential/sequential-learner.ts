import { InvalidValueError, ParameterError, ShapeError } from '../../src/errors.js';
import type { Kernel } from '../../src/kernels/kernel.js';
import { recurrentNetwork, type RecurrentNetwork } from '../../src/network/recurrent-network.js';
import { bipolarPatterns, type BipolarPatterns } from '../../src/patterns/pattern-set.js';
import type { Rng } from '../../src/rng/rng.js';
import { drive } from '../driver.js';
import { localProblem } from '../problem.js';
import type { LearningRule, RuleOptions } from '../rule.js';
import { consolidatedGram } from './consolidation-kernel.js';
import { naive, patternRows, stateKey, type NetworkView, type SequentialMethod } from './methods.js';

/** Options of {@link sequentialLearner}. */
export interface SequentialLearnerOptions {
  /** Number of neurons N (the patterns' length). */
  readonly dim: number;
  /** The dendritic kernel; evaluated on its true scale, so it must stay finite on the overlaps (-(N-1)..N-1). */
  readonly kernel: Kernel;
  /** Any kernel-form rule without a bias feature (Hebbian, PA, Kernel-Adatron, perceptron, MinOver, ...). */
  readonly rule: LearningRule<RuleOptions>;
  /** Defaults to {@link naive}. */
  readonly method?: SequentialMethod;
  /** Epoch limit per task and neuron, in [1, 1e6]. Defaults to 1000. */
  readonly maxEpochs?: number;
  /** Sweep limit of the dynamics that relax pseudorehearsal probes. Defaults to 50. */
  readonly maxSweeps?: number;
}

/** What learning one task did, and what the method holds afterwards. */
export interface TaskReport {
  /** Index of the task in the sequence, from 0. */
  readonly task: number;
  /** Patterns of the task. */
  readonly patterns: number;
  /** Items replayed beside the task (rehearsed patterns or pseudo-items), the same for every neuron. */
  readonly replayed: number;
  /** Mean number of examples each neuron learned from in this task (task, replay, its own support vectors). */
  readonly meanActive: number;
  /**
   * Patterns the method keeps besides the network's weights, as a weight-form (sigma-pi)
   * implementation would have to store them: the rehearsal buffer, or the distinct earlier support
   * vectors; 0 for naive, pseudorehearsal and consolidation.
   */
  readonly storedPatterns: number;
  /** Numbers the method keeps besides the weights: one importance per earlier example and neuron for consolidation. */
  readonly storedNumbers: number;
  /** Dendritic subunits of the kernel-form network: distinct examples with a non-zero coefficient in some neuron. */
  readonly networkExamples: number;
  /** Neurons whose rule's stopping criterion held on their examples at the end of the task. */
  readonly converged: number;
  /** Largest number of epochs a neuron used. */
  readonly epochs: number;
}

/**
 * A network that learns tasks one after another with a learning rule and a sequential-learning
 * method. It is kept in kernel form: every distinct state ever learned from is a dendritic
 * subunit with one coefficient per neuron (Eq. 12), so earlier coefficients stay as they were
 * unless the method revisits them.
 *
 * @example
 * ```ts
 * const learner = sequentialLearner({ dim: 64, kernel: linear(), rule: kernelAdatron(), method: rehearsal({ fraction: 0.5 }) });
 * for (const [t, task] of tasks.entries()) learner.learnTask(task, rng.child(`task:${t}`));
 * learner.network()!.isFixedPoint(patternRow(tasks[0], 0));
 * ```
 */
export interface SequentialLearner {
  readonly dim: number;
  readonly kernel: Kernel;
  readonly rule: LearningRule<RuleOptions>;
  readonly method: SequentialMethod;
  /** Tasks learned so far. */
  readonly tasks: number;
  /**
   * Learns one task: each neuron runs the rule through the training driver on the task's patterns
   * plus whatever the method replays, starting from the fields the network already has.
   */
  learnTask(task: BipolarPatterns, rng: Rng): TaskReport;
  /** The current network (null before the first task); rebuilt only after a task. */
  network(): RecurrentNetwork | null;
  /** The kernel-form coefficients: the examples (subunits), alpha N x M neuron-major, theta. */
  coefficients(): { patterns: BipolarPatterns; alpha: Float64Array; theta: Float64Array };
}

/**
 * Creates a {@link SequentialLearner}. Each neuron i learns alone (Property 2.2): in task t its
 * local problem holds only its active examples A (the task, the method's replay, and for
 * {@link supportVectors} its own earlier support vectors); every other example is frozen, so its
 * fixed contribution `b^a = sum_{nu not in A} alpha^nu xi_i^nu K(xi^nu, xi^a)` enters the initial
 * fields, which the rule then keeps up to date through `applyUpdate` (so the driver is run with
 * `online: true`: a closed form would not see `b`). With {@link consolidation} the rule runs on
 * the consolidated kernel and the frozen coefficients move by the matching amount
 * (see {@link consolidatedGram}).
 *
 * Each task starts from a fresh `rule.init` on the active examples with the kept `alpha` and `theta`
 * written in, so numbers a rule derives from its problem (`aux`) are those of the active examples.
 *
 * @throws {@link ParameterError} for a feature-form rule or a rule with a bias feature;
 * {@link InvalidValueError} for `dim`, `maxEpochs` or `maxSweeps` out of range.
 * @example
 * ```ts
 * const learner = sequentialLearner({ dim: 32, kernel: polynomial({ degree: 2, c: 1 }), rule: passiveAggressive({ variant: 'PA-I', C: 10 }) });
 * ```
 */
export function sequentialLearner(options: SequentialLearnerOptions): SequentialLearner {
  const { dim: n, kernel, rule } = options;
  const method = options.method ?? naive();
  const maxEpochs = options.maxEpochs ?? 1000;
  const maxSweeps = options.maxSweeps ?? 50;
  if (!(Number.isInteger(n) && n >= 2)) throw new InvalidValueError('dim', `must be an integer >= 2, got ${n}`, 'pass the patterns\' length');
  if (!(Number.isInteger(maxSweeps) && maxSweeps >= 1)) throw new InvalidValueError('maxSweeps', `must be a positive integer, got ${maxSweeps}`, 'pass e.g. 50');
  if (!(Number.isInteger(maxEpochs) && maxEpochs >= 1 && maxEpochs <= 1_000_000)) throw new InvalidValueError('maxEpochs', `must be an integer in [1, 1e6], got ${maxEpochs}`, 'pass e.g. 1000');
  if (rule.form !== 'kernel') throw new ParameterError('rule', `${rule.name} learns in feature form, but a sequential network keeps kernel-form coefficients`, "use the rule's kernel form (kernelAdatron, passiveAggressive({ form: 'kernel' }))");
  if (rule.options.bias) throw new ParameterError('rule', `${rule.name} has a bias feature, whose threshold depends on every coefficient`, 'use bias: false');

  if (kernel.kind === 'inner-product') {
    for (const o of [-(n - 1), n - 1]) {
      if (!Number.isFinite(kernel.k(o))) throw new InvalidValueError('kernel', `${kernel.name} is ${kernel.k(o)} at overlap ${o}: a sequential network keeps coefficients on the kernel's true scale`, 'use a kernel that stays finite on overlaps up to N - 1 (e.g. a higher temperature)');
    }
  }
  const rows: Int8Array[] = [];
  const index = new Map<string, number>();
  /** Overlap rows `H[nu][mu] = xi^nu . xi^mu` over all examples. */
  let overlaps: Float64Array[] = [];
  /** Neuron-major coefficients, one array of length M per neuron. */
  let alpha: Float64Array[] = Array.from({ length: n }, () => new Float64Array(0));
  const theta = new Float64Array(n);
  const buffer: Int8Array[] = [];
  let tasks = 0;
  let net: RecurrentNetwork | null = null;

  const coefficients = () => {
    const m = rows.length;
    const data = new Int8Array(m * n);
    rows.forEach((r, mu) => data.set(r, mu * n));
    const flat = new Float64Array(n * m);
    for (let i = 0; i < n; i++) flat.set(alpha[i]!, i * m);
    return { patterns: bipolarPatterns(data, { count: m, dim: n }), alpha: flat, theta: Float64Array.from(theta) };
  };
  const network = (): RecurrentNetwork | null => {
    if (rows.length === 0) return null;
    if (!net) {
      const c = coefficients();
      net = recurrentNetwork({ patterns: c.patterns, kernel, alpha: c.alpha, theta: c.theta });
    }
    return net;
  };
  /** Adds distinct examples; returns the index of every given row. */
  const addRows = (given: readonly Int8Array[]): number[] => given.map((r) => {
    const key = stateKey(r);
    let k = index.get(key);
    if (k === undefined) {
      k = rows.length;
      rows.push(Int8Array.from(r));
      index.set(key, k);
    }
    return k;
  });
  /** Neuron i's kernel `K(xi^nu_{-i}, xi^mu_{-i})` from the overlaps. */
  const entry = (i: number, nu: number, mu: number): number => {
    const o = overlaps[nu]![mu]! - rows[nu]![i]! * rows[mu]![i]!;
    const v = kernel.kind === 'inner-product' ? kernel.k(o) : kernel.g2(Math.max(0, 2 * (n - 1) - 2 * o));
    if (!Number.isFinite(v)) throw new InvalidValueError('kernel', `${kernel.name} is ${v} at overlap ${o}`, 'use a kernel that stays finite on the overlaps (e.g. a higher temperature)');
    return v;
  };

  function learn(task: BipolarPatterns, rng: Rng): TaskReport {
    const before = rows.length;
    let replay: Int8Array[] = [];
    if (method.rehearsal) replay = replay.concat(buffer);
    const pseudo = method.pseudorehearsal;
    if (pseudo && before > 0) {
      const current = network()!;
      const view: NetworkView = Object.freeze({
        dim: n,
        relax: (probe: Int8Array, r: Rng) => {
          const result = current.run(probe, { schedule: 'random-permutation', rng: r, maxSweeps });
          return result.converged ? result.state : null;
        },
      });
      replay = replay.concat(pseudo.generate(view, rng.child('pseudorehearsal')));
    }
    const taskIdx = addRows(patternRows(task));
    const replayIdx = addRows(replay);
    const m = rows.length;
    // Extend the overlaps and coefficients to the new examples.
    overlaps = overlaps.map((row) => {
      const next = new Float64Array(m);
      next.set(row);
      return next;
    });
    for (let mu = before; mu < m; mu++) overlaps.push(new Float64Array(m));
    for (let mu = before; mu < m; mu++) {
      const x = rows[mu]!;
      for (let nu = 0; nu < m; nu++) {
        const y = rows[nu]!;
        let acc = 0;
        for (let j = 0; j < n; j++) acc += x[j]! * y[j]!;
        overlaps[mu]![nu] = acc;
        overlaps[nu]![mu] = acc;
      }
    }
    alpha = alpha.map((a) => {
      const next = new Float64Array(m);
      next.set(a);
      return next;
    });
    const shared = [...new Set([...taskIdx, ...replayIdx])];
    const strength = method.consolidation?.strength ?? 0;
    let activeTotal = 0;
    let converged = 0;
    let epochs = 0;
    let storedNumbers = 0;
    for (let i = 0; i < n; i++) {
      const ai = alpha[i]!;
      const set = new Set(shared);
      if (method.supportVectors) for (let nu = 0; nu < before; nu++) if (ai[nu] !== 0) set.add(nu);
      const act = [...set].sort((x, y) => x - y);
      const a = act.length;
      activeTotal += a;
      const labels = new Float64Array(a);
      for (let x = 0; x < a; x++) labels[x] = rows[act[x]!]![i]!;
      const kAA = new Float64Array(a * a);
      for (let x = 0; x < a; x++) for (let y = x; y < a; y++) kAA[x * a + y] = kAA[y * a + x] = entry(i, act[x]!, act[y]!);
      // Fields of the active examples from every coefficient the network holds.
      const field = new Float64Array(a);
      for (let x = 0; x < a; x++) {
        let h = -theta[i]!;
        for (let nu = 0; nu < m; nu++) if (ai[nu] !== 0) h += ai[nu]! * rows[nu]![i]! * entry(i, nu, act[x]!);
        field[x] = h;
      }
      let gram: Float64Array = kAA;
      let p: Float64Array | null = null;
      const consolidated: number[] = [];
      if (strength > 0) {
        // Coefficients at rounding level (left by earlier consolidation steps) carry no importance.
        let largest = 0;
        for (let nu = 0; nu < before; nu++) largest = Math.max(largest, Math.abs(ai[nu]!));
        for (let nu = 0; nu < before; nu++) if (Math.abs(ai[nu]!) > 1e-12 * largest && !set.has(nu)) consolidated.push(nu);
        storedNumbers += consolidated.length;
        if (consolidated.length > 0) {
          const s = consolidated.length;
          let mean = 0;
          for (const nu of consolidated) mean += Math.abs(ai[nu]!);
          mean /= s;
          const importance = Float64Array.from(consolidated, (nu) => Math.abs(ai[nu]!) / mean);
          const kSA = new Float64Array(s * a);
          const kSS = new Float64Array(s * s);
          for (let u = 0; u < s; u++) {
            for (let x = 0; x < a; x++) kSA[u * a + x] = entry(i, consolidated[u]!, act[x]!);
            for (let v = u; v < s; v++) kSS[u * s + v] = kSS[v * s + u] = entry(i, consolidated[u]!, consolidated[v]!);
          }
          ({ gram, p } = consolidatedGram({ kAA, kSA, kSS, importance, strength }));
        }
      }
      const problem = localProblem({ gram, labels });
      const state = rule.init(problem);
      const start = Float64Array.from(act, (mu) => ai[mu]!);
      state.alpha.set(start);
      state.theta = theta[i]!;
      state.field.set(field);
      drive(rule, [{ problem, state, neuron: i }], { maxEpochs, rng: rng.child(`neuron:${i}`), online: true });
      for (let x = 0; x < a; x++) ai[act[x]!] = state.alpha[x]!;
      if (p) {
        const s = consolidated.length;
        for (let u = 0; u < s; u++) {
          let d = 0;
          for (let x = 0; x < a; x++) d += p[u * a + x]! * (state.alpha[x]! - start[x]!) * labels[x]!;
          const nu = consolidated[u]!;
          ai[nu] = ai[nu]! - rows[nu]![i]! * d;
        }
      }
      theta[i] = state.theta;
      if (state.converged) converged++;
      epochs = Math.max(epochs, state.epochs);
    }
    if (method.rehearsal) {
      const keep = Math.round(method.rehearsal.fraction * task.count);
      const pick = rng.child('rehearsal').sample(task.count, keep);
      for (const mu of pick) buffer.push(task.data.slice(mu * n, (mu + 1) * n));
    }
    tasks++;
    net = null;
    let networkExamples = 0;
    for (let mu = 0; mu < m; mu++) {
      let used = false;
      for (let i = 0; i < n && !used; i++) if (alpha[i]![mu] !== 0) used = true;
      if (used) networkExamples++;
    }
    // Support vectors kept by a weight-form network: every example some neuron still depends on.
    const storedPatterns = (method.rehearsal ? buffer.length : 0) + (method.supportVectors ? networkExamples : 0);
    return { task: tasks - 1, patterns: task.count, replayed: replayIdx.length, meanActive: activeTotal / n, storedPatterns, storedNumbers, networkExamples, converged, epochs };
  }

  return {
    dim: n,
    kernel,
    rule,
    method,
    get tasks() {
      return tasks;
    },
    network,
    coefficients,
    learnTask(task, rng) {
      if (task.kind !== 'bipolar' || task.dim !== n) throw new ShapeError('task', `must be bipolar patterns of length ${n}, got ${task.kind} of length ${task.dim}`, 'pass the task as bipolarPatterns of the network size');
      // A rule that refuses its problem (e.g. an Adatron eta above 2 / K(x, x)) leaves the network as it was.
      const saved = { count: rows.length, overlaps, alpha, theta: Float64Array.from(theta), buffer: buffer.length };
      try {
        return learn(task, rng);
      } catch (error) {
        for (const r of rows.splice(saved.count)) index.delete(stateKey(r));
        overlaps = saved.overlaps;
        alpha = saved.alpha;
        theta.set(saved.theta);
        buffer.length = saved.buffer;
        net = null;
        throw error;
      }
    },
  };
}
