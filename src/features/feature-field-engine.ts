import type { FieldEngine } from '../network/field-engine.js';
import { encodeBinary, encodingForm, type BinaryEncoding } from './binary-encoding.js';
import type { FeatureMemory } from './feature-memory.js';
import { kindCode, psiShifted, psiValue } from './psi-loops.js';

/** Options for {@link featureFieldEngine}. */
export interface FeatureFieldEngineOptions {
  /** The random-feature memory whose energy the dynamics lower (T must not change during a run). */
  readonly memory: FeatureMemory;
  /** How a bipolar state maps to the memory space; defaults to `'zero-one'` (Hoover et al.'s binary setting). */
  readonly encoding?: BinaryEncoding;
}

/**
 * A binary network that lowers a dense associative memory's energy, driven by the schedule
 * runner like every other network: a {@link FieldEngine} plus the energy it descends.
 *
 * @example
 * ```ts
 * const engine = featureFieldEngine({ memory });
 * const { state } = runSchedule(engine, cue, { schedule: 'random-permutation', rng });
 * engine.energy(state) <= engine.energy(cue); // true
 * ```
 */
export interface EnergyFieldEngine extends FieldEngine {
  /** The energy of a bipolar state (computed from scratch, at `x = encode(state)`). */
  energy(state: ArrayLike<number>): number;
  /** Evaluations of the other state's energy inside `field` that hit the clip floor, since the last `reset`. */
  readonly clipped: number;
  /** Evaluations of the other state's energy inside `field` since the last `reset`. */
  readonly evaluations: number;
}

/**
 * The event-driven binary random-feature memory: asynchronous sign updates of a bipolar state
 * `s` that never raise the approximate energy `E~(x(s))` (Hoover et al. 2024's DrDAM energy at
 * `x = encode(s)`), at a cost per update of O(Y), independent of the number of stored patterns M.
 *
 * **Field.** With `E+ = E~(s, s_i = +1)` and `E- = E~(s, s_i = -1)` (all other neurons as they
 * are), the field of neuron i is `h_i = (E- - E+) / 2`. It does not depend on `s_i`. The factor
 * 1/2 is the Hopfield convention (for `E = -1/2 s^T W s` with zero diagonal, `E- - E+ = 2 h_i`),
 * so Glauber noise at temperature T, `P(+1) = 1 / (1 + exp(-2 h_i / T))`, gives
 * `P(+1) / P(-1) = exp(-(E+ - E-) / T)`: heat-bath dynamics of `E~` at temperature T.
 *
 * **Why an update never raises E~.** Before the update the energy is `E+` or `E-` (the current
 * value of `s_i`). The update sets `s_i = sgn(h_i)`: `+1` when `E+ < E-`, `-1` when `E- < E+`, and
 * when `E+ = E-` either choice leaves the energy unchanged. So after the update the energy is
 * `min(E+, E-)`, which is at most its value before. This holds for the clipped energy too (the
 * argument uses only that `E~` is a function of the state), so at T = 0 every asynchronous
 * schedule (fixed, random permutation, random sequential, Poisson) gives a non-increasing energy.
 * A synchronous step changes many neurons at once and carries no such guarantee.
 *
 * **O(Y) per update.** The engine keeps `h = sqrt(beta) S x` and `||x||^2`. Neuron i changes only
 * `x_i`, by `delta = +/- 2 slope` of the encoding, so the other state's projection is
 * `h + delta sqrt(beta) S_{:,i}`: one column of S (stored contiguously), Y multiply-adds and Y (or
 * 2Y) transcendental evaluations against T. `flip` adopts the projection `field` just computed
 * for that neuron, or rebuilds it in O(Y). `reset` recomputes everything in O(Y d).
 *
 * @example
 * ```ts
 * const map = randomFeatureMap({ kind: 'sin-cos', features: 2000, dim: 100, beta: 10, rng: createRng(1) });
 * const memory = featureMemory({ map, patterns: X01 }); // X01: patterns in {0, 1}/sqrt(d)
 * const engine = featureFieldEngine({ memory });
 * const result = runSchedule(engine, cue, { schedule: 'random-permutation', rng: createRng(2) });
 * ```
 */
export function featureFieldEngine(options: FeatureFieldEngineOptions): EnergyFieldEngine {
  const { memory } = options;
  const encoding = options.encoding ?? 'zero-one';
  const { map, T, clip, beta } = memory;
  const d = map.dim;
  const y = map.features;
  const { offset, slope } = encodingForm(encoding, d);
  const code = kindCode(map.kind);
  const { gamma, logScale, b } = map;
  const logClip = Math.log(clip);
  // Columns of sqrt(beta) S, neuron-major: neuron i's column is St[i * Y .. i * Y + Y).
  const st = new Float64Array(d * y);
  const sb = Math.sqrt(beta);
  for (let k = 0; k < y; k++) for (let j = 0; j < d; j++) st[j * y + k] = sb * map.S[k * d + j]!;
  let h = new Float64Array(y);
  let hAlt = new Float64Array(y);
  const x = new Float64Array(d);
  const cur = new Int8Array(d);
  let q = 0;
  let v = 0;
  let cacheI = -1;
  let cacheV = 0;
  let cacheQ = 0;
  let clipped = 0;
  let evaluations = 0;

  let eCur = 0;
  /** `log <phi(x), T>` from `v` and `||x||^2` (-Infinity when v <= 0). */
  const logSim = (vv: number, qq: number): number => (vv > 0 ? logScale - gamma * qq + Math.log(vv) : -Infinity);

  return {
    size: d,
    get clipped() { return clipped; },
    get evaluations() { return evaluations; },
    energy(state) {
      return memory.energy(encodeBinary(state, encoding, x));
    },
    reset(state) {
      cur.set(state);
      encodeBinary(state, encoding, x);
      map.project(x, h);
      q = 0;
      for (let j = 0; j < d; j++) q += x[j]! * x[j]!;
      v = psiValue(code, T, h, b, y, null);
      eCur = -Math.max(logSim(v, q), logClip) / beta;
      cacheI = -1;
      clipped = 0;
      evaluations = 0;
    },
    field(i) {
      const si = cur[i]!;
      const xCur = offset + slope * si;
      const xAlt = offset - slope * si;
      const vAlt = psiShifted(code, T, h, b, y, st, i * y, xAlt - xCur, hAlt);
      const qAlt = q + xAlt * xAlt - xCur * xCur;
      cacheI = i;
      cacheV = vAlt;
      cacheQ = qAlt;
      const lsAlt = logSim(vAlt, qAlt);
      evaluations++;
      if (lsAlt < logClip) clipped++;
      const eAlt = -Math.max(lsAlt, logClip) / beta;
      const field = si > 0 ? 0.5 * (eAlt - eCur) : 0.5 * (eCur - eAlt);
      return Number.isNaN(field) ? 0 : field;
    },
    flip(i, state) {
      const si = cur[i]!;
      if (state[i] === si) return;
      if (cacheI === i) {
        const t = h; h = hAlt; hAlt = t;
        v = cacheV;
        q = cacheQ;
      } else {
        const xCur = offset + slope * si;
        const xNew = offset - slope * si;
        v = psiShifted(code, T, h, b, y, st, i * y, xNew - xCur, hAlt);
        const t = h; h = hAlt; hAlt = t;
        q += xNew * xNew - xCur * xCur;
      }
      cur[i] = -si;
      eCur = -Math.max(logSim(v, q), logClip) / beta;
      cacheI = -1;
    },
  };
}
