import { z } from 'zod';
import { SingularMatrixError, defineScenario, flipBits, linear, param, patternRow, randomBipolar, recurrentNetwork, type Check, type Plot, type Row } from '../index.js';
import { measuredTheoryChart } from '../src/report/chart-spec.js';
import { wilsonInterval } from '../src/report/intervals.js';
import { requireMemory } from '../src/scenario/params.js';
import { trainCoefficients } from '../plasticity/index.js';
import { ruleLabel } from './lib/rule-labels.js';
import { scenarioRule, scenarioRuleSpec, scenarioRules, type ScenarioRule } from './lib/rules.js';
import { binomialSe, groupBy } from './lib/stats.js';

const params = z.object({
  N: param.int(200, { min: 8, max: 4096 }),
  load: param.number(0.1, { min: 0.001, max: 1.9 }),
  rules: param.choiceList(scenarioRules, ['hebbian', 'perceptron', 'pa', 'minover', 'adatron']),
  noise: param.numberList([0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4], { min: 0, max: 0.5 }),
  // Time bounds: a task runs cues x noise levels recalls of up to maxSweeps sweeps of N^2 work.
  cues: param.int(20, { min: 1, max: 10_000 }),
  maxSweeps: param.int(50, { min: 1, max: 10_000 }),
  maxEpochs: param.int(2000, { min: 1, max: 100_000 }),
}).superRefine((p, ctx) => {
  const m = Math.max(1, Math.round(p.load * p.N));
  requireMemory(ctx, 'N', 8 * m * m + 8 * p.N * p.N, `the ${m} x ${m} kernel matrix and N x N weights`);
});

interface Task {
  readonly rule: ScenarioRule;
  readonly trial: number;
}

interface TaskResult {
  /** recalled[k] cues out of `cues` were recalled exactly at noise level k. */
  readonly recalled: number[];
  readonly stored: boolean;
  readonly minMargin: number;
}

export default defineScenario({
  name: 'basins',
  description: 'Probability of recall against cue noise at a fixed load, per learning rule: max-margin rules have the larger basins',
  defaultTrials: 4,
  params,
  tasks: (p, ctx) => p.rules.flatMap((rule) => Array.from({ length: ctx.trials }, (_, trial): Task => ({ rule, trial }))),
  runTask(task: Task, p, rng): TaskResult {
    const m = Math.max(1, Math.round(p.load * p.N));
    // The same patterns for every rule in a trial: the comparison is paired.
    const X = randomBipolar({ count: m, dim: p.N }, rng.child(`patterns:${task.trial}`));
    let trained;
    try {
      trained = trainCoefficients(X, linear(), scenarioRule(task.rule), { maxEpochs: p.maxEpochs, rng: rng.child('order') });
    } catch (error) {
      if (error instanceof SingularMatrixError) return { recalled: p.noise.map(() => 0), stored: false, minMargin: NaN };
      throw error;
    }
    const net = recurrentNetwork({ patterns: X, kernel: linear(), alpha: trained.alpha, theta: trained.theta });
    const stored = trained.reports.every((r) => r.separates);
    const minMargin = Math.min(...trained.reports.map((r) => r.margin));
    const cueRng = rng.child(`cues:${task.trial}`);
    const recalled = p.noise.map((f) => {
      let ok = 0;
      for (let k = 0; k < p.cues; k++) {
        const mu = cueRng.int(m);
        const xi = patternRow(X, mu);
        const { state } = net.run(flipBits(xi, f, cueRng), { schedule: 'random-permutation', rng: cueRng, maxSweeps: p.maxSweeps });
        let same = true;
        for (let j = 0; j < p.N; j++) if (state[j] !== xi[j]) { same = false; break; }
        if (same) ok++;
      }
      return ok;
    });
    return { recalled, stored, minMargin };
  },
  summarize(p, results: TaskResult[], ctx) {
    const tasks = this.tasks(p, ctx);
    const joined = tasks.map((t, k) => ({ ...t, ...results[k]! }));
    const rows: Row[] = [];
    const area = new Map<string, { value: number; se: number }>();
    for (const group of groupBy(joined, (g) => g.rule).values()) {
      const rule = group[0]!.rule;
      let total = 0;
      let totalCues = 0;
      p.noise.forEach((noise, k) => {
        const n = group.length * p.cues;
        const ok = group.reduce((a, g) => a + g.recalled[k]!, 0);
        total += ok;
        totalCues += n;
        rows.push({ rule, learningRule: scenarioRuleSpec(rule).name, noise, recall: ok / n, se: binomialSe(ok / n, n), cues: n, stored: group.filter((g) => g.stored).length / group.length, minMargin: group.reduce((a, g) => a + g.minMargin, 0) / group.length });
      });
      const mean = total / totalCues;
      area.set(rule, { value: mean, se: binomialSe(mean, totalCues) });
    }
    const checks: Check[] = [];
    const best = ['adatron', 'minover'].filter((r) => area.has(r));
    for (const b of best) {
      for (const other of ['perceptron', 'hebbian'].filter((r) => area.has(r))) {
        const x = area.get(b)!;
        const y = area.get(other)!;
        const se = Math.hypot(x.se, y.se);
        checks.push({
          claim: `${b} has larger basins than ${other} at load ${p.load} (mean recall over the noise levels)`,
          measured: `${x.value.toFixed(3)} vs ${y.value.toFixed(3)}`,
          theory: 'max margin maximises noise robustness (Eq. 2-3; Gardner 1988)',
          pass: x.value - y.value > 2 * se,
          criterion: `difference above 2 SE (${(2 * se).toFixed(3)})`,
        });
      }
    }
    const plots: Plot[] = [{
      name: 'recall-vs-noise',
      title: 'Basins of attraction',
      spec: measuredTheoryChart({
        title: `Recall against cue noise, N = ${p.N}, load α = ${p.load}`,
        interval: `bars: 95% Wilson interval over ${ctx.trials * p.cues} cues per point (${ctx.trials} networks); series dodged sideways`,
        x: { title: 'cue noise: fraction of flipped bits' },
        y: { title: 'P(recall): fixed point = stored pattern', domain: [-0.03, 1.03] },
        series: p.rules.map((rule) => ({
          name: ruleLabel(rule), kind: 'measured' as const, connect: true,
          points: rows.filter((r) => r.rule === rule).map((r) => {
            const w = wilsonInterval(Math.round((r.recall as number) * (r.cues as number)), r.cues as number);
            return { x: r.noise as number, y: r.recall as number, lo: w.lo, hi: w.hi };
          }),
        })),
        dodge: 0.01,
      }),
    }];
    return {
      rows,
      checks,
      plots,
      summary: `Each rule trains a network of N = ${p.N} point neurons on M = ${Math.round(p.load * p.N)} random patterns (load ${p.load}); cues are stored patterns with a fraction of bits flipped, run to a fixed point with random-permutation sweeps, and count as recalled when the fixed point is the pattern itself. Rules that maximise each neuron's margin (MinOver, Kernel-Adatron) widen every neuron's decision boundary and so the basins of attraction.`,
    };
  },
});
