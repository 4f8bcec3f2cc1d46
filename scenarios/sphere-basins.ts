import { z } from 'zod';
import {
  defineScenario, expBeta, interpolationNetwork, param, patternRow, softmaxNetwork, spherePatterns, zeroTemperatureNetwork,
  type Check, type ContinuousNetwork, type ContinuousPatterns, type Plot, type Row,
} from '../index.js';
import { sphereBasinsSpec } from '../src/report/sphere-spec.js';
import { distance, minPairwiseDistance2 } from './lib/geometry.js';
import { binomialSe } from './lib/stats.js';

const modelNames = ['exp-beta', 'zero-temperature', 'softmax'] as const;
type Model = (typeof modelNames)[number];

const params = z.object({
  /** Stored patterns on the unit 2-sphere (Fig. 2: 17). */
  M: param.int(17, { min: 2, max: 500 }),
  /** Cue points: a Fibonacci lattice of this many points on the sphere. */
  grid: param.int(4000, { min: 10, max: 200000 }),
  /** Inverse temperature of the Exp_beta kernel (beta -> infinity in the paper). */
  beta: param.number(1000, { min: 0.01, max: 1e9 }),
  /**
   * Inverse temperature of the softmax network; 0 (default) means 10 / r^2 per pattern set. The
   * softmax network separates two patterns a distance d apart only if beta d^2 / 2 >> 1 (else it
   * merges them into one metastable state at their midpoint); with d >= 2r, 10 / r^2 gives
   * weights below e^-20 for every other pattern at a fixed point.
   */
  softmaxBeta: param.number(0, { min: 0, max: 1e9 }),
  models: param.choiceList(modelNames, [...modelNames]),
});
type Params = z.infer<typeof params>;

interface Task {
  readonly trial: number;
}

/** Where each cue ended: a pattern index, -1 for the agnostic state (origin), -2 for anything else. */
interface TrialResult {
  readonly patterns: number[];
  readonly r: number;
  /** The softmax network's inverse temperature used for this pattern set. */
  readonly softmaxBeta: number;
  /** Per model, the destination of every cue. */
  readonly destinations: Record<string, number[]>;
}

/**
 * `n` nearly uniform points on the unit sphere (Fibonacci lattice): equal-area latitude bands,
 * longitudes advanced by the golden angle. Deterministic, so every trial sees the same cues.
 *
 * @example
 * ```ts
 * fibonacciSphere(1000).length; // 3000 (x, y, z per point)
 * ```
 */
export function fibonacciSphere(n: number): Float64Array {
  const out = new Float64Array(3 * n);
  const golden = Math.PI * (3 - Math.sqrt(5));
  for (let i = 0; i < n; i++) {
    const z = 1 - (2 * i + 1) / n;
    const rho = Math.sqrt(1 - z * z);
    const phi = i * golden;
    out[3 * i] = rho * Math.cos(phi);
    out[3 * i + 1] = rho * Math.sin(phi);
    out[3 * i + 2] = z;
  }
  return out;
}

/**
 * Fraction of the unit sphere within chordal (Euclidean) distance r of a point: with polar angle
 * theta, `r^2 = 2 - 2 cos(theta)`, and the cap's area fraction `(1 - cos theta) / 2 = r^2 / 4`.
 *
 * @example
 * ```ts
 * capFraction(2); // 1 (the whole sphere)
 * ```
 */
export function capFraction(r: number): number {
  return Math.min(1, (r * r) / 4);
}

/** The softmax inverse temperature: the parameter, or 10 / r^2 (see the parameter's note). */
function softmaxBetaFor(p: Params, r: number): number {
  return p.softmaxBeta > 0 ? p.softmaxBeta : 10 / (r * r);
}

function network(model: Model, p: Params, patterns: ContinuousPatterns, r: number): ContinuousNetwork {
  if (model === 'softmax') return softmaxNetwork({ patterns, beta: softmaxBetaFor(p, r) });
  if (model === 'zero-temperature') return zeroTemperatureNetwork({ patterns, r });
  return interpolationNetwork({ patterns, kernel: expBeta({ r, beta: p.beta }) });
}

/** Geometry of one cue relative to the patterns. */
interface CueGeometry {
  /** Pattern with the largest overlap (its Voronoi cell; on the sphere also the nearest). */
  readonly nearest: number;
  /** Chordal distance to the nearest pattern. */
  readonly dist: number;
  /** Overlap gap between the best and second-best pattern (0 on a Voronoi boundary). */
  readonly gap: number;
}

function geometry(cue: Float64Array, patterns: ContinuousPatterns): CueGeometry {
  let best = -Infinity;
  let second = -Infinity;
  let nearest = 0;
  for (let mu = 0; mu < patterns.count; mu++) {
    const x = patternRow(patterns, mu);
    const h = x[0]! * cue[0]! + x[1]! * cue[1]! + x[2]! * cue[2]!;
    if (h > best) { second = best; best = h; nearest = mu; }
    else if (h > second) second = h;
  }
  return { nearest, dist: distance(cue, patternRow(patterns, nearest)), gap: best - second };
}

export default defineScenario({
  name: 'sphere-basins',
  description: 'Fig. 2: basins of the Exp_beta network (caps of radius r, agnostic origin elsewhere) and the softmax network (Voronoi cells) on the 2-sphere',
  defaultTrials: 4,
  params,
  tasks: (_p, ctx) => Array.from({ length: ctx.trials }, (_, trial): Task => ({ trial })),
  runTask(_task: Task, p, rng): TrialResult {
    const patterns = spherePatterns({ count: p.M, dim: 3 }, rng.child('patterns'));
    // Fig. 2: the radius of attraction is half the minimum pairwise distance, so balls of radius
    // r around the patterns never overlap (min distance = 2r exactly; Property 5.2 holds for cues
    // strictly inside).
    const r = Math.sqrt(minPairwiseDistance2(patterns)) / 2;
    const cues = fibonacciSphere(p.grid);
    // Exp_beta states are exact to rounding, but the softmax network's fixed points at finite
    // beta sit slightly off the pattern (by about sum_nu exp(-beta d_nu^2 / 2) d_nu), so a state
    // counts as "at" a point when within r / 10 of it: far tighter than any mixture of two
    // patterns (at least r from both).
    const tol = 0.1 * r;
    const destinations: Record<string, number[]> = {};
    for (const model of p.models) {
      const net = network(model, p, patterns, r);
      const dest: number[] = [];
      for (let i = 0; i < p.grid; i++) {
        const cue = cues.subarray(3 * i, 3 * i + 3);
        const { state } = net.run(cue, { maxSteps: 100 });
        const g = geometry(cue, patterns);
        let d = -2;
        // Converged states are compared with the cue's nearest pattern first, then all.
        if (distance(state, patternRow(patterns, g.nearest)) < tol) d = g.nearest;
        else if (Math.hypot(state[0]!, state[1]!, state[2]!) < tol) d = -1;
        else for (let mu = 0; mu < p.M; mu++) if (distance(state, patternRow(patterns, mu)) < tol) { d = mu; break; }
        dest.push(d);
      }
      destinations[model] = dest;
    }
    return { patterns: Array.from(patterns.data), r, softmaxBeta: softmaxBetaFor(p, r), destinations };
  },
  taskCost: (_task: Task, p) => p.grid * p.M * p.models.length,
  summarize(p, results: TrialResult[]) {
    const cues = fibonacciSphere(p.grid);
    const rows: Row[] = [];
    const checks: Check[] = [];
    // Per trial: cue geometry (shared by all models).
    const geo = results.map((res) => {
      const patterns: ContinuousPatterns = { kind: 'continuous', count: p.M, dim: 3, data: Float64Array.from(res.patterns) };
      return Array.from({ length: p.grid }, (_, i) => geometry(cues.subarray(3 * i, 3 * i + 3), patterns));
    });
    const n = p.grid * results.length;
    // Caps are disjoint (centres >= 2r apart chordally means >= 2 theta apart in angle), so the
    // sphere outside all caps has area fraction 1 - M r^2 / 4 exactly.
    const theoryAgnostic = results.reduce((a, res) => a + (1 - p.M * capFraction(res.r)), 0) / results.length;
    // The Fibonacci lattice integrates at least as well as independent uniform points, whose
    // fraction has binomial variance sum_k p_k (1 - p_k) grid / n^2: a conservative SE.
    const agnosticSe = Math.sqrt(results.reduce((a, res) => { const q = 1 - p.M * capFraction(res.r); return a + q * (1 - q) * p.grid; }, 0)) / n;
    for (const model of p.models) {
      let nearest = 0;
      let agnostic = 0;
      let other = 0;
      let decided = 0;
      let agree = 0;
      results.forEach((res, k) => {
        const dest = res.destinations[model]!;
        // Finite beta blurs the basin boundary over a relative width ~1/beta; cues within 5/beta
        // of it (or within 10/beta of a Voronoi boundary in overlap, for softmax) are not judged.
        const w = model === 'softmax' ? 10 / res.softmaxBeta : model === 'exp-beta' ? 5 / p.beta : 0;
        dest.forEach((d, i) => {
          const g = geo[k]![i]!;
          if (d === g.nearest) nearest++;
          else if (d === -1) agnostic++;
          else other++;
          if (model === 'softmax') {
            if (g.gap <= w) return;
            decided++;
            if (d === g.nearest) agree++;
          } else {
            if (Math.abs(g.dist / res.r - 1) <= w) return;
            decided++;
            if (d === (g.dist < res.r ? g.nearest : -1)) agree++;
          }
        });
      });
      rows.push({
        model, beta: model === 'softmax' ? Math.min(...results.map((x) => x.softmaxBeta)) : model === 'exp-beta' ? p.beta : null, M: p.M, cues: n,
        recalledNearest: nearest / n, agnostic: agnostic / n, other: other / n,
        theoryAgnostic: model === 'softmax' ? 0 : theoryAgnostic, agreeWithGeometry: agree / decided, judged: decided,
      });
      if (model === 'softmax') {
        checks.push({
          claim: `softmax (beta = ${p.softmaxBeta > 0 ? p.softmaxBeta : `10 / r^2 = ${results.map((x) => x.softmaxBeta.toPrecision(3)).join(', ')}`}) converges to the pattern of the cue's Voronoi cell (largest overlap)`,
          measured: `${decided - agree} of ${decided} cues elsewhere`,
          theory: 0,
          pass: agree === decided && agnostic === 0,
          criterion: `every cue whose top two overlaps differ by more than 10 / beta (${n - decided} boundary cues skipped); none at the origin`,
        });
      } else {
        checks.push({
          claim: `${model}: recalls the pattern for cues within chordal distance r and goes to the origin beyond r (Properties 5.2, 5.3)`,
          measured: `${decided - agree} of ${decided} cues disagree`,
          theory: 0,
          pass: agree === decided,
          criterion: model === 'exp-beta' ? `every cue with | d / r - 1 | > 5 / beta (${n - decided} skipped)` : 'every cue',
        });
        const se = binomialSe(theoryAgnostic, n) > agnosticSe ? binomialSe(theoryAgnostic, n) : agnosticSe;
        checks.push({
          claim: `${model}: agnostic fraction equals the area outside all caps, 1 - M r^2 / 4`,
          measured: agnostic / n,
          theory: theoryAgnostic,
          pass: Math.abs(agnostic / n - theoryAgnostic) <= 4 * se,
          criterion: `within 4 SE (${(4 * se).toPrecision(2)}) of the mean over ${results.length} pattern sets`,
        });
      }
    }
    // Cue table and maps for the first pattern set.
    const first = results[0]!;
    const g0 = geo[0]!;
    const toDeg = 180 / Math.PI;
    const cueRows: Row[] = [];
    for (let i = 0; i < p.grid; i++) {
      const x = cues[3 * i]!;
      const y = cues[3 * i + 1]!;
      const z = cues[3 * i + 2]!;
      const row: Row = { x, y, z, longitude: Math.atan2(y, x) * toDeg, latitude: Math.asin(z) * toDeg, nearest: g0[i]!.nearest, chordal: g0[i]!.dist };
      for (const model of p.models) row[model] = first.destinations[model]![i]!;
      cueRows.push(row);
    }
    const modelTitle: Record<Model, string> = {
      'exp-beta': `Exp_β network (Eq. 20-21, β = ${p.beta}): basins are caps of radius r`,
      'zero-temperature': 'Exp_β network at β → ∞ (Eq. 22): basins are caps of radius r',
      softmax: `softmax network (β = ${p.softmaxBeta > 0 ? p.softmaxBeta : `10 / r² = ${first.softmaxBeta.toPrecision(3)}`}): basins are Voronoi cells`,
    };
    const plots: Plot[] = p.models.map((model) => ({
      name: `basins-${model}`,
      title: `Basins of attraction, ${model}`,
      spec: sphereBasinsSpec({
        title: `Fig. 2: ${modelTitle[model]}`,
        notes: [
          `M = ${p.M} random patterns on the unit sphere; r = half their minimum pairwise distance = ${first.r.toPrecision(3)}`,
          `(chordal), so the caps cover M r² / 4 = ${(100 * p.M * capFraction(first.r)).toFixed(1)}% of the sphere. ${p.grid} cues on a Fibonacci lattice,`,
          `coloured by where each converged (first of ${results.length} pattern sets); touching basins never share a colour`,
        ],
        cues,
        destinations: first.destinations[model]!,
        patterns: first.patterns,
        capRadius: first.r,
        capLabel: model === 'softmax' ? 'Exp_β basin boundary (radius r), for comparison' : 'cap of radius r (Property 5.2)',
      }),
    }));
    return {
      rows,
      tables: { cues: cueRows },
      checks,
      plots,
      summary: `Fig. 2: M = ${p.M} random patterns on the unit 2-sphere, r = half their minimum pairwise distance (so the balls of radius r never overlap), cued from ${p.grid} Fibonacci-lattice points on the sphere, ${results.length} pattern sets. A cue ends at a stored pattern when the final state is within r / 10 of it, at the agnostic state when within r / 10 of the origin (the softmax fixed points at finite beta sit slightly off the patterns; mixtures of two patterns are at least r from both). The Exp_beta network (Eq. 20-21 at beta = ${p.beta}, and Eq. 22) uses Euclidean distance in R^3: it recalls a pattern only from cues within chordal distance r (a spherical cap of area fraction r^2 / 4) and returns the origin elsewhere. The softmax network at beta = ${p.softmaxBeta > 0 ? p.softmaxBeta : '10 / r^2'} sends every cue to the pattern with the largest overlap, its Voronoi cell, and never answers agnostically.`,
    };
  },
});
