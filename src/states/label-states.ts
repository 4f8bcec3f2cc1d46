import { InvalidValueError, ShapeError } from '../errors.js';
import { assertBipolarVector, assertLength, type BipolarPatterns } from '../patterns/pattern-set.js';
import { checkBipolarPatterns } from '../network/validate.js';

/** The three classes of stable states (McAlister, Robins and Szymanski 2025). */
export const stateClasses = ['learned', 'prototype', 'spurious'] as const;
/** A class of stable state: `learned`, `prototype` or `spurious`. */
export type StateClass = (typeof stateClasses)[number];

/** A three-pattern mixture `sgn(eps_a xi^a + eps_b xi^b + eps_c xi^c)` a state equals. */
export interface Mixture {
  /** Which pool the three patterns come from. */
  readonly of: 'prototypes' | 'examples';
  /** Their indices in that pool, ascending. */
  readonly indices: readonly [number, number, number];
  /** Their signs `eps`, in the order of `indices`. */
  readonly signs: readonly [number, number, number];
}

/** The label of one state and the distances it was decided by. */
export interface StateLabel {
  readonly kind: StateClass;
  /** Index of the nearest training example, and its Hamming distance (up to sign when `upToSign`). */
  readonly nearestExample: number;
  readonly exampleDistance: number;
  /** Index of the nearest prototype and its distance (-1 and N when there are no prototypes). */
  readonly nearestPrototype: number;
  readonly prototypeDistance: number;
  /** For a spurious state: the three-pattern mixture it equals, if any; otherwise null. */
  readonly mixture: Mixture | null;
}

/** Options of {@link labelStates}. */
export interface LabelOptions {
  /** The training examples (the patterns the network learned). */
  readonly examples: BipolarPatterns;
  /** The prototypes the examples were drawn around (may be empty: no prototype class). */
  readonly prototypes?: BipolarPatterns;
  /** A state not learned within this Hamming distance of a prototype is a prototype state. Defaults to 0 (equal). */
  readonly prototypeRadius?: number;
  /** Compare states up to a global sign flip (`-s` has the label of `s`). Defaults to true. */
  readonly upToSign?: boolean;
  /** Mixture search: only patterns with `|xi . s| >= mixtureCutoff * N` can be components. Defaults to 0.25. */
  readonly mixtureCutoff?: number;
  /** Mixture search: at most this many candidates per pool (largest `|xi . s|` first). Defaults to 16. */
  readonly maxMixtureCandidates?: number;
}

/** Hamming distance between row `mu` of `data` (dimension n) and `s`. */
function distance(data: Int8Array, mu: number, s: ArrayLike<number>, n: number): number {
  let d = 0;
  const base = mu * n;
  for (let j = 0; j < n; j++) if (data[base + j] !== s[j]) d++;
  return d;
}

function nearest(patterns: BipolarPatterns | undefined, s: ArrayLike<number>, upToSign: boolean): { index: number; distance: number } {
  const n = s.length;
  let index = -1;
  let best = n + 1;
  if (!patterns) return { index, distance: n };
  for (let mu = 0; mu < patterns.count; mu++) {
    let d = distance(patterns.data, mu, s, n);
    if (upToSign) d = Math.min(d, n - d);
    if (d < best) {
      best = d;
      index = mu;
    }
  }
  return index < 0 ? { index, distance: n } : { index, distance: best };
}

/**
 * Whether `s` equals `sgn(xi^a + eb xi^b + ec xi^c)` or its negation, for three candidate patterns
 * and signs. A sum of three +/-1 is odd, never 0, and `sgn(-x) = -sgn(x)`, so the eight sign
 * choices are covered by `eps_a = +1`, `eb, ec = +/-1` and the two global signs.
 */
function findMixture(patterns: BipolarPatterns, s: ArrayLike<number>, cutoff: number, maxCandidates: number): { indices: [number, number, number]; signs: [number, number, number] } | null {
  const n = s.length;
  const { count: m, data } = patterns;
  const candidates: { mu: number; overlap: number }[] = [];
  for (let mu = 0; mu < m; mu++) {
    let o = 0;
    const base = mu * n;
    for (let j = 0; j < n; j++) o += data[base + j]! * s[j]!;
    if (Math.abs(o) >= cutoff * n) candidates.push({ mu, overlap: o });
  }
  candidates.sort((x, y) => Math.abs(y.overlap) - Math.abs(x.overlap) || x.mu - y.mu);
  const c = candidates.slice(0, maxCandidates).map((x) => x.mu).sort((x, y) => x - y);
  for (let p = 0; p < c.length; p++) {
    for (let q = p + 1; q < c.length; q++) {
      for (let r = q + 1; r < c.length; r++) {
        const a = c[p]! * n;
        const b = c[q]! * n;
        const d = c[r]! * n;
        for (const eb of [1, -1]) {
          for (const ec of [1, -1]) {
            for (const global of [1, -1]) {
              let equal = true;
              for (let j = 0; j < n && equal; j++) {
                const v = data[a + j]! + eb * data[b + j]! + ec * data[d + j]!;
                if ((v > 0 ? global : -global) !== s[j]) equal = false;
              }
              if (equal) return { indices: [c[p]!, c[q]!, c[r]!], signs: [global, global * eb, global * ec] };
            }
          }
        }
      }
    }
  }
  return null;
}

/**
 * Labels stable states of a network trained on noisy examples of prototypes, by these rules, in
 * order (McAlister, Robins and Szymanski 2025 define the classes; the distances are ours):
 *
 * 1. **learned**: the state equals a training example (Hamming distance 0; with `upToSign`, or
 *    its negation, whose energy profile is the same in a network without thresholds).
 * 2. **prototype**: not learned, and within `prototypeRadius` of a prototype (up to sign likewise).
 * 3. **spurious**: every other state. A spurious state that equals a three-pattern mixture
 *    `sgn(±xi^a ± xi^b ± xi^c)` (Amit, Gutfreund and Sompolinsky 1985) of prototypes, or else of
 *    training examples, has it recorded in `mixture`. Components are searched among the patterns
 *    with `|xi . s| >= mixtureCutoff * N` (a mixture of three random patterns has overlap N / 2
 *    with each), at most `maxMixtureCandidates` per pool, every triple and every sign.
 *
 * @throws {@link NotBipolarError} for non-bipolar states or patterns; {@link ShapeError} if
 * dimensions disagree; {@link InvalidValueError} for a radius or cutoff out of range.
 * @example
 * ```ts
 * const [label] = labelStates([state], { examples: set.patterns, prototypes: set.prototypes, prototypeRadius: 3 });
 * label.kind; // 'learned' | 'prototype' | 'spurious'
 * ```
 */
export function labelStates(states: readonly ArrayLike<number>[], options: LabelOptions): StateLabel[] {
  const { examples, prototypes } = options;
  checkBipolarPatterns('examples', examples);
  if (prototypes) {
    checkBipolarPatterns('prototypes', prototypes);
    if (prototypes.dim !== examples.dim) throw new ShapeError('prototypes', `have dimension ${prototypes.dim} but the examples ${examples.dim}`, 'pass prototypes of the examples\' dimension');
  }
  const n = examples.dim;
  const radius = options.prototypeRadius ?? 0;
  const upToSign = options.upToSign ?? true;
  const cutoff = options.mixtureCutoff ?? 0.25;
  const maxCandidates = options.maxMixtureCandidates ?? 16;
  if (!(Number.isInteger(radius) && radius >= 0 && radius <= n)) throw new InvalidValueError('prototypeRadius', `must be an integer in [0, ${n}], got ${radius}`, 'pass a Hamming distance');
  if (!(cutoff >= 0 && cutoff <= 1)) throw new InvalidValueError('mixtureCutoff', `must be in [0, 1], got ${cutoff}`, 'pass a fraction of N, e.g. 0.25');
  if (!(Number.isInteger(maxCandidates) && maxCandidates >= 3 && maxCandidates <= 64)) throw new InvalidValueError('maxMixtureCandidates', `must be an integer in [3, 64], got ${maxCandidates}`, 'pass e.g. 16 (the search is cubic in it)');
  states.forEach((s, k) => {
    assertLength(`states[${k}]`, s, n);
    assertBipolarVector(`states[${k}]`, s);
  });
  return states.map((s) => {
    const e = nearest(examples, s, upToSign);
    const p = nearest(prototypes, s, upToSign);
    const base = { nearestExample: e.index, exampleDistance: e.distance, nearestPrototype: p.index, prototypeDistance: p.distance };
    if (e.distance === 0) return { kind: 'learned', ...base, mixture: null };
    if (p.index >= 0 && p.distance <= radius) return { kind: 'prototype', ...base, mixture: null };
    let mixture: Mixture | null = null;
    const fromPrototypes = prototypes && prototypes.count >= 3 ? findMixture(prototypes, s, cutoff, maxCandidates) : null;
    if (fromPrototypes) mixture = { of: 'prototypes', ...fromPrototypes };
    else if (examples.count >= 3) {
      const fromExamples = findMixture(examples, s, cutoff, maxCandidates);
      if (fromExamples) mixture = { of: 'examples', ...fromExamples };
    }
    return { kind: 'spurious', ...base, mixture };
  });
}
