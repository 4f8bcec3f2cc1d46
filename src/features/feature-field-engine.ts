import type { FieldEngine } from '../network/field-engine.js';
import { encodeBinary, encodingForm, type BinaryEncoding } from './binary-encoding.js';
import type { FeatureMemory } from './feature-memory.js';
import { nanField } from './nan-field.js';
import { featurePairs, kindCode, moveAll, movedSum } from './psi-loops.js';

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
 * **O(Y) per update.** Neuron i changes only `x_i`, by `+/- 2 slope` of the encoding, which moves
 * the projection `h = sqrt(beta) S x` along column i of S: `h_k -> h_k + sigma Delta_ik`. The engine
 * keeps, per projection, the pair `(P_k, Q_k)` of feature sums at the current h (a complex number
 * `T e^{ih}` for the trigonometric maps, `T e^{+/-h}` for the positive ones), so the sum after the
 * move is `sum_k cos(Delta_ik) P_k + sigma sin(Delta_ik) Q_k` (cosh/sinh for positive maps): 2Y
 * multiply-adds against tables built once, no transcendental function per update, whatever M.
 * `flip` rotates the pairs (4Y multiply-adds); `reset` recomputes h and the pairs in O(Y d). The
 * tables hold 2 d Y numbers, built from S (regenerable from the map's seed) when the engine is made.
 *
 * @throws `InvalidValueError` from `field` when a field is NaN (energies that are not finite
 * doubles): never passed on as a tie.
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
  const hyperbolic = code >= 2;
  const { gamma, logScale, b } = map;
  const logClip = Math.log(clip);
  // A flip of neuron i moves h by sigma Delta_i, Delta_ik = 2 slope sqrt(beta) S_ki, sigma = +/-1. Tables of
  // cos/sin (or cosh/sinh) of Delta, neuron-major: neuron i's column is [i * Y, i * Y + Y).
  const C = new Float64Array(d * y);
  const Sn = new Float64Array(d * y);
  const step = 2 * slope * Math.sqrt(beta);
  for (let k = 0; k < y; k++) {
    for (let j = 0; j < d; j++) {
      const delta = step * map.S[k * d + j]!;
      C[j * y + k] = hyperbolic ? Math.cosh(delta) : Math.cos(delta);
      Sn[j * y + k] = hyperbolic ? Math.sinh(delta) : Math.sin(delta);
    }
  }
  const h = new Float64Array(y);
  const P = new Float64Array(y);
  const Q = new Float64Array(y);
  const x = new Float64Array(d);
  const cur = new Int8Array(d);
  let q = 0;
  let v = 0;
  let eCur = 0;
  let clipped = 0;
  let evaluations = 0;
  /** `log <phi(x), T>` from `v` and `||x||^2` (-Infinity when v <= 0, NaN for a NaN sum so it reaches the field check). */
  const logSim = (vv: number, qq: number): number => (vv > 0 ? logScale - gamma * qq + Math.log(vv) : vv <= 0 ? -Infinity : NaN);

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
      v = featurePairs(code, T, h, b, y, P, Q);
      eCur = -Math.max(logSim(v, q), logClip) / beta;
      clipped = 0;
      evaluations = 0;
    },
    field(i) {
      const si = cur[i]!;
      // x_i moves from offset + slope s_i to offset - slope s_i: h moves by -s_i Delta_i.
      const vAlt = movedSum(C, Sn, i * y, P, Q, -si, y);
      const xCur = offset + slope * si;
      const xAlt = offset - slope * si;
      const lsAlt = logSim(vAlt, q + xAlt * xAlt - xCur * xCur);
      evaluations++;
      if (lsAlt < logClip) clipped++;
      const eAlt = -Math.max(lsAlt, logClip) / beta;
      const field = si > 0 ? 0.5 * (eAlt - eCur) : 0.5 * (eCur - eAlt);
      if (Number.isNaN(field)) throw nanField(i, eCur, eAlt);
      return field;
    },
    flip(i, state) {
      const si = cur[i]!;
      if (state[i] === si) return;
      v = moveAll(C, Sn, i * y, P, Q, -si, y, hyperbolic);
      const xCur = offset + slope * si;
      const xNew = offset - slope * si;
      q += xNew * xNew - xCur * xCur;
      cur[i] = -si;
      eCur = -Math.max(logSim(v, q), logClip) / beta;
    },
  };
}
