import { z } from 'zod';
import { ParameterError, createRng, defineScenario, param, type Check, type Plot, type Rng, type Row } from '../index.js';
import { KROTOV_HOPFIELD_2016, trainDenseMemoryClassifier } from '../plasticity/dense-memory-trainer.js';
import type { DenseMemoryClassifier } from '../plasticity/dense-memory-trainer-model.js';
import { shuffledBlocks } from '../src/data/blocks.js';
import { loadMnist } from '../src/data/node/mnist.js';
import { measuredTheoryChart, type ChartSeries } from '../src/report/chart-spec.js';
import { tInterval, wilsonInterval } from '../src/report/intervals.js';

const SIDE = 28;
const PIXELS = SIDE * SIDE;
const CLASSES = 10;
/** Digits in the `mnist` package (the pool the training and test subsets are drawn from). */
const POOL = 10_000;

const params = z.object({
  /** Degrees n of F(x) = max(x, 0)^n; one dense memory is trained per degree (and trial). */
  degrees: param.intList([2, 3, 10, 20, 30], { min: 1, max: 100 }),
  /** Training images, a seeded subset of the 10,000 digits of the mnist package. */
  train: param.int(2000, { min: 50, max: 9950 }),
  /** Test images, disjoint from the training ones (train + test <= 10,000). */
  test: param.int(1000, { min: 50, max: 9950 }),
  /** K, memories per network (notebook: 100). */
  memories: param.int(100, { min: 2, max: 2000 }),
  /** Training epochs (notebook: 300). */
  epochs: param.int(60, { min: 1, max: 5000 }),
  /** Minibatch size (notebook: 1000 of 60,000; smaller here so the smaller subset gets as many updates per epoch). */
  batchSize: param.int(20, { min: 1, max: 9950 }),
  /** Temperature T, beta = 1 / T^n (notebook: 540). */
  temperature: param.number(540, { min: 1, max: 1e6 }),
  /** Initial learning rate (notebook: 0.04). */
  learningRate: param.number(0.04, { min: 1e-6, max: 1 }),
  /** Per-epoch learning-rate decay (notebook: 0.998). */
  decay: param.number(0.998, { min: 0.5, max: 1 }),
  /** Momentum (notebook: 0.6). */
  momentum: param.number(0.6, { min: 0, max: 0.99 }),
  /** m, the loss is sum (t - Y)^(2m) (notebook: 30). */
  lossPower: param.int(30, { min: 1, max: 100 }),
  /** Seed of the data subset (the same for every task and trial). */
  dataSeed: param.int(0, { min: 0, max: 2 ** 31 }),
  /** Memories drawn in each image grid (smallest and largest degree). */
  gridMemories: param.int(20, { min: 1, max: 100 }),
  /** Epochs at which the test error is recorded for the training curves. */
  checkpoints: param.int(12, { min: 1, max: 1000 }),
});
type Params = z.infer<typeof params>;

type Task = { readonly kind: 'baseline' } | { readonly kind: 'train'; readonly degree: number; readonly trial: number };

/** One trained dense memory. */
interface TrainResult {
  readonly kind: 'train';
  readonly degree: number;
  readonly trial: number;
  readonly testError: number;
  /** Training error of the last epoch (before each minibatch's update, as the notebook counts it). */
  readonly trainError: number;
  /** 1 where test image s is classified correctly. */
  readonly correct: Uint8Array;
  readonly curve: { epoch: number; trainError: number; testError: number }[];
  /** Per memory: the largest Pearson correlation of its pixels with a class-mean image. */
  readonly correlation: number[];
  /** Per memory: fraction of pixels at the clipping bound (|xi| >= 0.99). */
  readonly saturated: number[];
  /** Per memory: whether exactly one label weight is positive (a memory "of" one class). */
  readonly oneLabel: boolean[];
  /** Trial 0 at the smallest and largest degree: the first `gridMemories` memories (pixels), their label class and correlation. */
  readonly grid: { images: number[][]; classes: number[]; correlation: number[] } | null;
}

/** The one-shot and Hebbian baselines on the same subset. */
interface BaselineResult {
  readonly kind: 'baseline';
  /** Nearest class mean (Euclidean): the Hebbian class templates. */
  readonly classMean: Uint8Array;
  /** Nearest training image (Euclidean), i.e. every example stored one-shot, the nearest recalled. */
  readonly nearest: Uint8Array;
  /** Every training image stored one-shot as a memory (pixels, +-1 labels), read out with the same F and T, per degree. */
  readonly oneShot: Uint8Array[];
}

interface Subset {
  readonly train: { images: Float64Array; labels: Int32Array };
  readonly test: { images: Float64Array; labels: Int32Array };
  /** Class means of the training images, C x N (pixels in [-1, 1]). */
  readonly means: Float64Array;
}

let subsetCache: { key: string; value: Subset } | undefined;

/**
 * The training and test images (pixels mapped to 2x - 1, as the notebook maps x / 255): one seeded
 * shuffle of the 10,000 digits, the first `train` for training, the next `test` for testing.
 * The same in every task (a function of `dataSeed` only); cached per thread.
 */
function subset(p: Params): Subset {
  const key = `${p.dataSeed}|${p.train}|${p.test}`;
  if (subsetCache?.key === key) return subsetCache.value;
  const digits = loadMnist();
  const [order] = shuffledBlocks(digits.count, { blocks: 1, size: p.train + p.test }, createRng(p.dataSeed).child('dense-memory-digits'));
  const take = (from: number, count: number): { images: Float64Array; labels: Int32Array } => {
    const images = new Float64Array(count * PIXELS);
    const labels = new Int32Array(count);
    for (let q = 0; q < count; q++) {
      const s = order![from + q]!;
      for (let i = 0; i < PIXELS; i++) images[q * PIXELS + i] = 2 * digits.data[s * PIXELS + i]! - 1;
      labels[q] = digits.labels![s]!;
    }
    return { images, labels };
  };
  const train = take(0, p.train);
  const test = take(p.train, p.test);
  const means = new Float64Array(CLASSES * PIXELS);
  const counts = new Float64Array(CLASSES);
  for (let s = 0; s < p.train; s++) {
    const c = train.labels[s]!;
    counts[c]!++;
    for (let i = 0; i < PIXELS; i++) means[c * PIXELS + i]! += train.images[s * PIXELS + i]!;
  }
  for (let c = 0; c < CLASSES; c++) for (let i = 0; i < PIXELS; i++) means[c * PIXELS + i]! /= Math.max(counts[c]!, 1);
  const value = { train, test, means };
  subsetCache = { key, value };
  return value;
}

/** Pearson correlation of two length-N vectors. */
function pearson(a: ArrayLike<number>, aOffset: number, b: ArrayLike<number>, bOffset: number, n: number): number {
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[aOffset + i]!;
    mb += b[bOffset + i]!;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const x = a[aOffset + i]! - ma;
    const y = b[bOffset + i]! - mb;
    sab += x * y;
    saa += x * x;
    sbb += y * y;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

function checkpointEpochs(p: Params): Set<number> {
  const out = new Set<number>();
  const k = Math.min(p.checkpoints, p.epochs);
  for (let i = 1; i <= k; i++) out.add(Math.round((i * p.epochs) / k) - 1);
  return out;
}

function runTrain(task: Extract<Task, { kind: 'train' }>, p: Params, rng: Rng): TrainResult {
  const { train, test, means } = subset(p);
  const curve: TrainResult['curve'] = [];
  const marks = checkpointEpochs(p);
  const model = trainDenseMemoryClassifier(
    { images: train.images, labels: train.labels, pixels: PIXELS, classes: CLASSES },
    {
      ...KROTOV_HOPFIELD_2016, memories: p.memories, degree: task.degree, lossPower: p.lossPower, temperature: p.temperature,
      initialTemperature: p.temperature, learningRate: p.learningRate, decay: p.decay, momentum: p.momentum, epochs: p.epochs, batchSize: p.batchSize,
    },
    rng.child('train'),
    { onEpoch: (e) => { if (marks.has(e.epoch)) curve.push({ epoch: e.epoch + 1, trainError: e.trainError, testError: e.model.errorRate(test.images, test.labels) }); } },
  );
  const correct = predictions(model, test.images, test.labels);
  let right = 0;
  for (const c of correct) right += c;
  const d = PIXELS + CLASSES;
  const w = model.weights;
  const correlation: number[] = [];
  const saturated: number[] = [];
  const oneLabel: boolean[] = [];
  const labelClass: number[] = [];
  for (let k = 0; k < p.memories; k++) {
    let best = -Infinity;
    for (let c = 0; c < CLASSES; c++) best = Math.max(best, pearson(w, k * d, means, c * PIXELS, PIXELS));
    correlation.push(best);
    let sat = 0;
    for (let i = 0; i < PIXELS; i++) if (Math.abs(w[k * d + i]!) >= 0.99) sat++;
    saturated.push(sat / PIXELS);
    let positive = 0;
    let cls = 0;
    for (let c = 0; c < CLASSES; c++) {
      if (w[k * d + PIXELS + c]! > 0) positive++;
      if (w[k * d + PIXELS + c]! > w[k * d + PIXELS + cls]!) cls = c;
    }
    oneLabel.push(positive === 1);
    labelClass.push(cls);
  }
  const gridDegrees = [Math.min(...p.degrees), Math.max(...p.degrees)];
  let grid: TrainResult['grid'] = null;
  if (task.trial === 0 && gridDegrees.includes(task.degree)) {
    // The first gridMemories memories (an unbiased sample: memories start as i.i.d. noise), shown
    // in order of the class their label weights point to.
    const shown = Array.from({ length: Math.min(p.gridMemories, p.memories) }, (_, k) => k).sort((a, b) => labelClass[a]! - labelClass[b]! || a - b);
    grid = {
      images: shown.map((k) => Array.from(w.subarray(k * d, k * d + PIXELS), (v) => Math.round(v * 1000) / 1000)),
      classes: shown.map((k) => labelClass[k]!),
      correlation: shown.map((k) => correlation[k]!),
    };
  }
  return { kind: 'train', degree: task.degree, trial: task.trial, testError: 1 - right / p.test, trainError: curve.at(-1)?.trainError ?? NaN, correct, curve, correlation, saturated, oneLabel, grid };
}

function predictions(model: DenseMemoryClassifier, images: Float64Array, labels: Int32Array): Uint8Array {
  const out = new Uint8Array(labels.length);
  for (let s = 0; s < labels.length; s++) out[s] = model.predict(images.subarray(s * PIXELS, (s + 1) * PIXELS)) === labels[s] ? 1 : 0;
  return out;
}

function runBaseline(p: Params): BaselineResult {
  const { train, test, means } = subset(p);
  const classMean = new Uint8Array(p.test);
  const nearest = new Uint8Array(p.test);
  const oneShot = p.degrees.map(() => new Uint8Array(p.test));
  const dots = new Float64Array(p.train);
  const gain = new Float64Array(CLASSES);
  const loss = new Float64Array(CLASSES);
  const invT = 1 / p.temperature;
  // A one-shot memory (x^s, labels +1 for its class, -1 otherwise) has xi . u = x^s . x + (C - 2)
  // and xi . v_c = xi . u + 2 (+1 for its class, -1 for the others).
  const labelShift = CLASSES - 2;
  const F = (x: number, n: number): number => (x > 0 ? (x * invT) ** n : 0);
  for (let q = 0; q < p.test; q++) {
    const qo = q * PIXELS;
    let bestMean = 0;
    let bestMeanD = Infinity;
    for (let c = 0; c < CLASSES; c++) {
      let dist = 0;
      for (let i = 0; i < PIXELS; i++) dist += (means[c * PIXELS + i]! - test.images[qo + i]!) ** 2;
      if (dist < bestMeanD) {
        bestMeanD = dist;
        bestMean = c;
      }
    }
    classMean[q] = bestMean === test.labels[q] ? 1 : 0;
    let bestS = 0;
    let bestD = Infinity;
    for (let s = 0; s < p.train; s++) {
      const so = s * PIXELS;
      let dist = 0;
      let dot = 0;
      for (let i = 0; i < PIXELS; i++) {
        const a = train.images[so + i]!;
        const b = test.images[qo + i]!;
        dist += (a - b) * (a - b);
        dot += a * b;
      }
      dots[s] = dot;
      if (dist < bestD) {
        bestD = dist;
        bestS = s;
      }
    }
    nearest[q] = train.labels[bestS] === test.labels[q] ? 1 : 0;
    p.degrees.forEach((n, k) => {
      // score_c = sum_s [F(xi^s . v_c) - F(xi^s . u)]: memories of class c gain F(h + 2) - F(h),
      // the others F(h - 2) - F(h).
      gain.fill(0);
      loss.fill(0);
      let lossAll = 0;
      for (let s = 0; s < p.train; s++) {
        const h = dots[s]! + labelShift;
        const f0 = F(h, n);
        const down = F(h - 2, n) - f0;
        gain[train.labels[s]!]! += F(h + 2, n) - f0;
        loss[train.labels[s]!]! += down;
        lossAll += down;
      }
      let best = 0;
      let bestScore = -Infinity;
      for (let c = 0; c < CLASSES; c++) {
        const score = gain[c]! + lossAll - loss[c]!;
        if (score > bestScore) {
          bestScore = score;
          best = c;
        }
      }
      oneShot[k]![q] = best === test.labels[q] ? 1 : 0;
    });
  }
  return { kind: 'baseline', classMean, nearest, oneShot };
}

const sum = (a: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
};
const mean = (a: readonly number[]): number => a.reduce((x, y) => x + y, 0) / a.length;
const se = (a: readonly number[]): number => {
  const m = mean(a);
  return a.length > 1 ? Math.sqrt(a.reduce((x, y) => x + (y - m) ** 2, 0) / (a.length - 1) / a.length) : NaN;
};

/** McNemar counts: b = only `a` right, c = only `b` right. */
function discordant(a: Uint8Array, b: Uint8Array): { b: number; c: number } {
  let onlyA = 0;
  let onlyB = 0;
  for (let s = 0; s < a.length; s++) {
    if (a[s]! > b[s]!) onlyA++;
    else if (b[s]! > a[s]!) onlyB++;
  }
  return { b: onlyA, c: onlyB };
}

/** A Vega-Lite grid of memories (rect heatmaps faceted by memory), blue (-1) through white to orange (+1). */
function memoryGridSpec(title: string, images: readonly number[][], captions: readonly string[], columns: number): Record<string, unknown> {
  const values: { memory: string; x: number; y: number; v: number }[] = [];
  images.forEach((img, k) => {
    for (let y = 0; y < SIDE; y++) for (let x = 0; x < SIDE; x++) values.push({ memory: captions[k]!, x, y, v: img[y * SIDE + x]! });
  });
  const axis = Array.from({ length: SIDE }, (_, i) => i);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle: 'pixel weights ξ of each memory (caption: memory, the class its label weights point to, best correlation with a class mean)' },
    data: { values },
    columns,
    spacing: 4,
    facet: { field: 'memory', type: 'nominal', sort: [...captions], header: { title: null, labelFontSize: 9, labelPadding: 2 } },
    spec: {
      width: 2 * SIDE,
      height: 2 * SIDE,
      mark: { type: 'rect' },
      encoding: {
        x: { field: 'x', type: 'ordinal', axis: null, scale: { domain: axis } },
        y: { field: 'y', type: 'ordinal', axis: null, scale: { domain: axis } },
        color: { field: 'v', type: 'quantitative', scale: { domain: [-1, 1], scheme: 'blueorange' }, legend: { title: 'ξ', orient: 'right' } },
      },
    },
    config: { view: { stroke: null } },
  };
}

export default defineScenario({
  name: 'dense-memory-digits',
  description: 'Dense associative memory trained on digits (Krotov-Hopfield 2016): test error and memory prototype-ness against the degree n, beside one-shot and Hebbian baselines',
  defaultTrials: 1,
  params,
  tasks(p, ctx) {
    if (p.train + p.test > POOL) throw new ParameterError('test', `train + test = ${p.train + p.test} exceeds the ${POOL} digits available`, 'use fewer training or test images');
    if (p.batchSize > p.train) throw new ParameterError('batchSize', `${p.batchSize} exceeds the ${p.train} training images`, 'use a smaller minibatch');
    const tasks: Task[] = [{ kind: 'baseline' }];
    for (const degree of p.degrees) for (let trial = 0; trial < ctx.trials; trial++) tasks.push({ kind: 'train', degree, trial });
    return tasks;
  },
  // Training: epochs x train x K x (ink pixels ~ N / 5); baselines: test x train x N.
  taskCost: (task: Task, p) => (task.kind === 'train' ? (p.epochs * p.train * p.memories * PIXELS) / 5 : p.test * p.train * PIXELS),
  runTask(task: Task, p, rng): TrainResult | BaselineResult {
    return task.kind === 'train' ? runTrain(task, p, rng) : runBaseline(p);
  },
  summarize(p, results, ctx) {
    const baseline = results.find((r): r is BaselineResult => r.kind === 'baseline')!;
    const runs = results.filter((r): r is TrainResult => r.kind === 'train');
    const nTest = p.test;
    const classMeanRight = sum(baseline.classMean);
    const nearestRight = sum(baseline.nearest);
    const rows: Row[] = [];
    const checks: Check[] = [];
    const runRows: Row[] = [];
    const curveRows: Row[] = [];
    p.degrees.forEach((n, k) => {
      const mine = runs.filter((r) => r.degree === n);
      const oneShotRight = sum(baseline.oneShot[k]!);
      const candidates = [
        { name: 'nearest class mean', right: classMeanRight, correct: baseline.classMean },
        { name: 'nearest training image', right: nearestRight, correct: baseline.nearest },
        { name: 'one-shot dense memory', right: oneShotRight, correct: baseline.oneShot[k]! },
      ];
      const best = candidates.reduce((a, b) => (b.right > a.right ? b : a));
      const errors = mine.map((r) => r.testError);
      const pooledWrong = Math.round(sum(errors) * nTest);
      const interval = mine.length === 1 ? wilsonInterval(pooledWrong, nTest) : tInterval(errors);
      const corr = mine.flatMap((r) => r.correlation);
      const sat = mine.flatMap((r) => r.saturated);
      const tests = mine.map((r) => discordant(r.correct, best.correct));
      // McNemar z of the trained memory against each baseline, the smallest over trials.
      const zAgainst = (correct: Uint8Array): number => Math.min(...mine.map((r) => {
        const { b, c } = discordant(r.correct, correct);
        return b + c > 0 ? (b - c) / Math.sqrt(b + c) : -Infinity;
      }));
      rows.push({
        n, memories: p.memories, epochs: p.epochs, train: p.train, test: nTest, trials: mine.length,
        testError: mean(errors), testErrorLo: interval.lo, testErrorHi: interval.hi, trainError: mean(mine.map((r) => r.trainError)),
        oneShotError: 1 - oneShotRight / nTest, bestBaseline: best.name, bestBaselineError: 1 - best.right / nTest,
        mcnemarB: tests[0]?.b ?? null, mcnemarC: tests[0]?.c ?? null, mcnemarZ: zAgainst(best.correct),
        zClassMean: zAgainst(baseline.classMean), zNearest: zAgainst(baseline.nearest), zOneShot: zAgainst(baseline.oneShot[k]!),
        correlation: mean(corr), correlationSe: se(corr), saturated: mean(sat), saturatedSe: se(sat),
        oneLabel: mine.flatMap((r) => r.oneLabel).filter(Boolean).length / (mine.length * p.memories),
      });
      for (const r of mine) {
        runRows.push({ n, trial: r.trial, testError: r.testError, trainError: r.trainError, correlation: mean(r.correlation), saturated: mean(r.saturated) });
        for (const c of r.curve) curveRows.push({ n, trial: r.trial, epoch: c.epoch, trainError: c.trainError, testError: c.testError });
      }
    });
    // The claims are checked at the notebook's degree n = 20 (else the largest degree run); the
    // table reports the same McNemar z at every degree.
    const refDegree = p.degrees.includes(KROTOV_HOPFIELD_2016.degree) ? KROTOV_HOPFIELD_2016.degree : Math.max(...p.degrees);
    const ref = rows.find((r) => r.n === refDegree)!;
    const at = `n = ${refDegree}${refDegree === KROTOV_HOPFIELD_2016.degree ? " (the notebook's degree)" : " (n = 20 is not run: the largest degree)"}`;
    const mcnemar = 'McNemar test on the paired predictions, in every trial: (b - c) / sqrt(b + c) > 2 (one-sided p < 0.025), b and c the test digits only the trained memory or only the baseline gets right';
    // The claim (issue 17) is against the Hebbian / one-shot baselines of the same memory model.
    // 1-NN, which keeps every training digit (train / K times the trained memories), is a
    // stronger non-parametric reference: the table and the summary report it (zNearest), it is
    // not a check.
    const versus = [
      { name: 'the Hebbian class-mean templates (nearest class mean)', error: 1 - classMeanRight / nTest, z: ref.zClassMean as number },
      { name: `a one-shot dense memory storing all ${p.train} training digits under the same F and T`, error: ref.oneShotError as number, z: ref.zOneShot as number },
    ];
    for (const v of versus) {
      checks.push({
        claim: `${at}: the trained dense memory (K = ${p.memories}) classifies the ${nTest} test digits better than ${v.name}, on the same subset (Krotov and Hopfield 2016, Sec. 3)`,
        measured: `${(100 * (ref.testError as number)).toFixed(1)}% error (McNemar z = ${v.z.toFixed(1)})`,
        theory: `< ${(100 * v.error).toFixed(1)}%`,
        pass: v.z > 2,
        criterion: mcnemar,
      });
    }
    const hi = rows.reduce((a, b) => ((b.n as number) > (a.n as number) ? b : a));
    const small = rows.reduce((a, b) => ((b.n as number) < (a.n as number) ? b : a));
    if (hi !== small) {
      const gap = (hi.correlation as number) - (small.correlation as number);
      const gapSe = Math.hypot(hi.correlationSe as number, small.correlationSe as number);
      checks.push({
        claim: `memories turn from features into prototypes as n grows (Krotov and Hopfield 2016, Fig. 3): the best correlation of a memory with a class-mean digit is larger at n = ${hi.n} than at n = ${small.n}`,
        measured: `${(hi.correlation as number).toFixed(3)} vs ${(small.correlation as number).toFixed(3)}`,
        theory: 'larger at large n',
        pass: gap > 2 * gapSe,
        criterion: `difference of the means over memories above 2 standard errors (${(2 * gapSe).toPrecision(2)})`,
      });
    }

    const degreeTicks = p.degrees.length >= 3 ? { ticks: [...p.degrees].sort((a, b) => a - b) } : {};
    const xAxis = { title: 'degree n of F(x) = max(x, 0)ⁿ', scale: 'log' as const, ...degreeTicks };
    const bars = (right: number): { lo: number; hi: number } => {
      const w = wilsonInterval(nTest - right, nTest);
      return { lo: w.lo, hi: w.hi };
    };
    const errorSeries: ChartSeries[] = [
      { name: `trained dense memory (K = ${p.memories})`, kind: 'measured', connect: true, points: rows.map((r) => ({ x: r.n as number, y: r.testError as number, lo: r.testErrorLo as number, hi: r.testErrorHi as number })) },
      { name: `one-shot dense memory (all ${p.train} training digits)`, kind: 'measured', connect: true, points: p.degrees.map((n, k) => ({ x: n, y: 1 - sum(baseline.oneShot[k]!) / nTest, ...bars(sum(baseline.oneShot[k]!)) })) },
      { name: 'nearest training digit (1-NN)', kind: 'measured', connect: true, points: p.degrees.map((n) => ({ x: n, y: 1 - nearestRight / nTest, ...bars(nearestRight) })) },
      { name: 'nearest class mean (Hebbian templates)', kind: 'measured', connect: true, points: p.degrees.map((n) => ({ x: n, y: 1 - classMeanRight / nTest, ...bars(classMeanRight) })) },
    ];
    const plots: Plot[] = [
      {
        name: 'test-error-vs-degree',
        title: 'Test error against the degree n',
        spec: measuredTheoryChart({
          title: 'Digits: trained dense memory against one-shot and Hebbian baselines',
          interval: ctx.trials === 1 ? `bars: 95% Wilson intervals over the ${nTest} test digits` : `bars: trained, 95% t interval over ${ctx.trials} trainings; baselines, 95% Wilson over ${nTest} test digits`,
          notes: [`${p.train} training and ${nTest} test digits; T = ${p.temperature} (β = 1/Tⁿ), ${p.epochs} epochs, minibatch ${p.batchSize}, m = ${p.lossPower}`],
          x: xAxis,
          y: { title: 'test error', domain: [0, Math.min(1, 1.1 * Math.max(...errorSeries.flatMap((s) => s.points.map((q) => q.hi ?? q.y))))] },
          series: errorSeries,
        }),
      },
      {
        name: 'prototype-vs-degree',
        title: 'Prototype-ness of the memories against the degree n',
        spec: measuredTheoryChart({
          title: 'From features to prototypes: what the memories look like against n',
          interval: `bars: mean ± 2 SE over the ${p.memories * ctx.trials} memories`,
          x: xAxis,
          y: { title: 'mean over memories', domain: [0, 1] },
          series: [
            { name: 'best correlation with a class-mean digit', kind: 'measured', connect: true, points: rows.map((r) => ({ x: r.n as number, y: r.correlation as number, lo: (r.correlation as number) - 2 * (r.correlationSe as number), hi: (r.correlation as number) + 2 * (r.correlationSe as number) })) },
            { name: 'fraction of pixels at ±1', kind: 'measured', connect: true, points: rows.map((r) => ({ x: r.n as number, y: r.saturated as number, lo: (r.saturated as number) - 2 * (r.saturatedSe as number), hi: (r.saturated as number) + 2 * (r.saturatedSe as number) })) },
            { name: 'fraction of memories with one positive label weight', kind: 'measured', connect: true, points: rows.map((r) => ({ x: r.n as number, y: r.oneLabel as number })) },
          ],
        }),
      },
      {
        name: 'training-curves',
        title: 'Test error during training',
        spec: measuredTheoryChart({
          title: 'Test error during training, one curve per degree n',
          interval: 'trial 0; no bars',
          x: { title: 'epoch', integer: true },
          y: { title: 'test error', scale: 'log' },
          series: p.degrees.map((n) => ({ name: `n = ${n}`, kind: 'measured' as const, connect: true, points: curveRows.filter((c) => c.n === n && c.trial === 0).map((c) => ({ x: c.epoch as number, y: c.testError as number })) })),
        }),
      },
    ];
    for (const r of runs) {
      if (!r.grid) continue;
      const captions = r.grid.classes.map((c, k) => `${k + 1}: ${c} (${r.grid!.correlation[k]!.toFixed(2)})`);
      plots.push({
        name: `memories-n${r.degree}`,
        title: `Learned memories at n = ${r.degree}`,
        spec: memoryGridSpec(`Learned memories, n = ${r.degree}`, r.grid.images, captions, Math.min(10, captions.length)),
      });
    }
    return {
      rows,
      tables: { runs: runRows, curves: curveRows },
      checks,
      plots,
      summary: `A dense associative memory of K = ${p.memories} memories over 784 pixel and 10 label neurons is trained as a classifier with the algorithm of Krotov and Hopfield (2016) as in the authors' notebook (pixels 2x - 1; Y_c = tanh(β Σ_μ [F(ξ^μ · v_c) - F(ξ^μ · u)]), F(x) = max(x, 0)^n, β = 1/T^n with T = ${p.temperature}; loss Σ (t - Y)^${2 * p.lossPower}; momentum ${p.momentum}; each memory's largest step equal to the learning rate ${p.learningRate} decaying by ${p.decay} per epoch; memories clipped to [-1, 1]), on ${p.train} digits of the mnist package for ${p.epochs} epochs (minibatch ${p.batchSize}), and tested on ${nTest} other digits. Baselines on the same subset: the nearest class mean (Hebbian templates), the nearest training digit (every example stored one-shot), and a one-shot dense memory storing every training digit with the same F and T. Test error ${rows.map((r) => `${(100 * (r.testError as number)).toFixed(1)}% at n = ${r.n}`).join(', ')}; best baseline ${(100 * Math.min(1 - classMeanRight / nTest, 1 - nearestRight / nTest, ...baseline.oneShot.map((o) => 1 - sum(o) / nTest))).toFixed(1)}%. Prototype-ness: the mean best correlation of a memory with a class-mean digit is ${(small.correlation as number).toFixed(2)} at n = ${small.n} and ${(hi.correlation as number).toFixed(2)} at n = ${hi.n}; ${(100 * (small.saturated as number)).toFixed(0)}% and ${(100 * (hi.saturated as number)).toFixed(0)}% of the pixels sit at ±1. ${(ref.zNearest as number) > 2 ? '' : `At n = ${refDegree} the trained memory does not beat 1-NN significantly here (McNemar z = ${(ref.zNearest as number).toFixed(1)}): 1-NN keeps all ${p.train} digits, ${Math.round(p.train / p.memories)} times the trained memories, and a clear margin needs more data or epochs than this run. `}The full protocol of the paper (300 epochs, minibatches of 1000, all digits available) is --set train=9000 --set test=1000 --set epochs=300 --set batchSize=1000 (the mnist package holds 10,000 digits, not the 70,000 of MNIST).`,
    };
  },
});
