import { z } from 'zod';
import { defineScenario, hebbianBitError, hebbianBitErrorFinite, linear, param, randomBipolar, type Check, type Plot, type Row } from '../index.js';
import { measuredTheoryChart } from '../src/report/chart-spec.js';
import { tInterval } from '../src/report/intervals.js';
import { fit, hebbian, recurrentProblems } from '../plasticity/index.js';
import { requireMemory } from '../src/scenario/params.js';
import { groupBy, meanStd } from './lib/stats.js';

const params = z.object({
  N: param.int(1000, { min: 10, max: 20000 }),
  alphas: param.numberList([0.05, 0.1, 0.15, 0.2, 0.3, 0.5], { min: 0.001, max: 2 }),
}).superRefine((p, ctx) => {
  // Each neuron's problem fills an M x M Gram matrix (Float64), M = alpha N.
  const m = Math.round(Math.max(...p.alphas) * p.N);
  requireMemory(ctx, 'N', 8 * m * m + m * p.N, `the ${m} x ${m} Gram matrix (M = alpha N at the largest alpha)`);
});

interface Task {
  readonly alpha: number;
  readonly trial: number;
}

export default defineScenario({
  name: 'hebbian-crosstalk',
  description: 'One-step bit error of the classical Hopfield network against load, beside Phi(-1/sqrt(alpha))',
  defaultTrials: 4,
  params,
  tasks: (p, ctx) => p.alphas.flatMap((alpha) => Array.from({ length: ctx.trials }, (_, trial): Task => ({ alpha, trial }))),
  taskCost: (task: Task, p) => task.alpha * p.N,
  runTask(task: Task, p, rng) {
    const m = Math.max(1, Math.round(task.alpha * p.N));
    const X = randomBipolar({ count: m, dim: p.N }, rng);
    // Hebbian learning with the linear kernel (A = 1, theta = 0) is the classical network
    // W = X X^T with zero diagonal; neuron i's field on pattern mu is its one-step input (Eq. 12).
    const source = recurrentProblems(X, linear());
    const rule = hebbian();
    const gram = new Float64Array(m * m);
    let errors = 0;
    for (let i = 0; i < p.N; i++) {
      const problem = source.problem(i, gram);
      const state = fit(rule, problem);
      for (let mu = 0; mu < m; mu++) if ((state.field[mu]! >= 0 ? 1 : -1) !== problem.labels[mu]) errors++;
    }
    return { m, errors, bits: p.N * m };
  },
  summarize(p, results: { m: number; errors: number; bits: number }[], ctx) {
    const tasks = this.tasks(p, ctx);
    const joined = tasks.map((t, k) => ({ ...t, ...results[k]! }));
    const rows: Row[] = [];
    const checks: Check[] = [];
    for (const group of groupBy(joined, (g) => String(g.alpha)).values()) {
      const { alpha, m } = group[0]!;
      const rates = meanStd(group.map((g) => g.errors / g.bits));
      const theory = hebbianBitError(alpha);
      const finite = hebbianBitErrorFinite(p.N, m);
      // Standard error from the spread between independent trials (bits within a network are
      // weakly correlated, so the binomial formula would understate it).
      const se = group.length > 1 ? rates.std / Math.sqrt(group.length) : Math.sqrt((finite * (1 - finite)) / group[0]!.bits);
      rows.push({ alpha, N: p.N, M: m, bitError: rates.mean, theory, theoryFinite: finite, se, trials: group.length });
      // Beyond the finite-N Gaussian model, the crosstalk's skewness gives a relative deviation
      // of order 1/sqrt(N) in the tail; allow 4 SE plus P / sqrt(N).
      const tol = 4 * se + finite / Math.sqrt(p.N);
      checks.push({
        claim: `bit error at alpha = ${alpha} (N = ${p.N}, M = ${m})`,
        measured: rates.mean,
        theory: finite,
        pass: Math.abs(rates.mean - finite) <= tol,
        criterion: `within 4 SE + P/sqrt(N) (${tol.toPrecision(2)}) of Phi(-sqrt((N-1)/(M-1))); asymptotic Phi(-1/sqrt(alpha)) = ${theory.toPrecision(3)}`,
      });
    }
    const lo = Math.min(...p.alphas);
    const hi = Math.max(...p.alphas);
    const fine = Array.from({ length: 80 }, (_, k) => lo + (k / 79) * (hi - lo));
    // Trials are independent networks; bits within one network are not (shared patterns), so the
    // interval is a t interval over the per-network error rates, not a binomial one.
    const bars = [...groupBy(joined, (g) => String(g.alpha)).values()].map((g) => ({ alpha: g[0]!.alpha, m: g[0]!.m, ...tInterval(g.map((x) => x.errors / x.bits)) }));
    const plots: Plot[] = [{
      name: 'bit-error-vs-load',
      title: 'One-step bit error against load',
      spec: measuredTheoryChart({
        title: `Classical Hopfield network: one-step bit error (N = ${p.N})`,
        interval: `bars: 95% t interval over ${ctx.trials} networks`,
        x: { title: 'load α = M / N' },
        y: { title: 'bit error P(flip)', scale: 'log' },
        series: [
          { name: `simulation, N = ${p.N}`, kind: 'measured', points: bars.map((b) => ({ x: b.alpha, y: b.estimate, lo: b.lo, hi: b.hi })) },
          { name: 'Φ(−√((N−1)/(M−1))), finite N', kind: 'theory', points: fine.map((a) => ({ x: a, y: hebbianBitErrorFinite(p.N, Math.max(2, Math.round(a * p.N))) })) },
          { name: 'Φ(−1/√α), N → ∞', kind: 'theory', dashed: true, points: fine.map((a) => ({ x: a, y: hebbianBitError(a) })) },
        ],
      }),
    }];
    return {
      rows,
      checks,
      plots,
      summary: `Each neuron of a classical Hopfield network (Hebbian weights, no self-connections) receives its pattern's signal N - 1 plus crosstalk from the other M - 1 patterns, approximately Gaussian with variance (N - 1)(M - 1). The fraction of bits that flip in one step is therefore Phi(-1/sqrt(alpha)) at large N (Amit, Gutfreund and Sompolinsky 1985).`,
    };
  },
});
