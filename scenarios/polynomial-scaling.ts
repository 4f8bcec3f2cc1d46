import { z } from 'zod';
import { polynomial } from '../src/kernels/inner-product.js';
import { randomBipolar } from '../src/patterns/generate.js';
import { separatedBipolar } from '../src/patterns/structured.js';
import { measuredTheoryChart, type ChartSeries } from '../src/report/chart-spec.js';
import { tInterval } from '../src/report/intervals.js';
import { param } from '../src/scenario/params.js';
import { defineScenario, type Check, type Plot, type Row } from '../src/scenario/scenario.js';
import { capacitySearch } from '../src/search/capacity-search.js';
import { coverCapacity } from '../src/theory/cover.js';
import { denseErrorFreeCapacity, krotovHopfieldCapacity, oddDoubleFactorial, polynomialFeatureDimension } from '../src/theory/dense-capacity.js';
import { hebbian, kernelAdatron, trainCoefficients } from '../plasticity/index.js';
import { firstPatterns } from './lib/nested.js';
import { slopeFit } from './lib/slope-fit.js';
import { groupBy } from './lib/stats.js';

const sizes = (fallback: number[], max: number) => param.intList(fallback, { min: 4, max });

const params = z.object({
  hebbianDegrees: param.intList([1, 2, 3], { min: 1, max: 3 }),
  adatronDegrees: param.intList([1, 2], { min: 1, max: 3 }),
  rules: param.choiceList(['hebbian', 'adatron'] as const, ['hebbian', 'adatron']),
  hebbianN1: sizes([16, 32, 64, 128, 256], 4096),
  hebbianN2: sizes([16, 24, 32, 48, 64, 96], 512),
  hebbianN3: sizes([16, 24, 32, 40, 48], 128),
  adatronN1: sizes([16, 24, 32, 48, 64], 1024),
  adatronN2: sizes([10, 12, 14, 16], 64),
  adatronN3: sizes([8, 9, 10, 11, 12], 24),
  hebbianSets: param.int(4, { min: 1, max: 100 }),
  maxM: param.int(20000, { min: 8, max: 200000 }),
  maxEpochs: param.int(2000, { min: 10, max: 100000 }),
});
type Params = z.infer<typeof params>;
type Rule = 'hebbian' | 'adatron';

interface Task {
  readonly rule: Rule;
  readonly degree: number;
  readonly N: number;
  readonly trial: number;
}

interface TaskResult {
  readonly mMax: number;
  readonly censored: boolean;
  readonly calls: number;
}

function degreesOf(p: Params, rule: Rule): number[] {
  return rule === 'hebbian' ? p.hebbianDegrees : p.adatronDegrees;
}

function sizesFor(p: Params, rule: Rule, degree: number): number[] {
  const key = `${rule}N${degree}` as keyof Params;
  return p[key] as number[];
}

/** Largest M searched: 4x the finite-N A = 1 theory, or twice the feature dimension for max margin (Cover: P(separable) = 1/2 at M = 2D). */
function searchLimit(task: Task, p: Params): number {
  const limit = task.rule === 'hebbian'
    ? Math.ceil(4 * denseErrorFreeCapacity(task.N, task.degree)) + 16
    : 2 * polynomialFeatureDimension(task.N - 1, task.degree) + 16;
  return Math.min(p.maxM, limit);
}

/** Asymptotic theory for a row: Krotov-Hopfield for A = 1, Cover's count in feature dimension for max margin. */
function theory(rule: Rule, n: number, degree: number): { asymptotic: number; finite: number } {
  if (rule === 'hebbian') return { asymptotic: krotovHopfieldCapacity(n, degree), finite: denseErrorFreeCapacity(n, degree) };
  const d = polynomialFeatureDimension(n - 1, degree);
  return { asymptotic: (2 * (n - 1) ** degree) / factorial(degree), finite: coverCapacity({ inputs: d, neurons: n }) };
}

function factorial(k: number): number {
  let v = 1;
  for (let j = 2; j <= k; j++) v *= j;
  return v;
}

const ruleLabel = (rule: Rule): string => (rule === 'hebbian' ? 'A = 1' : 'Kernel-Adatron');

/** A degree as a superscript, for chart labels (h², h³). */
const sup = (k: number): string => String(k).replace(/\d/g, (c) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(c)]!);

export default defineScenario({
  name: 'polynomial-scaling',
  description: 'Error-free capacity vs N for the homogeneous polynomial kernel h^p: A = 1 (Krotov-Hopfield N^p / (2 (2p-1)!! ln N)) and Kernel-Adatron (Cover count in feature dimension ~ 2 N^p / p!)',
  defaultTrials: 3,
  params,
  tasks(p, ctx) {
    const tasks: Task[] = [];
    for (const rule of p.rules) for (const degree of degreesOf(p, rule)) for (const N of sizesFor(p, rule, degree)) for (let trial = 0; trial < ctx.trials * (rule === 'hebbian' ? p.hebbianSets : 1); trial++) tasks.push({ rule, degree, N, trial });
    return tasks;
  },
  runTask(task: Task, p, rng): TaskResult {
    // Max margin: no two patterns equal or opposite on any N - 1 neurons (Hamming distance in
    // [2, N - 2]); such pairs have equal or opposite features under h^p, and a neuron cannot
    // separate them whatever the rule. They are common at the small N a max-margin search affords
    // (about M^2 N 2^-N pairs) and vanish as N grows; A = 1 runs at larger N on plain random sets.
    const X = task.rule === 'hebbian'
      ? randomBipolar({ count: searchLimit(task, p), dim: task.N }, rng.child('patterns'))
      : separatedBipolar({ count: searchLimit(task, p), dim: task.N, minDistance: 2, maxDistance: task.N - 2, allowFewer: true }, rng.child('patterns')).patterns;
    const limit = X.count;
    const kernel = polynomial({ degree: task.degree });
    const rule = task.rule === 'hebbian' ? hebbian() : kernelAdatron({ tol: 1e-2 });
    // Fixed points: every neuron reproduces its bit of each of the first M patterns (min y h > 0).
    const storable = (m: number): boolean => {
      const { reports } = trainCoefficients(firstPatterns(X, m), kernel, rule, { maxEpochs: p.maxEpochs, rng: rng.child(`order:${m}`) });
      return reports.every((r) => r.separates);
    };
    const start = Math.max(1, Math.floor(task.rule === 'hebbian' ? denseErrorFreeCapacity(task.N, task.degree) / 2 : polynomialFeatureDimension(task.N - 1, task.degree) / 2));
    const r = capacitySearch(storable, { start, max: limit });
    return { mMax: r.mMax, censored: r.censored, calls: r.calls.length };
  },
  // N M^2 kernel entries per search step near capacity; Kernel-Adatron sweeps them for ~100 epochs.
  taskCost: (task: Task) => (task.rule === 'adatron' ? 100 * task.N * (2 * polynomialFeatureDimension(task.N - 1, task.degree)) ** 2 : task.N * denseErrorFreeCapacity(task.N, task.degree) ** 2),
  // A = 1 searches are cheap and their M_max is heavy-tailed: hebbianSets pattern sets per trial.
  summarize(p, results: TaskResult[], ctx) {
    const joined = this.tasks(p, ctx).map((t, k) => ({ ...t, ...results[k]! }));
    const rows: Row[] = [];
    for (const g of groupBy(joined, (r) => `${r.rule}|${r.degree}|${r.N}`).values()) {
      const { rule, degree, N } = g[0]!;
      const ci = tInterval(g.map((x) => x.mMax));
      const th = theory(rule, N, degree);
      rows.push({
        rule, degree, energyPower: degree + 1, N, mMax: ci.estimate, lo: ci.lo, hi: ci.hi, trials: g.length,
        censored: g.filter((x) => x.censored).length, theoryFinite: th.finite, theoryAsymptotic: th.asymptotic,
        ratioFinite: ci.estimate / th.finite,
        featureDim: polynomialFeatureDimension(N - 1, degree),
      });
    }
    const fits: Row[] = [];
    const checks: Check[] = [];
    for (const rule of p.rules) {
      for (const degree of degreesOf(p, rule)) {
        const pts = joined.filter((r) => r.rule === rule && r.degree === degree && r.mMax > 0 && !r.censored);
        const ns = [...new Set(pts.map((r) => r.N))].sort((a, b) => a - b);
        if (ns.length < 2) continue;
        const fit = slopeFit(pts.map((r) => Math.log(r.N)), pts.map((r) => Math.log(r.mMax)));
        const finite = slopeFit(ns.map(Math.log), ns.map((n) => Math.log(theory(rule, n, degree).finite)));
        const asym = slopeFit(ns.map(Math.log), ns.map((n) => Math.log(theory(rule, n, degree).asymptotic)));
        // Prefactor with the exponent fixed at p: A = 1, M ln N / N^p against 1 / (2 (2p-1)!!);
        // max margin, M / N^p against 2 / p! (Cover: M ~ 2D, D ~ N^p / p!).
        const scaled = pts.map((r) => (rule === 'hebbian' ? (r.mMax * Math.log(r.N)) / r.N ** degree : r.mMax / r.N ** degree));
        const largest = pts.filter((r) => r.N === ns[ns.length - 1]);
        const prefactor = tInterval(largest.map((r) => (rule === 'hebbian' ? (r.mMax * Math.log(r.N)) / r.N ** degree : r.mMax / r.N ** degree)));
        const prefactorTheory = rule === 'hebbian' ? 1 / (2 * oddDoubleFactorial(degree)) : 2 / factorial(degree);
        fits.push({
          rule, degree, energyPower: degree + 1, nMin: ns[0]!, nMax: ns[ns.length - 1]!, points: fit.n,
          exponent: fit.slope, exponentLo: fit.lo, exponentHi: fit.hi, asymptoticExponent: degree,
          finiteTheoryExponent: finite.slope, asymptoticCurveExponent: asym.slope,
          prefactorAtLargestN: prefactor.estimate, prefactorLo: prefactor.lo, prefactorHi: prefactor.hi, prefactorTheory,
          prefactorMeanAllN: scaled.reduce((a, b) => a + b, 0) / scaled.length,
        });
        const within = finite.slope >= fit.lo && finite.slope <= fit.hi;
        checks.push({
          claim: `${ruleLabel(rule)}, kernel h^${degree}: fitted exponent of M_max(N) (N = ${ns[0]}..${ns[ns.length - 1]}) matches the finite-N theory's slope over the same N (asymptotically ${degree})`,
          measured: `${fit.slope.toFixed(3)} [${fit.lo.toFixed(3)}, ${fit.hi.toFixed(3)}]`,
          theory: `${finite.slope.toFixed(3)} (${rule === 'hebbian' ? 'saddle-point crosstalk tail, all N M bits stable' : "Cover's count in D = sum C(N-1, s)"}); ${degree} as N -> infinity; ${asym.slope.toFixed(3)} for ${rule === 'hebbian' ? 'N^p / (2 (2p-1)!! ln N)' : '2 N^p / p!'} over these N`,
          pass: within,
          criterion: 'the finite-N theory slope lies in the 95% OLS t interval of log M_max on log N (every trial a point)',
        });
        if (rule === 'hebbian') {
          checks.push({
            claim: `A = 1, kernel h^${degree}: the exponent is above ${degree - 1}, so M_max is not O(N^(p-1)) in the kernel degree p (N^(n-1) holds for the energy power n = p + 1)`,
            measured: `${fit.slope.toFixed(3)} [${fit.lo.toFixed(3)}, ${fit.hi.toFixed(3)}]`,
            theory: `> ${degree - 1}`,
            pass: fit.lo > degree - 1,
            criterion: 'the lower end of the 95% interval exceeds p - 1',
          });
        } else {
          const ratios = rows.filter((r) => r.rule === rule && r.degree === degree).map((r) => r.ratioFinite as number);
          const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
          checks.push({
            claim: `Kernel-Adatron, kernel h^${degree}: M_max reaches Cover's count in feature dimension D = sum_{s <= p, s = p mod 2} C(N-1, s)`,
            measured: mean,
            theory: 1,
            pass: mean >= 0.8 && mean <= 1.1,
            criterion: 'mean of M_max / Cover over the N run in [0.8, 1.1]: bipolar monomials are not in general position (fewer dichotomies than Cover counts, ratio < 1), and the KKT tolerance 1e-2 and epoch cap stop some searches early',
          });
        }
      }
    }
    const plots: Plot[] = [];
    for (const rule of p.rules) {
      const series: ChartSeries[] = [];
      for (const degree of degreesOf(p, rule)) {
        const rr = rows.filter((r) => r.rule === rule && r.degree === degree);
        if (rr.length === 0) continue;
        const name = `k(h) = h${sup(degree)}`;
        series.push({ name, kind: 'measured', connect: false, points: rr.map((r) => ({ x: r.N as number, y: r.mMax as number, lo: r.lo as number, hi: r.hi as number })) });
        const ns = rr.map((r) => r.N as number);
        const fine = [...new Set(Array.from({ length: 12 }, (_, k) => Math.round(ns[0]! * (ns[ns.length - 1]! / ns[0]!) ** (k / 11))))];
        series.push({ name: `${name}: ${rule === 'hebbian' ? 'saddle-point crosstalk, finite N' : "Cover's count, finite N"}`, kind: 'theory', colorOf: name, points: fine.map((n) => ({ x: n, y: theory(rule, n, degree).finite })) });
        series.push({ name: `${name}: ${rule === 'hebbian' ? 'Nᵖ / (2 (2p−1)!! ln N)' : '2 Nᵖ / p!'}`, kind: 'theory', colorOf: name, dashed: true, points: fine.map((n) => ({ x: n, y: theory(rule, n, degree).asymptotic })) });
      }
      if (series.length === 0) continue;
      plots.push({
        name: `capacity-vs-n-${rule}`,
        title: `Error-free capacity against N, ${ruleLabel(rule)}`,
        spec: measuredTheoryChart({
          title: `Error-free capacity M_max against N: ${ruleLabel(rule)}, kernel k(h) = hᵖ`,
          interval: `bars: 95% t interval over ${ctx.trials * (rule === 'hebbian' ? p.hebbianSets : 1)} pattern sets`,
          x: { title: 'N (neurons)', scale: 'log', integer: true },
          y: { title: 'M_max (patterns stored as fixed points)', scale: 'log' },
          series,
        }),
      });
    }
    return {
      rows,
      tables: { fits },
      checks,
      plots,
      summary: 'M_max is the largest M for which every one of M random bipolar patterns (nested sets) is a fixed point of the recurrent network with the homogeneous polynomial kernel k(h) = h^p, found by binary search. ' +
        'With A = 1 (the dense associative memory of Krotov and Hopfield 2016 with energy F(x) = x^(p+1), since kmn\'s kernel is F\') theory gives M_max ~ N^p / (2 (2p-1)!! ln N): the exponent is the kernel degree p, which is Krotov-Hopfield\'s n - 1 for F(x) = x^n. ' +
        'Trained by Kernel-Adatron (max margin) each neuron separates up to Cover\'s count in its feature dimension D = sum_{s <= p, s = p mod 2} C(N-1, s) ~ N^p / p!, so M_max ~ 2 N^p / p!, the same exponent with a far larger prefactor. ' +
        'At the sizes run here the ln N factor, the heavy tail of the h^p crosstalk and the lower-order terms of D bend the curves: the fitted exponents are compared with the slope of the finite-N theory over the same N (table fits), next to the asymptotic p. ' +
        'The finite-N A = 1 theory counts all N M bits stable with a saddle-point (Lugannani-Rice) tail of the crosstalk sum on its exact cumulant generating function; a Gaussian tail overestimates M_max by up to 25% for p = 3 at these N. ' +
        'Max-margin pattern sets exclude pairs equal or opposite on N - 1 neurons (distance in [2, N - 2]), which no rule can separate under h^p.',
    };
  },
});
