import { InvalidValueError } from '../errors.js';
import { encodeBinary, encodingForm, type BinaryEncoding } from './binary-encoding.js';
import type { ExactMemory } from './exact-memory.js';
import type { EnergyFieldEngine } from './feature-field-engine.js';

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
 * argument as the random-feature engine. It keeps the M logits `a_mu` (`-beta/2` times squared
 * distances, or `beta x . xi`): neuron i changes `x_i` by `delta`, which moves every logit by
 * `kappa + beta delta xi_i^mu` (`kappa = -beta/2 (x_i'^2 - x_i^2)` for the Gaussian target), so
 * one update costs O(M): this is the cost the random-feature engine's O(Y) replaces.
 *
 * @throws {@link InvalidValueError} when the memory stores no pattern.
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
  const xt = new Float64Array(d * m);
  for (let mu = 0; mu < m; mu++) for (let j = 0; j < d; j++) xt[j * m + mu] = data[mu * d + j]!;
  let a = new Float64Array(m);
  let aAlt = new Float64Array(m);
  const x = new Float64Array(d);
  const cur = new Int8Array(d);
  let lse = 0;
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
        let acc = 0;
        if (gaussian) { for (let j = 0; j < d; j++) { const t = x[j]! - data[mu * d + j]!; acc += t * t; } }
        else for (let j = 0; j < d; j++) acc += x[j]! * data[mu * d + j]!;
        a[mu] = gaussian ? -0.5 * beta * acc : beta * acc;
        if (a[mu]! > max) max = a[mu]!;
      }
      let sum = 0;
      for (let mu = 0; mu < m; mu++) sum += Math.exp(a[mu]! - max);
      lse = max + Math.log(sum);
      cacheI = -1;
      evaluations = 0;
    },
    field(i) {
      const si = cur[i]!;
      const xCur = offset + slope * si;
      const xAlt = offset - slope * si;
      const lseAlt = shiftedLogSumExp(a, xt, i * m, shiftOf(xCur, xAlt), beta * (xAlt - xCur), m, aAlt);
      cacheI = i;
      cacheLse = lseAlt;
      evaluations++;
      // E = -lse / beta: h_i = (E- - E+) / 2.
      const field = si > 0 ? (lse - lseAlt) / (2 * beta) : (lseAlt - lse) / (2 * beta);
      return Number.isNaN(field) ? 0 : field;
    },
    flip(i, state) {
      const si = cur[i]!;
      if (state[i] === si) return;
      if (cacheI === i) {
        lse = cacheLse;
      } else {
        const xCur = offset + slope * si;
        const xNew = offset - slope * si;
        lse = shiftedLogSumExp(a, xt, i * m, shiftOf(xCur, xNew), beta * (xNew - xCur), m, aAlt);
      }
      const t = a; a = aAlt; aAlt = t;
      cur[i] = -si;
      cacheI = -1;
    },
  };
}
