import { z } from 'zod';
import { defineScenario, param, type Check, type Plot, type Row } from '../index.js';
import { measuredTheoryChart, type ChartSeries } from '../src/report/chart-spec.js';
import { wilsonInterval } from '../src/report/intervals.js';
import { palette } from '../src/report/palette.js';
import type { Rng } from '../src/rng/rng.js';
import { stateClasses } from '../src/states/label-states.js';
import { requireThat } from '../src/scenario/params.js';
import { confusionMatrix, fitRatioThresholds, kernelClassifiers, linearWeights, predictOneVsRest, predictRatio, trainOneVsRest, type Dataset, type KernelClassifier } from './lib/state-classifiers.js';
import { prototypeRegimeStates, type NetworkStates, type PrototypeRegime } from './lib/state-experiment.js';
import { pairedTTest } from './lib/paired-t.js';
import { scenarioKernels, scenarioRules } from './lib/rules.js';

const params = z.object({
  N: param.int(100, { min: 8, max: 512 }),
  P: param.int(4, { min: 1, max: 32 }),
  K: param.int(3, { min: 1, max: 50 }),
  noise: param.number(0.1, { min: 0, max: 0.5 }),
  R: param.int(4, { min: 0, max: 200 }),
  prototypeSweep: param.intList([2, 4, 8], { min: 1, max: 32 }),
  examplesSweep: param.intList([2, 3, 5], { min: 1, max: 50 }),
  noiseSweep: param.numberList([0.05, 0.1, 0.2], { min: 0, max: 0.5 }),
  shiftedNoise: param.number(0.2, { min: 0, max: 0.5 }),
  networks: param.int(12, { min: 1, max: 500 }),
  probes: param.int(60, { min: 1, max: 10_000 }),
  rule: param.choice(scenarioRules, 'hebbian'),
  kernel: param.choice(scenarioKernels, 'linear'),
  degree: param.int(3, { min: 1, max: 8 }),
  temperature: param.number(10, { min: 1e-3, max: 1e4 }),
  prototypeRadius: param.number(0.05, { min: 0, max: 0.5 }),
  features: param.choice(['sorted', 'normalised'], 'sorted'),
  classifiers: param.choiceList(kernelClassifiers, [...kernelClassifiers]),
  C: param.number(1, { min: 1e-4, max: 1e4 }),
  classifierEpochs: param.int(40, { min: 1, max: 10_000 }),
  maxTrain: param.int(400, { min: 3, max: 5000 }),
  maxEpochs: param.int(200, { min: 1, max: 100_000 }),
  maxSweeps: param.int(50, { min: 1, max: 10_000 }),
}).superRefine((p, ctx) => {
  requireThat(ctx, 'P', p.P * 2 <= 32, 'must be at most 16: the generalisation test uses networks with 2P prototypes');
  requireThat(ctx, 'N', (Math.max(...p.prototypeSweep, 2 * p.P) * Math.max(...p.examplesSweep, p.K) + p.R) * p.N <= 4e6, 'times the largest number of learned patterns must stay below 4e6 entries');
});
type Params = z.infer<typeof params>;

/** One regime: prototypes, examples per prototype, noise. */
interface Condition {
  readonly P: number;
  readonly K: number;
  readonly noise: number;
}

interface Task extends Condition {
  readonly trial: number;
  /** The base condition also tests on 2P prototypes and on the shifted noise. */
  readonly base: boolean;
}

const allClassifiers = ['stability-ratio', ...kernelClassifiers] as const;

/** Per classifier on one test set: confusion counts and the paired counts against the stability ratio. */
interface Scored {
  readonly confusion: number[];
  /** Test states this classifier gets right and the stability ratio wrong, and the reverse. */
  readonly better: number;
  readonly worse: number;
  /** Per test network with states: accuracy(this classifier) - accuracy(stability ratio) on its states. */
  readonly networkDiffs: number[];
}

interface TestResult {
  readonly set: string;
  readonly P: number;
  readonly noise: number;
  readonly scores: Record<string, Scored>;
}

interface TaskResult {
  readonly tests: TestResult[];
  /** Linear classifiers: weight per class and sorted-profile position. */
  readonly weights: Record<string, number[][]>;
  /** States per class in the training and in-distribution test networks; mixtures among spurious states. */
  readonly trainCounts: number[];
  readonly testCounts: number[];
  readonly mixtures: number;
  /** Stability ratios of the in-distribution test states per class (for the Robins-McCallum check). */
  readonly ratios: number[][];
}

const conditionKey = (c: Condition): string => `${c.P}|${c.K}|${c.noise}`;

function conditions(p: Params): Condition[] {
  const out = new Map<string, Condition>();
  const add = (c: Condition): void => void out.set(conditionKey(c), c);
  add({ P: p.P, K: p.K, noise: p.noise });
  for (const P of p.prototypeSweep) add({ P, K: p.K, noise: p.noise });
  for (const K of p.examplesSweep) add({ P: p.P, K, noise: p.noise });
  for (const noise of p.noiseSweep) add({ P: p.P, K: p.K, noise });
  return [...out.values()];
}

function regime(c: Condition, p: Params): PrototypeRegime {
  return { N: p.N, P: c.P, K: c.K, noise: c.noise, R: p.R, probes: p.probes, rule: p.rule, kernel: p.kernel, degree: p.degree, temperature: p.temperature, prototypeRadius: p.prototypeRadius, maxEpochs: p.maxEpochs, maxSweeps: p.maxSweeps };
}

/** The stable states of `count` networks of one regime, pooled into one dataset (split by network: each network's states go to one set only). */
function pooled(c: Condition, p: Params, count: number, rng: Rng): { data: Dataset; ratio: Float64Array; mixtures: number; sizes: number[] } {
  const nets: NetworkStates[] = Array.from({ length: count }, (_, k) => prototypeRegimeStates(regime(c, p), rng.child(`network:${k}`)));
  const total = nets.reduce((s, net) => s + net.count, 0);
  const n = p.N;
  const features = new Float64Array(total * n);
  const classes = new Int32Array(total);
  const ratio = new Float64Array(total);
  let at = 0;
  let mixtures = 0;
  for (const net of nets) {
    features.set(p.features === 'sorted' ? net.sorted : net.normalised, at * n);
    classes.set(net.classes, at);
    ratio.set(net.ratio, at);
    for (const m of net.mixture) mixtures += m;
    at += net.count;
  }
  return { data: { count: total, dim: n, features, classes }, ratio, mixtures, sizes: nets.map((net) => net.count) };
}

/** A random subset of at most `max` rows (all rows, in order, when there are fewer). */
function subsample(set: { data: Dataset; ratio: Float64Array }, max: number, rng: Rng): { data: Dataset; ratio: Float64Array } {
  const { count, dim } = set.data;
  if (count <= max) return set;
  const rows = Array.from(rng.sample(count, max)).sort((a, b) => a - b);
  const features = new Float64Array(max * dim);
  rows.forEach((r, k) => features.set(set.data.features.subarray(r * dim, (r + 1) * dim), k * dim));
  return { data: { count: max, dim, features, classes: Int32Array.from(rows, (r) => set.data.classes[r]!) }, ratio: Float64Array.from(rows, (r) => set.ratio[r]!) };
}

const countClasses = (classes: Int32Array): number[] => {
  const c = [0, 0, 0];
  for (const k of classes) c[k]!++;
  return c;
};

export default defineScenario({
  name: 'state-classification',
  description: 'Learned, prototype or spurious? One-vs-rest Kernel-Adatron / PA-I on energy profiles against the stability ratio (McAlister et al. 2025)',
  defaultTrials: 2,
  params,
  tasks(p, ctx) {
    const tasks: Task[] = [];
    const base = conditionKey({ P: p.P, K: p.K, noise: p.noise });
    for (const c of conditions(p)) for (let trial = 0; trial < ctx.trials; trial++) tasks.push({ ...c, trial, base: conditionKey(c) === base });
    return tasks;
  },
  runTask(task: Task, p, rng): TaskResult {
    const train = pooled(task, p, p.networks, rng.child('train'));
    const fitSet = subsample(train, p.maxTrain, rng.child('subsample'));
    const tests: { set: string; c: Condition; seed: string }[] = [{ set: 'in-distribution', c: task, seed: 'test' }];
    if (task.base) {
      tests.push({ set: `${2 * task.P} prototypes`, c: { ...task, P: 2 * task.P }, seed: 'test-2P' });
      if (p.shiftedNoise !== task.noise) tests.push({ set: `noise ${p.shiftedNoise}`, c: { ...task, noise: p.shiftedNoise }, seed: 'test-noise' });
    }
    const thresholds = fitRatioThresholds(fitSet.ratio, fitSet.data.classes);
    const models = p.classifiers.map((name) => {
      const [rule, kernel] = name.split('-') as ['adatron' | 'pa', 'linear' | 'gaussian'];
      return { name, model: trainOneVsRest(fitSet.data, { rule, kernel, C: p.C, maxEpochs: p.classifierEpochs, classes: 3, rng: rng.child(`classifier:${name}`) }) };
    });
    const results: TestResult[] = [];
    let testCounts = [0, 0, 0];
    let mixtures = 0;
    const ratios: number[][] = [[], [], []];
    for (const t of tests) {
      const test = pooled(t.c, p, p.networks, rng.child(t.seed));
      if (t.set === 'in-distribution') {
        testCounts = countClasses(test.data.classes);
        mixtures = test.mixtures;
        test.data.classes.forEach((c, k) => ratios[c]!.push(test.ratio[k]!));
      }
      const truth = test.data.classes;
      const baseline = predictRatio(thresholds, test.ratio);
      const scores: Record<string, Scored> = { 'stability-ratio': { confusion: confusionMatrix(truth, baseline, 3), better: 0, worse: 0, networkDiffs: [] } };
      for (const { name, model } of models) {
        const predicted = predictOneVsRest(model, test.data);
        let better = 0;
        let worse = 0;
        const networkDiffs: number[] = [];
        // States come network by network (pooled keeps their order): one paired difference per network.
        let k = 0;
        for (const size of test.sizes) {
          let net = 0;
          for (const end = k + size; k < end; k++) {
            const mine = predicted[k] === truth[k];
            const theirs = baseline[k] === truth[k];
            if (mine && !theirs) { better++; net++; }
            if (!mine && theirs) { worse++; net--; }
          }
          if (size > 0) networkDiffs.push(net / size);
        }
        scores[name] = { confusion: confusionMatrix(truth, predicted, 3), better, worse, networkDiffs };
      }
      results.push({ set: t.set, P: t.c.P, noise: t.c.noise, scores });
    }
    const weights: Record<string, number[][]> = {};
    if (task.base) for (const { name, model } of models) if (name.endsWith('-linear')) weights[name] = linearWeights(model).map((w) => Array.from(w));
    return { tests: results, weights, trainCounts: countClasses(train.data.classes), testCounts, mixtures, ratios };
  },
  taskCost: (task: Task) => task.P * task.K * (task.base ? 3 : 1),
  summarize(p, results: TaskResult[], ctx) {
    const tasks = this.tasks(p, ctx);
    const rows: Row[] = [];
    const confusionRows: Row[] = [];
    const stateRows: Row[] = [];
    const names = ['stability-ratio', ...p.classifiers];
    const byCondition = new Map<string, { c: Condition; base: boolean; res: TaskResult[] }>();
    tasks.forEach((t, k) => {
      const key = conditionKey(t);
      if (!byCondition.has(key)) byCondition.set(key, { c: t, base: t.base, res: [] });
      byCondition.get(key)!.res.push(results[k]!);
    });
    /** Pooled confusion of a classifier on a test set of a condition. */
    const pooledScore = (res: TaskResult[], set: string, name: string): { confusion: number[]; better: number; worse: number; networkDiffs: number[] } | null => {
      const found = res.map((r) => r.tests.find((t) => t.set === set)?.scores[name]).filter((s): s is Scored => s !== undefined);
      if (found.length === 0) return null;
      const confusion = new Array<number>(9).fill(0);
      let better = 0;
      let worse = 0;
      const networkDiffs: number[] = [];
      for (const s of found) {
        s.confusion.forEach((v, k) => (confusion[k]! += v));
        better += s.better;
        worse += s.worse;
        networkDiffs.push(...s.networkDiffs);
      }
      return { confusion, better, worse, networkDiffs };
    };
    for (const { c, base, res } of byCondition.values()) {
      const train = [0, 1, 2].map((k) => res.reduce((s, r) => s + r.trainCounts[k]!, 0));
      const test = [0, 1, 2].map((k) => res.reduce((s, r) => s + r.testCounts[k]!, 0));
      stateRows.push({ P: c.P, K: c.K, noise: c.noise, trainLearned: train[0]!, trainPrototype: train[1]!, trainSpurious: train[2]!, testLearned: test[0]!, testPrototype: test[1]!, testSpurious: test[2]!, testMixtures: res.reduce((s, r) => s + r.mixtures, 0) });
      const sets = res[0]!.tests.map((t) => ({ set: t.set, P: t.P, noise: t.noise }));
      for (const s of sets) {
        for (const name of names) {
          const score = pooledScore(res, s.set, name);
          if (!score) continue;
          const m = score.confusion;
          const total = m.reduce((a, b) => a + b, 0);
          const right = m[0]! + m[4]! + m[8]!;
          const row: Row = { trainP: c.P, K: c.K, trainNoise: c.noise, testSet: s.set, testP: s.P, testNoise: s.noise, classifier: name, states: total };
          if (total > 0) {
            const w = wilsonInterval(right, total);
            Object.assign(row, { accuracy: w.estimate, accuracyLo: w.lo, accuracyHi: w.hi });
          }
          stateClasses.forEach((cls, k) => {
            const n = m[3 * k]! + m[3 * k + 1]! + m[3 * k + 2]!;
            row[`${cls}States`] = n;
            row[`${cls}Accuracy`] = n > 0 ? m[4 * k]! / n : null;
          });
          const majority = Math.max(m[0]! + m[1]! + m[2]!, m[3]! + m[4]! + m[5]!, m[6]! + m[7]! + m[8]!);
          row.majorityRate = total > 0 ? majority / total : null;
          if (name !== 'stability-ratio') {
            const d = score.better + score.worse;
            const t = pairedTTest(score.networkDiffs);
            Object.assign(row, {
              betterThanRatio: score.better, worseThanRatio: score.worse, mcnemarZ: d > 0 ? (score.better - score.worse) / Math.sqrt(d) : 0,
              testNetworks: t.n, meanNetworkGain: t.n > 0 ? t.mean : null, gainSe: Number.isFinite(t.se) ? t.se : null,
              pairedT: Number.isFinite(t.t) ? t.t : t.t === Infinity ? 1e308 : null, pairedDf: t.df, tCritical: Number.isFinite(t.critical) ? t.critical : null, pairedSignificant: t.significant,
            });
          }
          rows.push(row);
          if (base && s.set === 'in-distribution') {
            stateClasses.forEach((truth, t) => stateClasses.forEach((pred, q) => confusionRows.push({ classifier: name, truth, predicted: pred, count: m[3 * t + q]! })));
          }
        }
      }
    }
    const checks: Check[] = [];
    const primary = p.classifiers[0]!;
    for (const r of rows.filter((x) => x.classifier === primary)) {
      const inDist = r.testSet === 'in-distribution';
      const isBase = r.trainP === p.P && r.K === p.K && r.trainNoise === p.noise;
      if (!inDist && !isBase) continue;
      const ratioRow = rows.find((x) => x.classifier === 'stability-ratio' && x.trainP === r.trainP && x.K === r.K && x.trainNoise === r.trainNoise && x.testSet === r.testSet)!;
      checks.push({
        claim: `${primary} beats the stability ratio (McAlister et al. 2025), trained at P = ${r.trainP}, K = ${r.K}, noise ${r.trainNoise}; tested ${inDist ? 'in distribution' : `on ${r.testSet}`}`,
        measured: `mean accuracy gain per test network ${fmt(r.meanNetworkGain)} ± ${fmt(r.gainSe)} (SE), t = ${fmt(r.pairedT)} with ${r.pairedDf} df vs critical ${fmt(r.tCritical)}; pooled accuracy ${fmt(r.accuracy)} [${fmt(r.accuracyLo)}, ${fmt(r.accuracyHi)}] vs ${fmt(ratioRow.accuracy)} [${fmt(ratioRow.accuracyLo)}, ${fmt(ratioRow.accuracyHi)}]; McNemar z = ${fmt(r.mcnemarZ)} (${r.betterThanRatio} vs ${r.worseThanRatio} discordant states, pooled, for reference only)`,
        theory: 'kernel classifier > stability ratio',
        pass: r.pairedSignificant === true,
        criterion: `one-sided paired t test at the network level: per test network (${r.testNetworks} networks with states, independent), d = accuracy(${primary}) - accuracy(stability ratio) on that network's states; pass when t = mean(d) / (sd(d) / sqrt(n)) exceeds t_0.95 with n - 1 = ${r.pairedDf} df (states of one network are dependent, so they are not the units); brackets: 95% Wilson intervals over pooled states, descriptive only`,
      });
    }
    const baseRes = byCondition.get(conditionKey({ P: p.P, K: p.K, noise: p.noise }))!.res;
    const ratios = [0, 1, 2].map((k) => baseRes.flatMap((r) => r.ratios[k]!).filter((v) => !Number.isNaN(v)).sort((a, b) => a - b));
    const median = (v: number[]): number => (v.length % 2 ? v[v.length >> 1]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2);
    if (ratios[0]!.length > 0 && ratios[2]!.length > 0) {
      checks.push({
        claim: 'Learned states have a larger stability ratio than spurious states (Robins and McCallum 2004), base condition',
        measured: `median ${fmt(median(ratios[0]!))} (${ratios[0]!.length} learned) vs ${fmt(median(ratios[2]!))} (${ratios[2]!.length} spurious)`,
        theory: 'median(learned) > median(spurious)',
        pass: median(ratios[0]!) > median(ratios[2]!),
        criterion: 'strict inequality of the medians over the in-distribution test states',
      });
    }
    const plots: Plot[] = [];
    const sweep = (title: string, name: string, xTitle: string, pick: (r: Row) => number | null): void => {
      const series: ChartSeries[] = names.map((cls) => ({
        name: cls, kind: 'measured' as const, connect: true,
        points: rows.filter((r) => r.classifier === cls && r.testSet === 'in-distribution' && pick(r) !== null && r.accuracy !== undefined)
          .map((r) => ({ x: pick(r)!, y: r.accuracy as number, lo: r.accuracyLo as number, hi: r.accuracyHi as number })).sort((a, b) => a.x - b.x),
      }));
      const majority = rows.filter((r) => r.classifier === 'stability-ratio' && r.testSet === 'in-distribution' && pick(r) !== null && r.majorityRate !== null)
        .map((r) => ({ x: pick(r)!, y: r.majorityRate as number })).sort((a, b) => a.x - b.x);
      series.push({ name: 'most frequent class (reference)', kind: 'theory', dashed: true, points: majority });
      if (series.every((s) => s.points.length < 2)) return;
      plots.push({
        name, title,
        spec: measuredTheoryChart({
          title, interval: `points: accuracy over the test networks' stable states (${p.networks} networks × ${ctx.trials} trials); bars: 95% Wilson interval`,
          x: { title: xTitle }, y: { title: 'accuracy (learned / prototype / spurious)', domain: [0, 1] }, series, dodge: 0.012,
        }),
      });
    };
    sweep('State classification accuracy against the number of prototypes P', 'accuracy-vs-prototypes', 'prototypes P', (r) => (r.K === p.K && r.trainNoise === p.noise ? (r.trainP as number) : null));
    sweep('State classification accuracy against the examples per prototype K', 'accuracy-vs-examples', 'examples per prototype K', (r) => (r.trainP === p.P && r.trainNoise === p.noise ? (r.K as number) : null));
    sweep('State classification accuracy against the example noise', 'accuracy-vs-noise', 'bit-flip rate of the examples', (r) => (r.trainP === p.P && r.K === p.K ? (r.trainNoise as number) : null));
    plots.push({ name: 'confusion', title: 'Confusion matrices, base condition', spec: confusionSpec(confusionRows, `P = ${p.P}, K = ${p.K}, noise ${p.noise}, in distribution`) });
    const weightRows: Row[] = [];
    for (const name of Object.keys(baseRes[0]?.weights ?? {})) {
      stateClasses.forEach((cls, k) => {
        for (let pos = 0; pos < p.N; pos++) {
          const values = baseRes.map((r) => r.weights[name]![k]![pos]!);
          const mean = values.reduce((a, b) => a + b, 0) / values.length;
          weightRows.push({ classifier: name, class: cls, position: pos, weight: mean, weightMin: Math.min(...values), weightMax: Math.max(...values) });
        }
      });
    }
    const firstLinear = p.classifiers.find((c) => c.endsWith('-linear'));
    if (firstLinear) {
      plots.push({
        name: 'profile-weights',
        title: `Which energy-profile positions the ${firstLinear} classifier weights`,
        spec: measuredTheoryChart({
          title: `One-vs-rest weights of ${firstLinear} on the sorted energy profile (base condition)`,
          interval: `points: weight per standard deviation of the feature, mean over ${ctx.trials} trials (bars: smallest to largest trial); position 0 is the most stable neuron`,
          x: { title: 'position in the sorted energy profile (0 = lowest e_i)', integer: true },
          y: { title: 'weight w_c (standardised features)' },
          series: stateClasses.map((cls) => ({ name: cls, kind: 'measured' as const, connect: true, points: weightRows.filter((r) => r.classifier === firstLinear && r.class === cls).map((r) => ({ x: r.position as number, y: r.weight as number, lo: r.weightMin as number, hi: r.weightMax as number })) })),
        }),
      });
    }
    // Neighbouring positions of a sorted profile are nearly collinear, so single weights are noisy;
    // the mean |w| per tenth of the profile says which part of it the classifier reads.
    const decileRows: Row[] = [];
    for (const name of new Set(weightRows.map((r) => r.classifier as string))) {
      for (const cls of stateClasses) {
        const w = weightRows.filter((r) => r.classifier === name && r.class === cls);
        for (let d = 0; d < 10; d++) {
          const part = w.filter((r) => Math.floor(((r.position as number) * 10) / p.N) === d);
          decileRows.push({ classifier: name, class: cls, decile: d, meanAbsWeight: part.reduce((a, r) => a + Math.abs(r.weight as number), 0) / Math.max(part.length, 1) });
        }
      }
    }
    const top = (name: string): string => stateClasses.map((cls) => {
      const d = decileRows.filter((r) => r.classifier === name && r.class === cls).sort((a, b) => (b.meanAbsWeight as number) - (a.meanAbsWeight as number))[0];
      return `${cls}: tenth ${d ? (d.decile as number) + 1 : '-'} of 10`;
    }).join('; ');
    const primaryBase = rows.find((r) => r.classifier === primary && r.testSet === 'in-distribution' && r.trainP === p.P && r.K === p.K && r.trainNoise === p.noise);
    const ratioBase = rows.find((r) => r.classifier === 'stability-ratio' && r.testSet === 'in-distribution' && r.trainP === p.P && r.K === p.K && r.trainNoise === p.noise);
    return {
      rows,
      tables: { confusion: confusionRows, states: stateRows, weights: weightRows, weightDeciles: decileRows },
      checks,
      plots,
      summary: `Networks of N = ${p.N} neurons learn K noisy examples of each of P prototypes (bits flipped at the given rate) and R = ${p.R} further random patterns, with the ${p.rule} rule and the ${p.kernel} kernel. Their stable states (every learned pattern and prototype that is a fixed point, and the fixed points reached from ${p.probes} random probes, once each up to sign) are labelled learned (equal to a training pattern), prototype (not learned, within ${Math.round(p.prototypeRadius * p.N)} bits of a prototype) or spurious (the rest; three-pattern mixtures are counted). One-vs-rest Kernel-Adatron (soft margin, C = ${p.C}) and PA-I classifiers on the ${p.features} energy profile e_i = -1/2 s_i h_i are trained on the states of ${p.networks} networks and tested on the states of ${p.networks} other networks, beside the stability ratio with two thresholds fitted on the same training states. Base condition, in distribution: ${primary} ${fmt(primaryBase?.accuracy)} against the stability ratio ${fmt(ratioBase?.accuracy)}.${firstLinear ? ` Part of the sorted profile with the largest mean |weight| in ${firstLinear} (tenth 1 = the most stable neurons): ${top(firstLinear)}.` : ''}`,
    };
  },
});

function fmt(v: unknown): string {
  return typeof v === 'number' && Number.isFinite(v) ? String(Number(v.toPrecision(3))) : String(v);
}

/** A faceted heatmap of the confusion matrices: rows true class, columns predicted, colour the fraction of the true class. */
function confusionSpec(rows: readonly Row[], subtitle: string): Record<string, unknown> {
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(`${r.classifier}|${r.truth}`, (totals.get(`${r.classifier}|${r.truth}`) ?? 0) + (r.count as number));
  const values = rows.map((r) => {
    const t = totals.get(`${r.classifier}|${r.truth}`)!;
    return { ...r, fraction: t > 0 ? (r.count as number) / t : 0 };
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Confusion matrices (rows: true class; colour: fraction of the row)', subtitle },
    data: { values },
    facet: { field: 'classifier', type: 'nominal', title: null },
    columns: 3,
    spec: {
      width: 150, height: 150,
      encoding: {
        x: { field: 'predicted', type: 'nominal', sort: [...stateClasses], title: 'predicted' },
        y: { field: 'truth', type: 'nominal', sort: [...stateClasses], title: 'true class' },
      },
      layer: [
        { mark: 'rect', encoding: { color: { field: 'fraction', type: 'quantitative', scale: { domain: [0, 1], range: ['#ffffff', palette[0]!] }, title: 'fraction of row' } } },
        { mark: { type: 'text', fontSize: 11 }, encoding: { text: { field: 'count', type: 'quantitative' }, color: { condition: { test: 'datum.fraction > 0.6', value: '#ffffff' }, value: '#000000' } } },
      ],
    },
  };
}
