import { z } from 'zod';
import {
  defineScenario, flipBits, param, patternRow, randomBipolar, sdmFeatureMap, sdmHypercube, sdmHypersphereValue, spherePatterns,
  kernelValue, type Check, type Plot, type Rng, type Row,
} from '../index.js';
import { measuredTheoryChart } from '../src/report/chart-spec.js';
import { tInterval, wilsonInterval } from '../src/report/intervals.js';
import { largestStorable } from '../src/search/capacity-search.js';
import { logBinomial } from '../src/linalg/special.js';
import { requireMemory, requireThat } from '../src/scenario/params.js';
import { linearFit } from './lib/geometry.js';
import { groupBy, meanStd } from './lib/stats.js';

/** Probability that a uniform random address lies within Hamming distance r of a point of {-1,1}^dim. */
function activation(dim: number, r: number): number {
  let p = 0;
  for (let k = 0; k <= Math.min(r, dim); k++) p += Math.exp(logBinomial(dim, k) - dim * Math.LN2);
  return p;
}

const params = z.object({
  dim: param.int(32, { min: 3, max: 512 }),
  radius: param.int(11, { min: 0, max: 255 }),
  b: param.number(0.3, { min: 0.01, max: 0.99 }),
  nPhi: param.intList([250, 1000, 4000, 16000], { min: 1, max: 1_000_000 }),
  capacityNPhi: param.intList([250, 500, 1000, 2000, 4000], { min: 1, max: 20_000 }),
  capacityDim: param.int(256, { min: 3, max: 4096 }),
  capacityRadius: param.int(110, { min: 0, max: 2047 }),
  points: param.int(6, { min: 2, max: 64 }),
}).superRefine((p, ctx) => {
  // Kanerva's SDM activates addresses within r of the input, r < N/2 (bias N - 2r > 0); the kernel
  // check needs K(0) N_phi >= 5 expected shared addresses at the largest N_phi (else no z-score).
  requireThat(ctx, 'radius', p.radius < p.dim / 2, `must be below dim / 2 = ${p.dim / 2} (got ${p.radius} with dim ${p.dim})`);
  const nPhi = Math.max(...p.nPhi);
  requireThat(ctx, 'radius', activation(p.dim, p.radius) * nPhi >= 5, `activates too few addresses: K(0) N_phi = ${(activation(p.dim, p.radius) * nPhi).toPrecision(3)} < 5 at dim ${p.dim}, N_phi ${nPhi}; raise radius or nPhi`);
  requireThat(ctx, 'capacityRadius', p.capacityRadius < p.capacityDim / 2, `must be below capacityDim / 2 = ${p.capacityDim / 2} (got ${p.capacityRadius} with capacityDim ${p.capacityDim})`);
  const small = Math.min(...p.capacityNPhi);
  requireThat(ctx, 'capacityRadius', activation(p.capacityDim, p.capacityRadius) * small >= 1, `activates fewer than one address per pattern at capacityNPhi ${small} (capacityDim ${p.capacityDim}); raise capacityRadius`);
  // The capacity search holds N_phi / 2 feature vectors of N_phi bytes; the kernel part N_phi addresses of dim bytes.
  requireMemory(ctx, 'capacityNPhi', Math.max(...p.capacityNPhi) ** 2 / 2 + Math.max(...p.capacityNPhi) * p.capacityDim, 'the feature vectors of the capacity search');
  requireMemory(ctx, 'nPhi', nPhi * p.dim * 8, 'the SDM addresses');
});
type Params = z.infer<typeof params>;

type Task =
  | { readonly kind: 'kernel'; readonly geometry: 'hypercube' | 'hypersphere'; readonly nPhi: number; readonly trial: number }
  | { readonly kind: 'capacity'; readonly nPhi: number; readonly trial: number };

interface KernelPoint {
  readonly separation: number;
  readonly kernel: number;
  readonly estimate: number;
}

/** Pairs (x, y) at growing separation: Hamming distance on the cube, angle on the sphere. */
function pairs(task: Extract<Task, { kind: 'kernel' }>, p: Params, rng: Rng): { x: ArrayLike<number>; y: ArrayLike<number>; separation: number; kernel: number }[] {
  const out = [];
  if (task.geometry === 'hypercube') {
    const K = sdmHypercube({ dim: p.dim, radius: p.radius });
    const x = patternRow(randomBipolar({ count: 1, dim: p.dim }, rng), 0);
    for (let k = 0; k < p.points; k++) {
      const delta = Math.round((k / (p.points - 1)) * p.radius);
      const y = flipBits(x, delta / p.dim, rng);
      out.push({ x, y, separation: delta, kernel: kernelValue(K, x, y) });
    }
  } else {
    const x = patternRow(spherePatterns({ count: 1, dim: p.dim }, rng), 0);
    const u = patternRow(spherePatterns({ count: 1, dim: p.dim }, rng), 0);
    // Orthonormal direction to x, then y = cos(a) x + sin(a) u'.
    let dot = 0;
    for (let j = 0; j < p.dim; j++) dot += u[j]! * x[j]!;
    const v = new Float64Array(p.dim);
    let norm = 0;
    for (let j = 0; j < p.dim; j++) { v[j] = u[j]! - dot * x[j]!; norm += v[j]! ** 2; }
    for (let j = 0; j < p.dim; j++) v[j]! /= Math.sqrt(norm);
    const maxAngle = 2 * Math.acos(p.b);
    for (let k = 0; k < p.points; k++) {
      const angle = (k / (p.points - 1)) * 0.6 * maxAngle;
      const y = new Float64Array(p.dim);
      for (let j = 0; j < p.dim; j++) y[j] = Math.cos(angle) * x[j]! + Math.sin(angle) * v[j]!;
      out.push({ x, y, separation: angle, kernel: sdmHypersphereValue({ dim: p.dim, b: p.b }, Math.cos(angle)) });
    }
  }
  return out;
}

/**
 * Whether a finite SDM (Eq. 13: A = 1, theta = 0, phi = Theta(Z x - b)) with the given address
 * matrix recalls every output bit of the first m associations from their exact inputs.
 */
function sdmRecallsAll(features: Uint8Array[], outputs: Int8Array, dim: number, m: number, nPhi: number): boolean {
  const field = new Float64Array(dim);
  for (let mu = 0; mu < m; mu++) {
    field.fill(0);
    const fmu = features[mu]!;
    for (let nu = 0; nu < m; nu++) {
      const fnu = features[nu]!;
      let c = 0;
      for (let k = 0; k < nPhi; k++) c += fmu[k]! & fnu[k]!;
      if (c === 0) continue;
      const base = nu * dim;
      for (let j = 0; j < dim; j++) field[j]! += c * outputs[base + j]!;
    }
    const base = mu * dim;
    for (let j = 0; j < dim; j++) if ((field[j]! >= 0 ? 1 : -1) !== outputs[base + j]) return false;
  }
  return true;
}

export default defineScenario({
  name: 'sdm-kernel',
  description: 'Finite sparse distributed memory against the infinite-SDM kernel (Eqs. 13-17), and SDM capacity against N_phi',
  defaultTrials: 5,
  params,
  tasks(p, ctx) {
    const tasks: Task[] = [];
    for (const geometry of ['hypercube', 'hypersphere'] as const) for (const nPhi of p.nPhi) for (let trial = 0; trial < ctx.trials; trial++) tasks.push({ kind: 'kernel', geometry, nPhi, trial });
    for (const nPhi of p.capacityNPhi) for (let trial = 0; trial < ctx.trials; trial++) tasks.push({ kind: 'capacity', nPhi, trial });
    return tasks;
  },
  taskCost: (task: Task) => (task.kind === 'capacity' ? task.nPhi * 50 : task.nPhi),
  runTask(task: Task, p, rng): KernelPoint[] | { mMax: number } {
    if (task.kind === 'kernel') {
      const bias = task.geometry === 'hypercube' ? p.dim - 2 * p.radius : p.b;
      // Fresh addresses for every pair, so that the estimates are independent binomial samples.
      return pairs(task, p, rng).map(({ x, y, separation, kernel }) => {
        const addresses = task.geometry === 'hypercube' ? randomBipolar({ count: task.nPhi, dim: p.dim }, rng) : spherePatterns({ count: task.nPhi, dim: p.dim }, rng);
        const phi = sdmFeatureMap({ addresses, bias });
        const fx = phi.features(x);
        const fy = phi.features(y);
        let both = 0;
        for (let k = 0; k < phi.size; k++) both += fx[k]! & fy[k]!;
        return { separation, kernel, estimate: both / phi.size };
      });
    }
    const maxM = Math.max(4, Math.ceil(task.nPhi / 2));
    const dim = p.capacityDim;
    const inputs = randomBipolar({ count: maxM, dim }, rng.child('inputs'));
    const outputs = randomBipolar({ count: maxM, dim }, rng.child('outputs'));
    const phi = sdmFeatureMap({ addresses: randomBipolar({ count: task.nPhi, dim }, rng.child('addresses')), bias: dim - 2 * p.capacityRadius });
    const features = Array.from({ length: maxM }, (_, mu) => phi.features(patternRow(inputs, mu)));
    return { mMax: largestStorable((m) => sdmRecallsAll(features, outputs.data, dim, m, task.nPhi), { start: 4, max: maxM }) };
  },
  summarize(p, results, ctx) {
    const tasks = this.tasks(p, ctx);
    const convergence: Row[] = [];
    const curve: Row[] = [];
    const checks: Check[] = [];
    const kernelTasks = tasks.map((t, k) => ({ t, r: results[k]! })).filter((x) => x.t.kind === 'kernel') as { t: Extract<Task, { kind: 'kernel' }>; r: KernelPoint[] }[];
    for (const group of groupBy(kernelTasks, (x) => `${x.t.geometry}|${x.t.nPhi}`).values()) {
      const { geometry, nPhi } = group[0]!.t;
      // The count of addresses active for both points is Binomial(N_phi, K): the estimate's
      // standard error is sqrt(K (1 - K) / N_phi). z2 averages the squared standardised errors.
      let se2 = 0;
      let err2 = 0;
      let z2 = 0;
      let count = 0;
      for (const { r } of group) {
        for (const pt of r) {
          const v = (pt.kernel * (1 - pt.kernel)) / nPhi;
          err2 += (pt.estimate - pt.kernel) ** 2;
          se2 += v;
          // The z-score is near-normal only when the expected count K N_phi is not tiny.
          if (pt.kernel * nPhi >= 5) { z2 += (pt.estimate - pt.kernel) ** 2 / v; count++; }
        }
      }
      const n = group.length * group[0]!.r.length;
      convergence.push({ geometry, nPhi, rmsError: Math.sqrt(err2 / n), binomialSe: Math.sqrt(se2 / n), meanZ2: z2 / count, samples: count });
    }
    for (const geometry of ['hypercube', 'hypersphere'] as const) {
      const rows = convergence.filter((r) => r.geometry === geometry);
      const last = rows[rows.length - 1]!;
      const samples = last.samples as number;
      // mean of `samples` squared standard normals: chi2_s / s, sd sqrt(2 / s); accept within 4 sd.
      const tol = 4 * Math.sqrt(2 / samples);
      checks.push({
        claim: `${geometry}: finite-SDM estimate phi.phi / N_phi is unbiased with binomial error at N_phi = ${last.nPhi}`,
        measured: last.meanZ2 as number,
        theory: 1,
        pass: Math.abs((last.meanZ2 as number) - 1) <= tol,
        criterion: `mean squared z-score within 4 sd (${tol.toPrecision(2)}) of 1`,
      });
      const first = rows[0]!;
      const expectedShrink = Math.sqrt((last.nPhi as number) / (first.nPhi as number));
      const shrink = (first.rmsError as number) / (last.rmsError as number);
      checks.push({
        claim: `${geometry}: RMS error shrinks like 1/sqrt(N_phi) from ${first.nPhi} to ${last.nPhi}`,
        measured: shrink,
        theory: expectedShrink,
        pass: shrink > expectedShrink / 2 && shrink < expectedShrink * 2,
        criterion: 'within a factor 2',
      });
      const big = kernelTasks.filter((x) => x.t.geometry === geometry && x.t.nPhi === last.nPhi);
      big[0]!.r.forEach((pt, k) => {
        const est = meanStd(big.map((x) => x.r[k]!.estimate));
        curve.push({ geometry, separation: pt.separation, kernel: pt.kernel, estimate: est.mean, nPhi: last.nPhi as number });
      });
    }
    const capacityRows: Row[] = [];
    const capTasks = tasks.map((t, k) => ({ t, r: results[k]! })).filter((x) => x.t.kind === 'capacity') as { t: Extract<Task, { kind: 'capacity' }>; r: { mMax: number } }[];
    for (const group of groupBy(capTasks, (x) => String(x.t.nPhi)).values()) {
      const nPhi = group[0]!.t.nPhi;
      const m = meanStd(group.map((g) => g.r.mMax));
      capacityRows.push({ nPhi, mMax: m.mean, mMaxStd: m.std, ratio: m.mean / nPhi, trials: group.length });
    }
    if (capacityRows.length >= 3) {
      // Least-squares slope of ln M_max against ln N_phi.
      const xs = capacityRows.map((r) => Math.log(r.nPhi as number));
      const ys = capacityRows.map((r) => Math.log(Math.max(1, r.mMax as number)));
      const { slope } = linearFit(xs, ys);
      checks.push({
        claim: `SDM capacity grows linearly with N_phi (M_max ~ O(N_phi), Sec. 3.3; N_in = ${p.capacityDim}, r = ${p.capacityRadius})`,
        measured: slope,
        theory: 1,
        pass: Math.abs(slope - 1) <= 0.25,
        criterion: 'log-log slope within 0.25 of 1 (at fixed r the activation probability is not re-optimised per N_phi, which bends the curve slightly)',
      });
    }
    const geometries = ['hypercube', 'hypersphere'] as const;
    const pointsPerTask = kernelTasks[0]?.r.length ?? 0;
    const plots: Plot[] = [
      {
        name: 'sdm-error-vs-nphi', title: 'Finite SDM converges to the kernel',
        spec: measuredTheoryChart({
          title: 'Finite SDM: RMS error of the kernel estimate φ·φ / N_φ',
          interval: `points: RMS error over ${ctx.trials * pointsPerTask} pairs per N_φ (no bars); lines: binomial standard error √(K(1 − K) / N_φ)`,
          x: { title: 'N_φ (hidden units, random addresses)', scale: 'log', ticks: p.nPhi },
          y: { title: 'RMS error of φ·φ / N_φ', scale: 'log' },
          series: [
            ...geometries.map((g) => ({ name: `${g}, finite SDM`, kind: 'measured' as const, connect: true, points: convergence.filter((r) => r.geometry === g).map((r) => ({ x: r.nPhi as number, y: r.rmsError as number })) })),
            ...geometries.map((g) => ({ name: `${g}, binomial SE`, kind: 'theory' as const, dashed: true, colorOf: `${g}, finite SDM`, points: convergence.filter((r) => r.geometry === g).map((r) => ({ x: r.nPhi as number, y: r.binomialSe as number })) })),
          ],
        }),
      },
      ...geometries.map((g): Plot => {
        const rows = curve.filter((r) => r.geometry === g);
        const nPhi = rows[0]?.nPhi as number;
        const measured = `finite SDM, N_φ = ${nPhi}`;
        return {
          name: `sdm-kernel-curve-${g}`, title: `SDM kernel against separation (${g})`,
          spec: measuredTheoryChart({
            title: g === 'hypercube' ? `SDM kernel on the hypercube (Eq. 16), N = ${p.dim}, r = ${p.radius}` : `SDM kernel on the hypersphere (Eq. 17), N = ${p.dim}, b = ${p.b}`,
            interval: `points: mean over ${ctx.trials} address sets; bars: 95% Wilson interval over ${ctx.trials} × N_φ addresses`,
            x: g === 'hypercube' ? { title: 'Hamming distance d(x, y) (bits)', integer: true } : { title: 'angle between x and y (radians)' },
            y: { title: 'K(x, y)', scale: 'log' },
            series: [
              { name: measured, kind: 'measured', points: rows.map((r) => {
                const n = ctx.trials * nPhi;
                const w = wilsonInterval(Math.round((r.estimate as number) * n), n);
                return { x: r.separation as number, y: r.estimate as number, lo: w.lo, hi: w.hi };
              }) },
              { name: g === 'hypercube' ? 'infinite SDM, Eq. 16' : 'infinite SDM, Eq. 17', kind: 'theory', colorOf: measured, points: rows.map((r) => ({ x: r.separation as number, y: r.kernel as number })) },
            ],
          }),
        };
      }),
      {
        name: 'sdm-capacity', title: 'SDM capacity against N_phi',
        spec: measuredTheoryChart({
          title: `SDM capacity against the number of hidden units (N_in = ${p.capacityDim}, r = ${p.capacityRadius})`,
          interval: `points: mean over ${ctx.trials} address sets; bars: 95% t interval`,
          x: { title: 'N_φ (hidden units, random addresses)', scale: 'log', ticks: p.capacityNPhi },
          y: { title: 'M_max (associations recalled without error)', scale: 'log' },
          series: [
            { name: 'finite SDM', kind: 'measured', connect: true, points: [...groupBy(capTasks, (x) => String(x.t.nPhi)).values()].map((g) => {
              const t = tInterval(g.map((x) => x.r.mMax));
              return { x: g[0]!.t.nPhi, y: t.estimate, lo: t.lo, hi: t.hi };
            }) },
            ...(capacityRows.length > 0 ? [{
              name: 'M_max ∝ N_φ (slope 1, through the mean)', kind: 'theory' as const, dashed: true, color: '#555555',
              points: (() => {
                const c = Math.exp(capacityRows.reduce((a, r) => a + Math.log(Math.max(1, r.mMax as number) / (r.nPhi as number)), 0) / capacityRows.length);
                return capacityRows.map((r) => ({ x: r.nPhi as number, y: c * (r.nPhi as number) }));
              })(),
            }] : []),
          ],
        }),
      },
    ];
    return {
      rows: convergence,
      tables: { 'sdm-kernel-curve': curve, 'sdm-capacity': capacityRows },
      checks,
      plots,
      summary: `A finite SDM with N_phi random addresses estimates the kernel by the fraction of addresses active for both inputs, a binomial proportion: its error shrinks like 1/sqrt(N_phi) towards the exact kernels of Eq. 16 (hypercube, N = ${p.dim}, r = ${p.radius}) and Eq. 17 (hypersphere, b = ${p.b}). The SDM read-out (A = 1, theta = 0) stores a number of associations roughly proportional to N_phi when the inputs are wide (N_in = ${p.capacityDim}); with narrow inputs it saturates at the capacity of the fixed infinite-SDM kernel.`,
    };
  },
});
