import { z } from 'zod';
import { createRng, defineScenario, linear, param, polynomial, type BipolarPatterns, type Check, type Kernel, type Plot, type Row } from '../index.js';
import { loadMnist } from '../src/data/node/mnist.js';
import { binarise, downsample } from '../src/data/transforms.js';
import { tInterval } from '../src/report/intervals.js';
import { palette, shapes } from '../src/report/palette.js';
import { createRule, type LearningRule, type RuleOptions } from '../plasticity/index.js';
import {
  averageFinalRecall, backwardTransfer, consolidation, correlatedTasks, learnSequence, naive, permutedTasks, pseudorehearsal, randomTasks, rehearsal, supportVectors,
  type SequentialMethod,
} from '../plasticity/sequential/index.js';
import { groupBy } from './lib/stats.js';

const rules = ['hebbian', 'pa', 'adatron'] as const;
type RuleName = (typeof rules)[number];
const methods = ['naive', 'rehearsal', 'pseudorehearsal', 'consolidation', 'supportVectors'] as const;
type MethodName = (typeof methods)[number];

const params = z.object({
  data: param.choice(['random', 'correlated', 'digits'], 'random'),
  correlation: param.number(0.3, { min: 0, max: 1 }),
  N: param.int(24, { min: 8, max: 1024 }),
  T: param.int(5, { min: 2, max: 20 }),
  perTask: param.int(8, { min: 1, max: 200 }),
  degrees: param.intList([1, 2, 3], { min: 1, max: 6 }),
  rules: param.choiceList(rules, [...rules]),
  methods: param.choiceList(methods, [...methods]),
  fraction: param.number(0.25, { min: 0.01, max: 1 }),
  probes: param.int(32, { min: 1, max: 10_000 }),
  strength: param.number(100, { min: 0, max: 1e6 }),
  noise: param.number(0.1, { min: 0, max: 0.5 }),
  maxSweeps: param.int(20, { min: 1, max: 1000 }),
  maxEpochs: param.int(500, { min: 1, max: 100_000 }),
  downsample: param.int(4, { min: 1, max: 7 }),
  dataSeed: param.int(0, { min: 0, max: 2 ** 31 }),
});
type Params = z.infer<typeof params>;

interface Task {
  readonly rule: RuleName;
  readonly method: MethodName;
  readonly degree: number;
  readonly trial: number;
}

interface TaskResult {
  /** Network size N (the image size for digits). */
  readonly dim: number;
  readonly recall: number[][];
  readonly stable: number[][];
  readonly storedPatterns: number;
  readonly storedNumbers: number;
  readonly networkExamples: number;
  readonly converged: number;
}

/** Rule settings: classical Hebbian; PA-I with C = 10; Kernel-Adatron to KKT tolerance 1e-2 (as in the capacity scenarios). */
function ruleFor(name: RuleName): LearningRule<RuleOptions> {
  if (name === 'pa') return createRule('passiveAggressive', { variant: 'PA-I', C: 10 });
  if (name === 'adatron') return createRule('kernelAdatron', { tol: 1e-2 });
  return createRule('hebbian', {});
}

/** Degree 1 is the linear kernel h (the point neuron); p >= 2 the sigma-pi kernel (h + 1)^p. */
function kernelFor(degree: number): Kernel {
  return degree === 1 ? linear() : polynomial({ degree, c: 1 });
}

function methodFor(name: MethodName, p: Params): SequentialMethod {
  switch (name) {
    case 'rehearsal': return rehearsal({ fraction: p.fraction });
    case 'pseudorehearsal': return pseudorehearsal({ probes: p.probes });
    case 'consolidation': return consolidation({ strength: p.strength });
    case 'supportVectors': return supportVectors();
    default: return naive();
  }
}

let digitCache: { key: string; value: BipolarPatterns } | null = null;

/** The task sequence of a trial: the same for every rule, method and degree (paired comparisons). */
function taskSequence(p: Params, trial: number): BipolarPatterns[] {
  const rng = createRng(`sequential-learning:${p.data}:${p.dataSeed}:${trial}`);
  if (p.data === 'random') return randomTasks({ tasks: p.T, perTask: p.perTask, dim: p.N }, rng);
  if (p.data === 'correlated') return correlatedTasks({ tasks: p.T, perTask: p.perTask, dim: p.N, correlation: p.correlation }, rng);
  const key = String(p.downsample);
  if (digitCache?.key !== key) {
    const digits = loadMnist();
    digitCache = { key, value: binarise(p.downsample > 1 ? downsample(digits, p.downsample) : digits) as BipolarPatterns };
  }
  return permutedTasks(digitCache.value, { tasks: p.T, perTask: p.perTask }, rng);
}

const dataLabel = (p: Params): string => (p.data === 'random' ? 'random' : p.data === 'correlated' ? `correlated (ρ = ${p.correlation})` : 'permuted-digit');

const methodLabels: Readonly<Record<MethodName, string>> = {
  naive: 'naive', rehearsal: 'rehearsal', pseudorehearsal: 'pseudorehearsal', consolidation: 'consolidation', supportVectors: 'support vectors',
};
const ruleLabels: Readonly<Record<RuleName, string>> = { hebbian: 'Hebbian', pa: 'PA-I', adatron: 'Kernel-Adatron' };
const superscripts = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶'];
const degreeLabel = (d: number): string => (d === 1 ? 'linear h' : `(h + 1)${superscripts[d] ?? `^${d}`}`);

export default defineScenario({
  name: 'sequential-learning',
  description: 'Tasks learned one after another: recall matrix, final recall and backward transfer per rule, method and kernel degree',
  defaultTrials: 4,
  params,
  tasks(p, ctx) {
    const tasks: Task[] = [];
    for (const degree of p.degrees) for (const rule of p.rules) for (const method of p.methods) {
      // Keeping support vectors is a method for the margin rules: Hebbian coefficients are never zero.
      if (method === 'supportVectors' && rule === 'hebbian') continue;
      for (let trial = 0; trial < ctx.trials; trial++) tasks.push({ rule, method, degree, trial });
    }
    return tasks;
  },
  runTask(task: Task, p, rng): TaskResult {
    const tasks = taskSequence(p, task.trial);
    const result = learnSequence(tasks, {
      kernel: kernelFor(task.degree), rule: ruleFor(task.rule), method: methodFor(task.method, p),
      maxEpochs: p.maxEpochs, maxSweeps: p.maxSweeps, noise: p.noise, rng,
    });
    const last = result.reports[result.reports.length - 1]!;
    return {
      dim: tasks[0]!.dim, recall: result.recall, stable: result.stable, storedPatterns: last.storedPatterns, storedNumbers: last.storedNumbers,
      networkExamples: last.networkExamples, converged: result.reports.reduce((a, r) => a + r.converged, 0) / result.reports.length,
    };
  },
  taskCost: (task: Task) => (task.method === 'pseudorehearsal' ? 3 : 1) * (task.degree === 1 ? 2 : 1),
  summarize(p, results: TaskResult[], ctx) {
    const joined = this.tasks(p, ctx).map((t, k) => ({ ...t, ...results[k]! }));
    const n = results[0]?.dim ?? p.N;
    const rows: Row[] = [];
    const matrix: Row[] = [];
    const stats = new Map<string, { acc: number[]; bwt: number[] }>();
    for (const group of groupBy(joined, (g) => `${g.rule}|${g.method}|${g.degree}`).values()) {
      const { rule, method, degree } = group[0]!;
      const acc = group.map((g) => averageFinalRecall(g.recall));
      const bwt = group.map((g) => backwardTransfer(g.recall));
      stats.set(`${rule}|${method}|${degree}`, { acc, bwt });
      const a = tInterval(acc);
      const b = tInterval(bwt);
      const mean = (f: (g: TaskResult) => number) => group.reduce((s, g) => s + f(g), 0) / group.length;
      rows.push({
        rule, method, degree, kernel: degreeLabel(degree), finalRecall: a.estimate, finalRecallLo: a.lo, finalRecallHi: a.hi,
        backwardTransfer: b.estimate, backwardTransferLo: b.lo, backwardTransferHi: b.hi,
        firstTaskFinal: mean((g) => g.recall[p.T - 1]![0]!), justLearned: mean((g) => g.recall.reduce((s, r, t) => s + r[t]!, 0) / p.T),
        storedPatterns: mean((g) => g.storedPatterns), storedNumbers: mean((g) => g.storedNumbers), networkExamples: mean((g) => g.networkExamples),
        convergedNeurons: mean((g) => g.converged), trials: group.length,
      });
      for (let t = 0; t < p.T; t++) for (let s = 0; s < p.T; s++) {
        matrix.push({ rule, method, degree, after: t + 1, task: s + 1, recall: mean((g) => g.recall[t]![s]!), stable: mean((g) => g.stable[t]![s]!) });
      }
    }
    const checks: Check[] = [];
    // Hebbian learning is order-free (alpha = 1 whatever the order), so naive training cannot favour
    // the last task: its final recall equals the first task's within binomial noise.
    for (const degree of p.degrees) {
      const g = joined.filter((r) => r.rule === 'hebbian' && r.method === 'naive' && r.degree === degree);
      if (g.length === 0) continue;
      const cues = g.length * p.perTask;
      const first = g.reduce((s, r) => s + r.recall[p.T - 1]![0]!, 0) / g.length;
      const lastTask = g.reduce((s, r) => s + r.recall[p.T - 1]![p.T - 1]!, 0) / g.length;
      const pooled = (first + lastTask) / 2;
      // Tasks are exchangeable under an order-free rule, so the two recall probabilities are equal; the
      // SE treats the cues as independent Bernoulli trials (floored at one success in `cues`).
      const se = Math.sqrt(Math.max(pooled * (1 - pooled), 1 / cues) * (2 / cues));
      checks.push({
        claim: `naive Hebbian learning is order-free (${degreeLabel(degree)}): after the last task, the first task is recalled as well as the last`,
        measured: `${first.toFixed(3)} vs ${lastTask.toFixed(3)}`,
        theory: 'equal (alpha = 1 for every pattern whatever the order)',
        pass: Math.abs(first - lastTask) <= 3 * se,
        criterion: `difference within 3 binomial SE of two proportions over ${cues} patterns each (${(3 * se).toFixed(3)})`,
      });
    }
    // Interference between patterns falls like N^(-p/2) in the kernel (h + 1)^p, so naive forgetting
    // of the margin rules cannot grow with the degree.
    const degrees = [...p.degrees].sort((a, b) => a - b);
    for (const rule of p.rules.filter((r) => r !== 'hebbian')) {
      if (degrees.length < 2 || !p.methods.includes('naive')) continue;
      const lo = stats.get(`${rule}|naive|${degrees[0]}`)!;
      const hi = stats.get(`${rule}|naive|${degrees[degrees.length - 1]}`)!;
      const diff = hi.bwt.map((v, k) => v - lo.bwt[k]!);
      const d = tInterval(diff);
      checks.push({
        claim: `${ruleLabels[rule]}: naive forgetting shrinks with the kernel degree (backward transfer at degree ${degrees[degrees.length - 1]} >= at degree ${degrees[0]})`,
        measured: `${tInterval(hi.bwt).estimate.toFixed(3)} vs ${tInterval(lo.bwt).estimate.toFixed(3)}`,
        theory: 'cross-talk K(x, y) / K(x, x) ~ N^(-p/2) falls with p',
        pass: !(d.hi < 0) && d.estimate >= 0,
        criterion: 'paired difference over trials (same tasks) >= 0 and its 95% t interval not below 0',
      });
    }
    const plots: Plot[] = [];
    const methodOrder = p.methods.map((m) => methodLabels[m]);
    const ruleOrder = p.rules.map((r) => ruleLabels[r]);
    for (const degree of p.degrees) {
      // One column per rule, each faceted by method (Hebbian has no support-vector row): a row x
      // column facet with a missing cell lets the renderer slide cells into their neighbours' places.
      const methodsOf = (rule: RuleName) => p.methods.filter((m) => matrix.some((r) => r.degree === degree && r.rule === rule && r.method === m));
      const cell = (rule: RuleName, ri: number) => {
        const ruleMethods = methodsOf(rule);
        return {
          title: ruleLabels[rule],
          data: { values: matrix.filter((r) => r.degree === degree && r.rule === rule).map((r) => ({ ...r, methodLabel: methodLabels[r.method as MethodName] })) },
          facet: { row: {
            field: 'methodLabel', type: 'nominal', title: null, sort: ruleMethods.map((m) => methodLabels[m]),
            // Every column names its rows (vertical labels: the renderer misplaces horizontal row labels).
            header: { labelFontSize: 11 },
          } },
          spec: {
            width: 18 * p.T, height: 18 * p.T, mark: 'rect',
            encoding: {
              x: { field: 'task', type: 'ordinal', title: 'task s' }, y: { field: 'after', type: 'ordinal', title: ri === 0 ? 'after task t' : null },
              color: { field: 'recall', type: 'quantitative', title: 'P(recall)', scale: { scheme: 'viridis', domain: [0, 1] } },
              tooltip: [{ field: 'after' }, { field: 'task' }, { field: 'recall', format: '.2f' }, { field: 'stable', format: '.2f' }],
            },
          },
        };
      };
      plots.push({
        name: `recall-matrix-degree-${degree}`,
        title: `Recall matrix, ${degreeLabel(degree)} kernel`,
        spec: {
          $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
          title: { text: `Recall matrix, kernel ${degreeLabel(degree)}, N = ${n}`, subtitle: [`recall of task s after learning tasks 1..t`, `${p.T} ${dataLabel(p)} tasks of ${p.perTask} patterns`, `cue noise ${p.noise}; cell: mean over ${ctx.trials} trial${ctx.trials === 1 ? '' : 's'}`] },
          hconcat: p.rules.map((rule, ri) => cell(rule, ri)),
          resolve: { scale: { color: 'shared' } },
        },
      });
    }
    const clamp = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : null);
    const recallValues = rows.map((r) => ({
      ...r, finalRecallLo: clamp(r.finalRecallLo), finalRecallHi: clamp(r.finalRecallHi), ruleLabel: ruleLabels[r.rule as RuleName], methodLabel: methodLabels[r.method as MethodName], kernelLabel: `${r.kernel}`,
    }));
    const colour = { field: 'ruleLabel', type: 'nominal', title: 'rule', sort: ruleOrder, scale: { domain: ruleOrder, range: palette.slice(0, ruleOrder.length) } };
    plots.push({
      name: 'final-recall',
      title: 'Final recall per method',
      spec: {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        title: { text: `Average recall of all ${p.T} tasks after the last one, N = ${n}`, subtitle: [`points: mean over ${ctx.trials} task sequences; bars: 95% t interval (clipped to [0, 1]); cue noise ${p.noise}`] },
        data: { values: recallValues },
        facet: { column: { field: 'kernelLabel', type: 'nominal', title: 'kernel', sort: { field: 'degree', op: 'min' } } },
        spec: {
          width: 200, height: 180,
          layer: [
            { mark: { type: 'errorbar', ticks: true }, encoding: {
              x: { field: 'methodLabel', type: 'nominal', title: null, sort: methodOrder, axis: { labelAngle: -40 } },
              xOffset: { field: 'ruleLabel', sort: ruleOrder },
              y: { field: 'finalRecallLo', type: 'quantitative', title: 'average final recall', scale: { domain: [0, 1] } },
              y2: { field: 'finalRecallHi' }, color: colour,
            } },
            { mark: { type: 'point', filled: true, size: 50 }, encoding: {
              x: { field: 'methodLabel', type: 'nominal', sort: methodOrder }, xOffset: { field: 'ruleLabel', sort: ruleOrder },
              y: { field: 'finalRecall', type: 'quantitative' }, color: colour,
              shape: { field: 'ruleLabel', type: 'nominal', title: 'rule', sort: ruleOrder, scale: { domain: ruleOrder, range: shapes.slice(0, ruleOrder.length) } },
              tooltip: [{ field: 'ruleLabel' }, { field: 'methodLabel' }, { field: 'finalRecall', format: '.3f' }, { field: 'backwardTransfer', format: '.3f' }, { field: 'storedPatterns' }],
            } },
          ],
        },
      },
    });
    return {
      rows,
      tables: { matrix },
      checks,
      plots,
      summary: `${p.T} tasks of ${p.perTask} ${dataLabel(p)} patterns (N = ${n}) are learned one after another by each rule, in kernel form, with each method: naive; rehearsal of ${p.fraction} of every earlier task (stored); pseudorehearsal of the attractors reached from ${p.probes} random probes (nothing stored); the consolidation penalty (EWC analogue, strength ${p.strength}: the field changes of earlier examples weighted by their dual coefficients); and, for the margin rules, each neuron's earlier support vectors. After each task every task is cued with ${p.noise} of its bits flipped; the matrix table holds recall of task s after task t, finalRecall its last-row mean (95% t interval over trials) and backwardTransfer the mean change of each earlier task from when it was learned to the end (negative = forgetting). storedPatterns and storedNumbers are what each method keeps besides the weights.`,
    };
  },
});
