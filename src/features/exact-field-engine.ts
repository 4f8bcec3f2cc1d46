import { InvalidValueError } from '../errors.js';
import { encodeBinary, encodingForm, type BinaryEncoding } from './binary-encoding.js';
import type { ExactMemory } from './exact-memory.js';
import type { EnergyFieldEngine } from './feature-field-engine.js';
import { nanField } from './nan-field.js';

/** Options for {@link exactFieldEngine}. */
export interface ExactFieldEngineOptions {
  /** The exact memory whose energy the dynamics lower (its patterns are copied when the engine is built). */
  readonly memory: ExactMemory;
  /** How a bipolar state maps to the memory space; defaults to `'zero-one'`. */
  readonly encoding?: BinaryEncoding;
}

/**
 * `out[mu] = a[mu] + kappa + f xt[base + mu]` and `log sum_mu exp(out[mu])`, shifted by the
 * largest term (no overflow at any beta). O(M).
 *
 * @example
 * ```ts
 * const lse = shiftedLogSumExp(a, Xt, i * M, kappa, beta * delta, M, aAlt);
 * ```
 */
export function shiftedLogSumExp(a: Float64Array, xt: Float64Array, base: number, kappa: number, f: number, m: number, out: Float64Array): number {
  let max = -Infinity;
  for (let mu = 0; mu < m; mu++) {
    const v = a[mu]! + kappa + f * xt[base + mu]!;
    out[mu] = v;
    if (v > max) max = v;
  }
  let sum = 0;
  for (let mu = 0; mu < m; mu++) sum += Math.exp(out[mu]! - max);
  return max + Math.log(sum);
}

/**
 * The exact dense memory as a binary network, the reference for {@link featureFieldEngine}:
 * asynchronous sign updates of a bipolar state that never raise
 * `E(x(s)) = -(1/beta) log sum_mu exp(-beta/2 ||x(s) - xi^mu||^2)` (or the exponential target).
 * Field `h_i = (E(s_i = -1) - E(s_i = +1)) / 2`, the same definition and the same descent
 * argument as the random-feature engine. Each logit `a_mu` (`-beta/2 ||x - xi^mu||^2`, or
 * `beta x . xi^mu`) is a sum of one term per coordinate, and a flip of neuron i swaps coordinate i's
 * term between its two values, so `exp(a_mu)` is multiplied by a factor tabulated once per
 * (i, mu). The engine keeps `w_mu = exp(a_mu - max)`, with `max` the largest logit any state can
 * reach; when every state's logits span less than 700 (beta ||x - xi||^2 < 1400), no weight can
 * underflow and one update costs M multiply-adds. Otherwise it falls back to a shifted
 * log-sum-exp per field (M exponentials). Either way the cost is O(M): this is what the
 * random-feature engine's O(Y) replaces.
 *
 * @throws {@link InvalidValueError} when the memory stores no pattern; from `field`, when a field is
 * NaN (energies that are not finite doubles), never passed on as a tie.
 * @example
 * ```ts
 * const engine = exactFieldEngine({ memory: exactMemory({ dim: 100, beta: 10, patterns: X01 }) });
 * runSchedule(engine, cue, { schedule: 'random-permutation', rng: createRng(1) });
 * ```
 */
export function exactFieldEngine(options: ExactFieldEngineOptions): EnergyFieldEngine {
  const { memory } = options;
  const encoding = options.encoding ?? 'zero-one';
  const { dim: d, beta } = memory;
  const m = memory.count;
  if (m === 0) throw new InvalidValueError('memory', 'stores no pattern', 'store patterns before building the engine');
  const gaussian = memory.target === 'gaussian';
  const { offset, slope } = encodingForm(encoding, d);
  const data = memory.patterns();
  const up = offset + slope;
  const down = offset - slope;
  /** Coordinate j's share of the logit a_mu at x_j = xv. */
  const term = (xv: number, xi: number): number => (gaussian ? -0.5 * beta * (xv - xi) * (xv - xi) : beta * xv * xi);
  // Every state's logits lie in [min_mu aLo_mu, max_mu aHi_mu] (each coordinate contributes one of two values).
  let hiMax = -Infinity;
  let loMin = Infinity;
  for (let mu = 0; mu < m; mu++) {
    let lo = 0;
    let hi = 0;
    for (let j = 0; j < d; j++) {
      const t1 = term(up, data[mu * d + j]!);
      const t2 = term(down, data[mu * d + j]!);
      lo += Math.min(t1, t2);
      hi += Math.max(t1, t2);
    }
    hiMax = Math.max(hiMax, hi);
    loMin = Math.min(loMin, lo);
  }
  // Multiplicative path: weights w_mu = exp(a_mu - hiMax) stay in [e^-700, 1] for every state, so a flip
  // multiplies them by table factors (no exp per update, no underflow). Otherwise: shifted log-sum-exp per field.
  const multiplicative = hiMax - loMin < 700;
  const shift = hiMax;
  const fUp = new Float64Array(multiplicative ? d * m : 0);
  const fDown = new Float64Array(multiplicative ? d * m : 0);
  const xt = new Float64Array(multiplicative ? 0 : d * m);
  for (let mu = 0; mu < m; mu++) {
    for (let j = 0; j < d; j++) {
      const xi = data[mu * d + j]!;
      if (multiplicative) {
        const g = term(up, xi) - term(down, xi);
        fUp[j * m + mu] = Math.exp(g);
        fDown[j * m + mu] = Math.exp(-g);
      } else {
        xt[j * m + mu] = xi;
      }
    }
  }
  let a = new Float64Array(m);
  let aAlt = new Float64Array(m);
  const x = new Float64Array(d);
  const cur = new Int8Array(d);
  let lse = 0;
  let weight = 0;
  let cacheI = -1;
  let cacheLse = 0;
  let evaluations = 0;
  const shiftOf = (xOld: number, xNew: number): number => (gaussian ? -0.5 * beta * (xNew * xNew - xOld * xOld) : 0);

  return {
    size: d,
    clipped: 0,
    get evaluations() { return evaluations; },
    energy(state) {
      return memory.energy(encodeBinary(state, encoding, x));
    },
    reset(state) {
      cur.set(state);
      encodeBinary(state, encoding, x);
      let max = -Infinity;
      for (let mu = 0; mu < m; mu++) {
        const base = mu * d;
        let acc = 0;
        if (gaussian) { for (let j = 0; j < d; j++) { const t = x[j]! - data[base + j]!; acc += t * t; } }
        else for (let j = 0; j < d; j++) acc += x[j]! * data[base + j]!;
        acc = gaussian ? -0.5 * beta * acc : beta * acc;
        a[mu] = acc;
        if (acc > max) max = acc;
      }
      if (multiplicative) {
        weight = 0;
        for (let mu = 0; mu < m; mu++) { a[mu] = Math.exp(a[mu]! - shift); weight += a[mu]!; }
        lse = shift + Math.log(weight);
      } else {
        let sum = 0;
        for (let mu = 0; mu < m; mu++) sum += Math.exp(a[mu]! - max);
        lse = max + Math.log(sum);
      }
      cacheI = -1;
      evaluations = 0;
    },
    field(i) {
      const si = cur[i]!;
      let lseAlt: number;
      if (multiplicative) {
        lseAlt = shift + Math.log(weightedSum(a, si < 0 ? fUp : fDown, i * m, m));
      } else {
        const xCur = offset + slope * si;
        const xAlt = offset - slope * si;
        lseAlt = shiftedLogSumExp(a, xt, i * m, shiftOf(xCur, xAlt), beta * (xAlt - xCur), m, aAlt);
        cacheI = i;
        cacheLse = lseAlt;
      }
      evaluations++;
      // E = -lse / beta: h_i = (E- - E+) / 2.
      const field = si > 0 ? (lse - lseAlt) / (2 * beta) : (lseAlt - lse) / (2 * beta);
      if (Number.isNaN(field)) throw nanField(i, -lse / beta, -lseAlt / beta);
      return field;
    },
    flip(i, state) {
      const si = cur[i]!;
      if (state[i] === si) return;
      if (multiplicative) {
        weight = scaleWeights(a, si < 0 ? fUp : fDown, i * m, m);
        lse = shift + Math.log(weight);
      } else {
        if (cacheI === i) {
          lse = cacheLse;
        } else {
          const xCur = offset + slope * si;
          const xNew = offset - slope * si;
          lse = shiftedLogSumExp(a, xt, i * m, shiftOf(xCur, xNew), beta * (xNew - xCur), m, aAlt);
        }
        const t = a; a = aAlt; aAlt = t;
      }
      cur[i] = -si;
      cacheI = -1;
    },
  };
}

/** `sum_mu w[mu] f[base + mu]`: the weight after a move, without applying it. */
function weightedSum(w: Float64Array, f: Float64Array, base: number, m: number): number {
  let s = 0;
  for (let mu = 0; mu < m; mu++) s += w[mu]! * f[base + mu]!;
  return s;
}

/** `w[mu] *= f[base + mu]`, returning the new `sum_mu w[mu]` (same products and order as {@link weightedSum}). */
function scaleWeights(w: Float64Array, f: Float64Array, base: number, m: number): number {
  let s = 0;
  for (let mu = 0; mu < m; mu++) {
    const v = w[mu]! * f[base + mu]!;
    w[mu] = v;
    s += v;
  }
  return s;
}
