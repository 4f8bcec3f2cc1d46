import { z } from 'zod';
import {
  binomial, coverCapacity, defineScenario, linear, param, patternRow, pointNeuron, polynomial, pyramidalNeuron, randomBipolar,
  recurrentNetwork, sigmaPiNeuron, type BipolarPatterns, type Check, type Kernel, type Plot, type Rng, type Row,
} from '../index.js';
import { measuredTheoryChart } from '../src/report/chart-spec.js';
import { tInterval } from '../src/report/intervals.js';
import { fit, kernelAdatron, minStability, recurrentProblems, trainCoefficients } from '../plasticity/index.js';
import { largestStorable } from '../src/search/capacity-search.js';
import { firstPatterns } from './lib/nested.js';
import { groupBy, meanStd } from './lib/stats.js';

const params = z.object({
  N: param.intList([10, 12, 14], { min: 6, max: 16 }),
  degree: param.int(2, { min: 2, max: 4 }),
  maxEpochs: param.int(2000, { min: 10, max: 100_000 }),
});

interface Task {
  readonly N: number;
  readonly trial: number;
}

interface TaskResult {
  readonly mMaxPoint: number;
  readonly mMaxDendritic: number;
  /** Largest |field(sigma-pi) - field(pyramidal)| relative to 1 + |field|, over all neurons and test states. */
  readonly fieldMaxDiff: number;
  /** The same for the point neuron (synaptic weights) against the linear kernel form. */
  readonly pointFieldDiff: number;
  /** Whether the sigma-pi network stores exactly the patterns the pyramidal network stores at M_max. */
  readonly sameFixedPoints: boolean;
}

/** Monomials of degree <= p in N - 1 inputs: the sigma-pi unit's feature dimension. */
function featureDim(n: number, p: number): number {
  let d = 0;
  for (let s = 0; s <= p; s++) d += binomial(n - 1, s);
  return d;
}

/**
 * Up to `count` random bipolar patterns at pairwise Hamming distance >= 2, drawn one after
 * another (so the sets are nested). Two patterns differing only in bit i would give neuron i the
 * same input with opposite targets, which no kernel separates; at N <= 16 random patterns hit
 * that limit long before the feature-space capacity. A greedy draw can exhaust the cube before
 * `count` (at most 2^(N-1) patterns fit), so it stops after `100 count` rejected draws.
 */
function separatedPatterns(count: number, n: number, rng: Rng): BipolarPatterns {
  const data = new Int8Array(count * n);
  let m = 0;
  for (let rejected = 0; m < count && rejected < 100 * count;) {
    const candidate = randomBipolar({ count: 1, dim: n }, rng).data;
    let ok = true;
    for (let nu = 0; nu < m && ok; nu++) {
      let d = 0;
      for (let j = 0; j < n && d < 2; j++) if (data[nu * n + j] !== candidate[j]) d++;
      if (d < 2) ok = false;
    }
    if (ok) data.set(candidate, (m++) * n);
    else rejected++;
  }
  return { kind: 'bipolar', count: m, dim: n, data: data.subarray(0, m * n) };
}

export default defineScenario({
  name: 'dendrites',
  description: 'One memory through point, sigma-pi and pyramidal neurons: equal fields, and the capacity dendritic nonlinearity adds',
  defaultTrials: 4,
  params,
  tasks: (p, ctx) => p.N.flatMap((N) => Array.from({ length: ctx.trials }, (_, trial): Task => ({ N, trial }))),
  taskCost: (task: Task, p) => featureDim(task.N, p.degree) ** 2,
  runTask(task: Task, p, rng): TaskResult {
    const n = task.N;
    const dendritic = polynomial({ degree: p.degree, c: 1 });
    const X = separatedPatterns(3 * featureDim(n, p.degree), n, rng.child('patterns'));
    const limit = X.count;
    const rule = kernelAdatron({ tol: 1e-2 });
    /**
     * Whether every neuron separates its examples (the first M patterns as fixed points):
     * Kernel-Adatron in chunks of 10 epochs, stopping at the first chunk with every stability
     * `y^mu h^mu > 0` and at the first neuron that is still not separated after `maxEpochs`
     * (non-separability is only ever inferred from the budget, a small downward bias near M_max).
     */
    const storable = (kernel: Kernel) => (m: number): boolean => {
      const source = recurrentProblems(firstPatterns(X, m), kernel, { bias: false });
      const gram = new Float64Array(m * m);
      for (let i = 0; i < n; i++) {
        const problem = source.problem(i, gram);
        const state = rule.init(problem);
        const order = rng.child(`order:${kernel.name}:${m}:${i}`);
        let separated = false;
        for (let epochs = 0; epochs < p.maxEpochs && !separated; epochs += 10) {
          fit(rule, problem, state, { maxEpochs: 10, rng: order });
          separated = minStability(problem, state) > 0;
          if (state.converged) break;
        }
        if (!separated) return false;
      }
      return true;
    };
    const mMaxPoint = largestStorable(storable(linear()), { start: Math.max(1, Math.floor(n / 2)), max: Math.min(limit, 4 * n) });
    const mMaxDendritic = largestStorable(storable(dendritic), { start: n, max: limit });
    // The same trained memory through both dendritic neuron models.
    const stored = firstPatterns(X, Math.max(1, mMaxDendritic));
    const { alpha, theta } = trainCoefficients(stored, dendritic, rule, { maxEpochs: p.maxEpochs, rng: rng.child('train') });
    const modelRng = rng.child('models');
    const sigma = recurrentNetwork({ patterns: stored, kernel: dendritic, alpha, theta, neuron: sigmaPiNeuron({ degree: p.degree, c: 1 }), rng: modelRng });
    const pyramid = recurrentNetwork({ patterns: stored, kernel: dendritic, alpha, theta, neuron: pyramidalNeuron({ kernel: dendritic }), rng: modelRng });
    // The point neuron's memory: its synaptic weights against the linear kernel form (fast path).
    const pointStored = firstPatterns(X, Math.max(1, mMaxPoint));
    const pointCoefficients = trainCoefficients(pointStored, linear(), rule, { maxEpochs: p.maxEpochs, rng: rng.child('train-point') });
    const point = recurrentNetwork({ patterns: pointStored, kernel: linear(), alpha: pointCoefficients.alpha, theta: pointCoefficients.theta, neuron: pointNeuron(), rng: modelRng });
    const pointKernel = recurrentNetwork({ patterns: pointStored, kernel: linear(), alpha: pointCoefficients.alpha, theta: pointCoefficients.theta });
    let fieldMaxDiff = 0;
    let pointFieldDiff = 0;
    const probe = rng.child('states');
    for (let t = 0; t < 10; t++) {
      const s = patternRow(randomBipolar({ count: 1, dim: n }, probe), 0);
      const a = sigma.fields(s);
      const b = pyramid.fields(s);
      for (let i = 0; i < n; i++) fieldMaxDiff = Math.max(fieldMaxDiff, Math.abs(a[i]! - b[i]!) / (1 + Math.abs(b[i]!)));
      const c = point.fields(s);
      const d = pointKernel.fields(s);
      for (let i = 0; i < n; i++) pointFieldDiff = Math.max(pointFieldDiff, Math.abs(c[i]! - d[i]!) / (1 + Math.abs(d[i]!)));
    }
    let sameFixedPoints = true;
    for (let mu = 0; mu < stored.count; mu++) if (sigma.isFixedPoint(patternRow(stored, mu)) !== pyramid.isFixedPoint(patternRow(stored, mu))) sameFixedPoints = false;
    return { mMaxPoint, mMaxDendritic, fieldMaxDiff, pointFieldDiff, sameFixedPoints };
  },
  summarize(p, results: TaskResult[], ctx) {
    const tasks = this.tasks(p, ctx);
    const joined = tasks.map((t, k) => ({ ...t, ...results[k]! }));
    const rows: Row[] = [];
    const checks: Check[] = [];
    for (const group of groupBy(joined, (g) => String(g.N)).values()) {
      const n = group[0]!.N;
      const point = meanStd(group.map((g) => g.mMaxPoint));
      const dend = meanStd(group.map((g) => g.mMaxDendritic));
      const diff = Math.max(...group.map((g) => g.fieldMaxDiff));
      const pointDiff = Math.max(...group.map((g) => g.pointFieldDiff));
      const dim = featureDim(n, p.degree);
      const theoryPoint = coverCapacity({ inputs: n - 1, neurons: n });
      const theoryDend = coverCapacity({ inputs: dim, neurons: n });
      rows.push({ model: 'point', N: n, degree: 1, mMax: point.mean, mMaxStd: point.std, alphaC: point.mean / n, featureDim: n - 1, theoryMMax: theoryPoint, fieldMaxDiff: pointDiff, trials: group.length });
      for (const model of ['sigma-pi', 'pyramidal']) {
        rows.push({ model, N: n, degree: p.degree, mMax: dend.mean, mMaxStd: dend.std, alphaC: dend.mean / n, featureDim: dim, theoryMMax: theoryDend, fieldMaxDiff: diff, trials: group.length });
      }
      checks.push({
        claim: `N = ${n}: sigma-pi (feature form) and pyramidal (kernel form) fields agree`,
        measured: diff,
        theory: 0,
        pass: diff < 1e-9 && group.every((g) => g.sameFixedPoints),
        criterion: 'max |difference| / (1 + |field|) below 1e-9, and the same stored patterns are fixed points',
      });
      checks.push({
        claim: `N = ${n}: point neurons (synaptic weights w_ij) and the linear kernel form give the same fields`,
        measured: pointDiff,
        theory: 0,
        pass: pointDiff < 1e-9,
        criterion: 'max |difference| / (1 + |field|) below 1e-9',
      });
      const se = Math.hypot(point.std, dend.std) / Math.sqrt(group.length);
      checks.push({
        claim: `N = ${n}: degree-${p.degree} dendrites store more patterns than point neurons`,
        measured: `${dend.mean.toFixed(1)} vs ${point.mean.toFixed(1)}`,
        theory: `feature dimension ${dim} vs ${n - 1}`,
        pass: dend.mean - point.mean > 3 * se,
        criterion: 'difference of the trial means above 3 SE',
      });
      for (const [label, measured, theory, std] of [['point', point.mean, theoryPoint, point.std], [`degree-${p.degree} dendrites`, dend.mean, theoryDend, dend.std]] as const) {
        const tol = 3 * (std / Math.sqrt(group.length)) + 0.25 * theory;
        checks.push({
          claim: `N = ${n}: M_max of ${label} against Cover's count in the feature space`,
          measured,
          theory,
          pass: Math.abs(measured - theory) <= tol,
          criterion: `within 3 SE + 25% (${tol.toFixed(1)}): bipolar monomials are not in general position`,
        });
      }
    }
    const by = (model: string) => rows.filter((r) => r.model === model);
    const groups = [...groupBy(joined, (g) => String(g.N)).values()];
    const measuredSeries = (pick: (g: TaskResult) => number) => groups.map((g) => {
      const t = tInterval(g.map(pick));
      return { x: g[0]!.N, y: t.estimate, lo: t.lo, hi: t.hi };
    });
    const pointName = 'point neurons (linear kernel)';
    const dendriteName = `dendrites (h + 1)${p.degree === 2 ? '²' : p.degree === 3 ? '³' : '⁴'}`;
    const plots: Plot[] = [{
      name: 'dendrites-capacity',
      title: 'Capacity gained by dendritic nonlinearity',
      spec: measuredTheoryChart({
        title: `M_max of point neurons and degree-${p.degree} dendrites (Kernel-Adatron)`,
        interval: `points: mean over ${ctx.trials} pattern sets; bars: 95% t interval`,
        notes: ['theory: Cover\'s count of separable sets in each feature space (N − 1 inputs, or all monomials of degree ≤ p)'],
        x: { title: 'N (neurons)', integer: true },
        y: { title: 'M_max (patterns stored)', scale: 'log' },
        series: [
          { name: pointName, kind: 'measured', connect: true, points: measuredSeries((g) => g.mMaxPoint) },
          { name: dendriteName, kind: 'measured', connect: true, points: measuredSeries((g) => g.mMaxDendritic) },
          { name: 'Cover, point neurons', kind: 'theory', dashed: true, colorOf: pointName, points: by('point').map((r) => ({ x: r.N as number, y: r.theoryMMax as number })) },
          { name: 'Cover, dendrites', kind: 'theory', dashed: true, colorOf: dendriteName, points: by('pyramidal').map((r) => ({ x: r.N as number, y: r.theoryMMax as number })) },
        ],
      }),
    }];
    return {
      rows,
      checks,
      plots,
      summary: `The same memory, trained with Kernel-Adatron on the polynomial kernel (h + 1)^${p.degree}, runs through sigma-pi units (explicit multiplicative monomials) and two-layer pyramidal units (one dendritic subunit per pattern) with identical fields. Dendritic nonlinearity raises each neuron's feature dimension from N - 1 to sum_{s <= ${p.degree}} C(N - 1, s), and the capacity with it (Sec. 3.2 and 5 of the paper).`,
    };
  },
});
