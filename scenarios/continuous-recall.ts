import { z } from 'zod';
import {
  addGaussianNoise, chiSquareCdf, defineScenario, expBeta, expBetaCapacityBound, expBetaRecallProbability, gaussianPatterns,
  interpolationNetwork, param, patternRow, zeroTemperatureNetwork,
  type Check, type ContinuousNetwork, type ContinuousPatterns, type Plot, type Rng, type Row,
} from '../index.js';
import { measuredTheoryChart } from '../src/report/chart-spec.js';
import { tInterval, wilsonInterval } from '../src/report/intervals.js';
import { requireMemory } from '../src/scenario/params.js';
import { distance, linearFit, minPairwiseDistance2 } from './lib/geometry.js';
import { binomialSe, groupBy, meanStd } from './lib/stats.js';

const models = ['exp-beta', 'zero-temperature'] as const;

const params = z.object({
  /** Network sizes for the recall curve. */
  N: param.intList([64], { min: 2, max: 4096 }),
  /** Stored patterns per network in the recall part. */
  M: param.int(50, { min: 2, max: 5000 }),
  /** Radius of attraction; 0 (default) means r = sqrt(N / 8) = sqrt(2N) / 4, a quarter of the typical pattern distance. */
  r: param.number(0, { min: 0, max: 1000 }),
  /** Inverse temperature of the Exp_beta kernel; the paper's analysis is beta -> infinity. */
  beta: param.number(1000, { min: 0.01, max: 1e9 }),
  model: param.choice(models, 'exp-beta'),
  /** Noise variances; the threshold r^2 / N of each N is always added. */
  sigma2: param.numberList([0.06, 0.09, 0.11, 0.14, 0.16, 0.2], { min: 0, max: 100 }),
  /** Network sizes for the capacity part (Property 7). */
  capacityN: param.intList([8, 12, 16, 20, 24, 28, 32], { min: 2, max: 256 }),
  /** The noise variance sigma_max^2 the stored patterns must tolerate: r^2 = N sigma_max^2. */
  sigma2Max: param.number(0.125, { min: 0.001, max: 0.49 }),
  /** Largest M the capacity search tries (a run that reaches it is censored). */
  capacityLimit: param.int(20000, { min: 2, max: 200_000 }),
}).superRefine((p, ctx) => {
  // The capacity search keeps up to capacityLimit patterns (Float64, grown by doubling).
  requireMemory(ctx, 'capacityLimit', 16 * p.capacityLimit * Math.max(...p.capacityN), 'the stored patterns of the capacity search');
  requireMemory(ctx, 'M', 8 * p.M * p.M + 8 * p.M * Math.max(...p.N), `the ${p.M} x ${p.M} kernel matrix`);
});
type Params = z.infer<typeof params>;

type Task =
  | { readonly kind: 'recall'; readonly N: number; readonly sigma2: number; readonly trial: number }
  | { readonly kind: 'capacity'; readonly N: number; readonly trial: number };

interface RecallResult {
  readonly cues: number;
  readonly recalled: number;
  readonly agnostic: number;
  /** Cues with ||eps|| < r: recalled at beta -> infinity by Property 5.2. */
  readonly inside: number;
  /** Cues outside the fuzzy shell |‖eps‖/r - 1| <= 5 / beta whose outcome differs from Property 5.2. */
  readonly disagree: number;
  /** Cues outside that shell (the ones `disagree` counts over). */
  readonly decided: number;
  readonly separated: boolean;
  readonly resamples: number;
  readonly minDistance: number;
}

interface CapacityResult {
  readonly mMax: number;
  readonly censored: boolean;
  /** Every stored pattern recalled from a cue at distance 0.99 r (Property 5.2). */
  readonly verified: boolean;
  /** With the colliding pattern added, the midpoint cue of the close pair recalls neither. */
  readonly collisionFails: boolean;
}

/** The radius of attraction at size N: the parameter, or sqrt(N / 8) (threshold variance 1/8). */
export function radiusFor(p: Params, n: number): number {
  return p.r > 0 ? p.r : Math.sqrt(n / 8);
}

/** Relative half-width of the shell around r where finite beta blurs the basin boundary. */
function fuzz(p: Params): number {
  return p.model === 'zero-temperature' ? 0 : 5 / p.beta;
}

/** The noise variances run at size N: the list plus the Property 6 threshold r^2 / N. */
function sigma2sFor(p: Params, n: number): number[] {
  const r = radiusFor(p, n);
  const threshold = (r * r) / n;
  const all = p.sigma2.includes(threshold) ? [...p.sigma2] : [...p.sigma2, threshold];
  return all.sort((a, b) => a - b);
}

function buildNetwork(p: Params, patterns: ContinuousPatterns, r: number): ContinuousNetwork {
  return p.model === 'zero-temperature'
    ? zeroTemperatureNetwork({ patterns, r })
    : interpolationNetwork({ patterns, kernel: expBeta({ r, beta: p.beta }) });
}

/**
 * Gaussian patterns conditioned on Property 6's premise, min distance > 2r, by resampling the
 * whole set (so the accepted set has exactly the conditional distribution).
 */
function separatedPatterns(m: number, n: number, r: number, rng: Rng): { patterns: ContinuousPatterns; separated: boolean; resamples: number; minDistance: number } {
  let patterns = gaussianPatterns({ count: m, dim: n }, rng);
  let d2 = minPairwiseDistance2(patterns);
  let resamples = 0;
  while (d2 <= 4 * r * r && resamples < 50) {
    resamples++;
    patterns = gaussianPatterns({ count: m, dim: n }, rng);
    d2 = minPairwiseDistance2(patterns);
  }
  return { patterns, separated: d2 > 4 * r * r, resamples, minDistance: Math.sqrt(d2) };
}

function runRecall(task: Extract<Task, { kind: 'recall' }>, p: Params, rng: Rng): RecallResult {
  const n = task.N;
  const r = radiusFor(p, n);
  const { patterns, separated, resamples, minDistance } = separatedPatterns(p.M, n, r, rng.child('patterns'));
  const net = buildNetwork(p, patterns, r);
  const noise = rng.child('noise');
  const tol = 1e-3 * r;
  const w = fuzz(p);
  let recalled = 0;
  let agnostic = 0;
  let inside = 0;
  let disagree = 0;
  let decided = 0;
  // Every pattern is cued once with fresh noise. With patterns more than 2r apart the outcome
  // depends only on the noise (Property 5.2), so the M cues are independent Bernoulli trials.
  for (let mu = 0; mu < p.M; mu++) {
    const xi = patternRow(patterns, mu);
    const cue = addGaussianNoise(xi, task.sigma2, noise);
    const eps = distance(cue, xi) / r;
    const { state } = net.run(cue, { maxSteps: 50 });
    const ok = distance(state, xi) < tol;
    if (ok) recalled++;
    else if (Math.hypot(...state) < tol) agnostic++;
    if (eps < 1) inside++;
    if (Math.abs(eps - 1) > w) {
      decided++;
      if (ok !== eps < 1) disagree++;
    }
  }
  return { cues: p.M, recalled, agnostic, inside, disagree, decided, separated, resamples, minDistance };
}

function runCapacity(task: Extract<Task, { kind: 'capacity' }>, p: Params, rng: Rng): CapacityResult {
  const n = task.N;
  const r = Math.sqrt(n * p.sigma2Max);
  const limit = p.capacityLimit;
  // Patterns arrive one at a time (nested sets); the network stores the first M without error
  // iff no two of them are within 2r (Properties 5.2, 6): M_max is the count before the first
  // pattern that lands within 2r of an earlier one.
  const stream = rng.child('patterns');
  let data = new Float64Array(64 * n);
  let m = 0;
  let partner = -1;
  const fourR2 = 4 * r * r;
  while (m <= limit) {
    if ((m + 1) * n > data.length) {
      const bigger = new Float64Array(data.length * 2);
      bigger.set(data);
      data = bigger;
    }
    const base = m * n;
    for (let j = 0; j < n; j++) data[base + j] = stream.normal();
    for (let nu = 0; nu < m && partner < 0; nu++) {
      let d2 = 0;
      for (let j = 0; j < n; j++) d2 += (data[nu * n + j]! - data[base + j]!) ** 2;
      if (d2 <= fourR2) partner = nu;
    }
    if (partner >= 0) break;
    m++;
  }
  const censored = partner < 0;
  const mMax = Math.min(m, limit);
  // Verify with the network itself (Eq. 22, which is Eq. 20 exactly at beta -> infinity, where
  // K = I for patterns more than r apart): each stored pattern is recalled from a cue at 0.99 r
  // in a random direction.
  const stored: ContinuousPatterns = { kind: 'continuous', count: mMax, dim: n, data: data.subarray(0, mMax * n) };
  const verify = rng.child('verify');
  let verified = true;
  if (mMax > 0) {
    const net = zeroTemperatureNetwork({ patterns: stored, r });
    const u = new Float64Array(n);
    const cue = new Float64Array(n);
    for (let mu = 0; mu < mMax && verified; mu++) {
      const xi = patternRow(stored, mu);
      let norm = 0;
      for (let j = 0; j < n; j++) { u[j] = verify.normal(); norm += u[j]! ** 2; }
      const scale = (0.99 * r) / Math.sqrt(norm);
      for (let j = 0; j < n; j++) cue[j] = xi[j]! + scale * u[j]!;
      if (distance(net.run(cue, { maxSteps: 20 }).state, xi) >= 1e-3 * r) verified = false;
    }
  }
  // Adding the colliding pattern breaks error-free recall: the midpoint of the close pair is
  // within r of both, so the network mixes them and recalls neither.
  let collisionFails = true;
  if (!censored) {
    const all: ContinuousPatterns = { kind: 'continuous', count: mMax + 1, dim: n, data: data.subarray(0, (mMax + 1) * n) };
    const a = patternRow(all, partner);
    const b = patternRow(all, mMax);
    const mid = a.map((v, j) => (v + b[j]!) / 2);
    const end = zeroTemperatureNetwork({ patterns: all, r }).run(mid, { maxSteps: 20 }).state;
    collisionFails = distance(end, a) >= 1e-3 * r && distance(end, b) >= 1e-3 * r;
  }
  return { mMax, censored, verified, collisionFails };
}

/**
 * Mean of M_max under the Poisson ("birthday") approximation: the first m Gaussian patterns
 * have no pair within 2r with probability about exp(-m (m - 1) q / 2), q = P(||xi - xi'|| <= 2r)
 * = P(chi2_N <= 2 N sigma_max^2). E[M_max] = sum_{m >= 1} P(M_max >= m).
 */
export function birthdayMeanCapacity(n: number, sigma2Max: number): number {
  const q = chiSquareCdf(2 * n * sigma2Max, n);
  let sum = 0;
  for (let m = 1; m < 1e7; m++) {
    const term = Math.exp((-m * (m - 1) * q) / 2);
    sum += term;
    if (term < 1e-12) break;
  }
  return sum;
}

export default defineScenario({
  name: 'continuous-recall',
  description: 'Exp_beta network: recall against white-noise variance (Property 6) and exponential capacity against N (Property 7, Eq. 24)',
  defaultTrials: 40,
  params,
  tasks(p, ctx) {
    const tasks: Task[] = [];
    for (const N of p.N) for (const sigma2 of sigma2sFor(p, N)) for (let trial = 0; trial < ctx.trials; trial++) tasks.push({ kind: 'recall', N, sigma2, trial });
    for (const N of p.capacityN) for (let trial = 0; trial < ctx.trials; trial++) tasks.push({ kind: 'capacity', N, trial });
    return tasks;
  },
  // Recall: M cues of O(M N) each (plus an M^3 factorisation); capacity: M_max^2 N with M_max ~ exp(c N).
  taskCost: (task: Task, p) => (task.kind === 'recall' ? p.M * p.M * (task.N + p.M) : task.N * birthdayMeanCapacity(task.N, p.sigma2Max) ** 2),
  runTask(task: Task, p, rng): RecallResult | CapacityResult {
    return task.kind === 'recall' ? runRecall(task, p, rng) : runCapacity(task, p, rng);
  },
  summarize(p, results, ctx) {
    const tasks = this.tasks(p, ctx);
    const joined = tasks.map((t, k) => ({ t, r: results[k]! }));
    const recallRuns = joined.filter((x) => x.t.kind === 'recall') as { t: Extract<Task, { kind: 'recall' }>; r: RecallResult }[];
    const capacityRuns = joined.filter((x) => x.t.kind === 'capacity') as { t: Extract<Task, { kind: 'capacity' }>; r: CapacityResult }[];
    const rows: Row[] = [];
    const checks: Check[] = [];
    const beta = p.model === 'zero-temperature' ? null : p.beta;
    let disagree = 0;
    let decided = 0;
    let unseparated = 0;
    let resamples = 0;
    for (const group of groupBy(recallRuns, (x) => `${x.t.N}|${x.t.sigma2}`).values()) {
      const { N, sigma2 } = group[0]!.t;
      const r = radiusFor(p, N);
      const cues = group.reduce((a, g) => a + g.r.cues, 0);
      const recalled = group.reduce((a, g) => a + g.r.recalled, 0);
      const recall = recalled / cues;
      const theory = expBetaRecallProbability({ n: N, r, sigma2 });
      const se = binomialSe(theory, cues);
      disagree += group.reduce((a, g) => a + g.r.disagree, 0);
      decided += group.reduce((a, g) => a + g.r.decided, 0);
      unseparated += group.filter((g) => !g.r.separated).length;
      resamples += group.reduce((a, g) => a + g.r.resamples, 0);
      rows.push({
        N, M: p.M, r, beta, model: p.model, sigma2, recall, threshold: (r * r) / N, theory, se,
        inside: group.reduce((a, g) => a + g.r.inside, 0) / cues,
        agnostic: group.reduce((a, g) => a + g.r.agnostic, 0) / cues,
        cues, minDistance: Math.min(...group.map((g) => g.r.minDistance)),
      });
      checks.push({
        claim: `recall at N = ${N}, sigma^2 = ${Number(sigma2.toPrecision(4))} follows P(chi2_N < r^2 / sigma^2) (Property 5.2)`,
        measured: recall,
        theory,
        pass: Math.abs(recall - theory) <= 4 * se,
        criterion: `within 4 binomial SE (${(4 * se).toPrecision(2)}, ${cues} independent cues)`,
      });
    }
    for (const N of p.N) {
      const r = radiusFor(p, N);
      const threshold = (r * r) / N;
      const row = rows.find((x) => x.N === N && x.sigma2 === threshold)!;
      const se = row.se as number;
      checks.push({
        claim: `Property 6: at sigma^2 = r^2 / N = ${Number(threshold.toPrecision(4))} (N = ${N}) the pattern is recovered in at least half of the trials`,
        measured: row.recall as number,
        theory: `>= 0.5 (exact: P(chi2_N < N) = ${(row.theory as number).toFixed(4)})`,
        pass: (row.recall as number) >= 0.5 - 4 * se && Math.abs((row.recall as number) - (row.theory as number)) <= 4 * se,
        criterion: `>= 0.5 - 4 SE and within 4 SE (${(4 * se).toPrecision(2)}) of P(chi2_N < N)`,
      });
    }
    checks.push({
      claim: 'cue by cue, the network recalls iff ||eps|| < r (Property 5.2), outside the shell blurred by finite beta',
      measured: `${disagree} of ${decided} cues disagree`,
      theory: 0,
      pass: disagree === 0,
      criterion: p.model === 'zero-temperature' ? 'every cue' : `every cue with | ||eps|| / r - 1 | > 5 / beta = ${fuzz(p).toPrecision(2)}`,
    });
    checks.push({
      claim: 'every pattern set satisfies min distance > 2r (premise of Properties 5.2 and 6)',
      measured: `${unseparated} unseparated sets (${resamples} resamples)`,
      theory: 0,
      pass: unseparated === 0,
      criterion: 'whole sets resampled up to 50 times, so accepted sets have the conditional distribution',
    });

    const capacityRows: Row[] = [];
    for (const group of groupBy(capacityRuns, (x) => String(x.t.N)).values()) {
      const N = group[0]!.t.N;
      const m = meanStd(group.map((g) => g.r.mMax));
      capacityRows.push({
        N, sigma2Max: p.sigma2Max, r: Math.sqrt(N * p.sigma2Max), mMax: m.mean, mMaxStd: m.std, se: m.std / Math.sqrt(group.length),
        bound: expBetaCapacityBound({ n: N, sigma2Max: p.sigma2Max }), birthday: birthdayMeanCapacity(N, p.sigma2Max),
        verified: group.filter((g) => g.r.verified && g.r.collisionFails).length, trials: group.length,
        censored: group.filter((g) => g.r.censored).length,
      });
    }
    for (const c of capacityRows) {
      checks.push({
        claim: `Eq. 24 lower bound at N = ${c.N}, sigma_max^2 = ${p.sigma2Max}`,
        measured: c.mMax as number,
        theory: `>= ${(c.bound as number).toPrecision(4)}`,
        pass: (c.mMax as number) - 2 * (c.se as number) > (c.bound as number),
        criterion: 'mean M_max minus 2 SE above the bound',
      });
    }
    const verifiedAll = capacityRows.every((c) => c.verified === c.trials);
    checks.push({
      claim: 'the network recalls all M_max patterns from cues at 0.99 r, and the midpoint cue of the first close pair (M_max + 1) recalls neither',
      measured: `${capacityRows.reduce((a, c) => a + (c.verified as number), 0)} of ${capacityRows.reduce((a, c) => a + (c.trials as number), 0)} runs`,
      theory: 'all runs',
      pass: verifiedAll,
      criterion: 'every run (zero-temperature network, Eq. 22)',
    });
    if (capacityRows.length >= 2) {
      const xs = capacityRows.map((c) => c.N as number);
      const fit = linearFit(xs, capacityRows.map((c) => Math.log(c.mMax as number)));
      const theoryFit = linearFit(xs, capacityRows.map((c) => Math.log(c.birthday as number)));
      const a = 1 - 2 * p.sigma2Max;
      checks.push({
        claim: `Property 7: ln M_max grows linearly in N (exponential capacity), sigma_max^2 = ${p.sigma2Max}`,
        measured: fit.slope,
        theory: `> 0 (Eq. 24 exponent (1 - 2 sigma^2)^2 / 8 = ${((a * a) / 8).toPrecision(3)}; exact pair statistics ${theoryFit.slope.toPrecision(3)})`,
        pass: fit.slope > 0 && fit.slope >= (a * a) / 8,
        criterion: 'positive least-squares slope of ln(mean M_max) against N, at least the Eq. 24 exponent',
      });
      for (const c of capacityRows) {
        const tol = 4 * (c.se as number) + 0.1 * (c.birthday as number);
        checks.push({
          claim: `M_max at N = ${c.N} against the pair-collision (birthday) estimate with exact chi-square pair probability`,
          measured: c.mMax as number,
          theory: c.birthday as number,
          pass: (c.censored as number) === 0 && Math.abs((c.mMax as number) - (c.birthday as number)) <= tol,
          criterion: `within 4 SE + 10% (${tol.toPrecision(3)}); the Poisson approximation ignores correlations between pairs sharing a pattern`,
        });
      }
    }

    const plots: Plot[] = [];
    for (const N of p.N) {
      const nr = rows.filter((x) => x.N === N);
      const r = radiusFor(p, N);
      const threshold = (r * r) / N;
      const sigmas = nr.map((x) => x.sigma2 as number);
      const lo = Math.min(...sigmas);
      const hi = Math.max(...sigmas);
      const fine = Array.from({ length: 100 }, (_, k) => lo + ((hi - lo) * k) / 99);
      const measured = `simulation, N = ${N}`;
      plots.push({
        name: `recall-vs-sigma2-N${N}`,
        title: `Recall against noise variance, N = ${N}`,
        spec: measuredTheoryChart({
          title: `Exp_β network: recall against cue noise (N = ${N}, M = ${p.M}, r = ${r.toPrecision(3)}, β = ${p.model === 'zero-temperature' ? '∞' : p.beta})`,
          interval: `bars: 95% Wilson interval over the cues at each σ² (${nr[0]?.cues ?? 0} per point)`,
          x: { title: 'noise variance σ² (cue = ξ + ε, ε ~ N(0, σ² I))' },
          y: { title: 'fraction of cues recalled', domain: [-0.03, 1.03] },
          series: [
            { name: measured, kind: 'measured', points: nr.map((x) => {
              const w = wilsonInterval(Math.round((x.recall as number) * (x.cues as number)), x.cues as number);
              return { x: x.sigma2 as number, y: x.recall as number, lo: w.lo, hi: w.hi };
            }) },
            { name: 'P(χ²_N < r² / σ²), Property 5.2', kind: 'theory', colorOf: measured, points: fine.map((s) => ({ x: s, y: expBetaRecallProbability({ n: N, r, sigma2: s }) })) },
            { name: 'σ² = r² / N (Property 6)', kind: 'theory', dashed: true, color: '#999999', points: [{ x: threshold, y: 0 }, { x: threshold, y: 1 }] },
          ],
        }),
      });
    }
    if (capacityRows.length > 0) {
      const ns = capacityRows.map((c) => c.N as number);
      const fine = Array.from({ length: 40 }, (_, k) => ns[0]! + ((ns[ns.length - 1]! - ns[0]!) * k) / 39);
      plots.push({
        name: 'capacity-vs-n',
        title: 'Capacity against N',
        spec: measuredTheoryChart({
          title: `Exp_β network: exponential capacity (Property 7), σ²_max = ${p.sigma2Max}`,
          interval: `points: mean over ${ctx.trials} pattern streams; bars: 95% t interval`,
          x: { title: 'N (dimension of the patterns)', integer: true },
          y: { title: 'M_max (patterns stored without error)', scale: 'log' },
          series: [
            { name: 'simulation', kind: 'measured', connect: true, points: [...groupBy(capacityRuns, (x) => String(x.t.N)).values()].map((g) => {
              const t = tInterval(g.map((x) => x.r.mMax));
              return { x: g[0]!.t.N, y: t.estimate, lo: t.lo, hi: t.hi };
            }) },
            { name: 'pair statistics (exact χ² pair probability)', kind: 'theory', color: '#000000', points: fine.map((n) => ({ x: n, y: birthdayMeanCapacity(n, p.sigma2Max) })) },
            { name: 'Eq. 24 lower bound', kind: 'theory', dashed: true, color: '#999999', points: fine.map((n) => ({ x: n, y: expBetaCapacityBound({ n, sigma2Max: p.sigma2Max }) })) },
          ],
        }),
      });
    }
    return {
      rows,
      tables: { 'capacity': capacityRows },
      checks,
      plots,
      summary: `Recall: M = ${p.M} patterns from N(0, I), conditioned on min distance > 2r, stored in the ${p.model === 'zero-temperature' ? 'zero-temperature network (Eq. 22)' : `Exp_beta interpolation network (Eq. 20-21, beta = ${p.beta})`}; r = ${p.r > 0 ? p.r : 'sqrt(N / 8)'}. Each pattern is cued once per trial with white noise of variance sigma^2; a cue counts as recovered when the final state is within 1e-3 r of the cued pattern. At beta -> infinity recall happens iff ||eps|| < r, so the recall curve is P(chi2_N < r^2 / sigma^2), about 1/2 at the Property 6 threshold sigma^2 = r^2 / N. Capacity: Gaussian patterns arrive one by one; M_max is the number stored before the first pattern within 2r (r^2 = N sigma_max^2) of an earlier one, i.e. the largest nested set the network recalls without error from every cue with noise inside its radius (checked with the network). Eq. 24 is the lower bound this quantity obeys (it uses a Gaussian approximation of the chi-square pair-distance tail, which overestimates collisions); the "pair statistics" curve uses the exact chi-square pair probability.`,
    };
  },
});
