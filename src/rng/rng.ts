import seedrandom from 'seedrandom';
import { InvalidValueError, assertInRange, assertPositive } from '../errors.js';

/** Saved state of an {@link Rng}; plain JSON, so it can go into a checkpoint. */
export interface RngState {
  readonly seed: string;
  readonly generator: object;
  readonly spareNormal: number | null;
}

/**
 * The one source of randomness in kmn: a seeded generator injected into every function that
 * draws random numbers. Backed by seedrandom's Alea generator (fast, period ~2^116).
 *
 * Child streams ({@link Rng.child}) are derived from the seed and a key, not from the parent's
 * position, so work split across worker threads draws the same numbers whatever the split.
 *
 * @example
 * ```ts
 * const rng = createRng(42);
 * const x = rng.normal();
 * const trial = rng.child('trial:3'); // independent, reproducible stream
 * const saved = rng.state();
 * const again = restoreRng(saved);   // continues exactly where rng is
 * ```
 */
export interface Rng {
  /** The seed this stream was created from. */
  readonly seed: string;
  /** Uniform on [0, 1) with 53 bits of resolution. */
  uniform(): number;
  /** Uniform on [lo, hi). */
  uniformIn(lo: number, hi: number): number;
  /** Uniform on [0, 1) with 32 bits of resolution (faster, for hot loops). */
  uniform32(): number;
  /** Standard normal N(0, 1) (Marsaglia polar method). */
  normal(): number;
  /** Exponential waiting time with the given rate. */
  exponential(rate: number): number;
  /** +1 with probability `f`, otherwise -1. */
  bipolar(f?: number): 1 | -1;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** A uniformly random permutation of 0..n-1 (Fisher-Yates), written into `out` if given. */
  permutation(n: number, out?: Int32Array): Int32Array;
  /** Shuffles `array` in place (Fisher-Yates) and returns it. */
  shuffle<T extends { length: number; [i: number]: any }>(array: T): T;
  /** A uniformly chosen element of `items`. */
  choice<T>(items: readonly T[]): T;
  /** `k` distinct indices from 0..n-1, in random order. */
  sample(n: number, k: number): Int32Array;
  /** An independent stream derived from this stream's seed and `key`. */
  child(key: string | number): Rng;
  /** The current state; {@link restoreRng} continues the same sequence from it. */
  state(): RngState;
}

type AleaPrng = seedrandom.PRNG & { state(): object };

class AleaRng implements Rng {
  readonly seed: string;
  private readonly prng: AleaPrng;
  private spare: number | null;

  constructor(seed: string, generator?: object, spare: number | null = null) {
    this.seed = seed;
    this.prng = (generator
      ? seedrandom.alea('', { state: generator as never })
      : seedrandom.alea(seed, { state: true })) as AleaPrng;
    this.spare = spare;
  }

  uniform(): number {
    return this.prng.double();
  }

  uniformIn(lo: number, hi: number): number {
    return lo + (hi - lo) * this.prng.double();
  }

  uniform32(): number {
    return this.prng();
  }

  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    let u: number;
    let v: number;
    let q: number;
    do {
      u = 2 * this.prng.double() - 1;
      v = 2 * this.prng.double() - 1;
      q = u * u + v * v;
    } while (q >= 1 || q === 0);
    const scale = Math.sqrt((-2 * Math.log(q)) / q);
    this.spare = v * scale;
    return u * scale;
  }

  exponential(rate: number): number {
    assertPositive('rate', rate);
    return -Math.log(1 - this.prng.double()) / rate;
  }

  bipolar(f = 0.5): 1 | -1 {
    return this.prng() < f ? 1 : -1;
  }

  int(n: number): number {
    return Math.floor(this.prng() * n);
  }

  permutation(n: number, out?: Int32Array): Int32Array {
    const p = out ?? new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    return this.shuffle(p);
  }

  shuffle<T extends { length: number; [i: number]: any }>(array: T): T {
    for (let i = array.length - 1; i > 0; i--) {
      const j = Math.floor(this.prng() * (i + 1));
      const t = array[i];
      array[i] = array[j];
      array[j] = t;
    }
    return array;
  }

  choice<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('choice: items is empty');
    return items[this.int(items.length)]!;
  }

  sample(n: number, k: number): Int32Array {
    assertInRange('k', k, 0, n);
    const pool = new Int32Array(n);
    for (let i = 0; i < n; i++) pool[i] = i;
    // Partial Fisher-Yates: the first k slots end up a uniform k-subset in random order.
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(this.prng() * (n - i));
      const t = pool[i]!;
      pool[i] = pool[j]!;
      pool[j] = t;
    }
    return pool.slice(0, k);
  }

  child(key: string | number): Rng {
    return new AleaRng(`${this.seed}/${key}`);
  }

  state(): RngState {
    return { seed: this.seed, generator: this.prng.state(), spareNormal: this.spare };
  }
}

/**
 * Creates a seeded {@link Rng}. The same seed always yields the same numbers.
 *
 * @param seed - any string, or a non-negative safe integer (as `--seed` accepts); numbers are
 *   converted with `String(seed)`.
 * @throws {@link InvalidValueError} for a negative, fractional, non-finite or unsafe number.
 * @example
 * ```ts
 * const rng = createRng(1);
 * rng.uniform(); // same value on every machine
 * ```
 */
export function createRng(seed: string | number): Rng {
  if (typeof seed === 'number') assertPositiveIntegerOrZero('seed', seed);
  return new AleaRng(String(seed));
}

/**
 * Recreates an {@link Rng} from a saved {@link RngState}; it continues the saved sequence.
 *
 * @example
 * ```ts
 * const saved = rng.state();
 * const a = rng.uniform();
 * restoreRng(saved).uniform() === a; // true
 * ```
 */
export function restoreRng(state: RngState): Rng {
  return new AleaRng(state.seed, state.generator, state.spareNormal);
}

// The same rule as `kmn run --seed`: a whole number in [0, 2^53 - 1].
function assertPositiveIntegerOrZero(parameter: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new InvalidValueError(parameter, `must be a non-negative safe integer, got ${value}`, 'pass a whole number >= 0 (or a string seed)');
  }
}
