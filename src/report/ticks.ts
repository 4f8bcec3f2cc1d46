import { InvalidValueError } from '../errors.js';

/** Tick values of an axis and the label printed at each. */
export interface AxisTicks {
  readonly values: readonly number[];
  readonly labels: readonly string[];
}

const superscripts: Record<string, string> = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };

/** `10⁻⁵`, `2×10⁴`: a power of ten with a Unicode superscript exponent. */
function powerLabel(mantissa: number, exponent: number): string {
  const power = `10${String(exponent).split('').map((c) => superscripts[c]).join('')}`;
  return mantissa === 1 ? power : `${mantissa}×${power}`;
}

/** Rounds away binary noise (0.30000000000000004 -> 0.3). */
function clean(v: number): number {
  return Number(v.toPrecision(12));
}

/**
 * A number as a tick label: plain decimals between 10⁻³ and 10⁵ (as many decimals as `step`
 * needs), powers of ten outside.
 */
function formatTick(v: number, step: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) {
    const e = Math.floor(Math.log10(a) + 1e-9);
    const m = clean(v / 10 ** e);
    return powerLabel(m, e);
  }
  const decimals = Math.max(0, Math.min(15, -Math.floor(Math.log10(step) + 1e-9)));
  return v.toFixed(decimals).replace(/^-0$/, '0');
}

/**
 * Evenly spaced ticks on a linear axis at the coarsest 1-2-5 step that gives at least
 * `max(3, target - 2)` inside `[lo, hi]`; with `integer`, the step is a whole number.
 */
function linearTicks(lo: number, hi: number, target: number, integer: boolean): AxisTicks {
  const span = hi - lo;
  let best: number[] = [];
  let bestStep = span;
  for (let e = Math.floor(Math.log10(span)) + 1; e >= Math.floor(Math.log10(span)) - 3; e--) {
    for (const m of [5, 2, 1]) {
      const step = m * 10 ** e;
      if (integer && step < 1) continue;
      const values: number[] = [];
      // Integer multiples of the step, not a running sum: 0 stays 0 (a sum drifts to 5.55e-17).
      for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + 1e-9 * step; k++) values.push(clean(k * step));
      if (values.length >= 3 || values.length > best.length) { best = values; bestStep = step; }
      if (values.length >= Math.max(3, target - 2)) return { values, labels: values.map((v) => formatTick(v, step)) };
    }
  }
  return { values: best, labels: best.map((v) => formatTick(v, bestStep)) };
}

/**
 * Ticks on a log axis: decades when the axis spans three or more (every second or third decade
 * when there are many), else 1-2-5 per decade, else 1-9 per decade, else linear ticks: always the
 * coarsest set that gives at least three labels, so labels never crowd.
 */
function logTicks(lo: number, hi: number, target: number): AxisTicks {
  const l0 = Math.log10(lo);
  const l1 = Math.log10(hi);
  const pick = (mantissas: readonly number[], every = 1): number[] => {
    const out: number[] = [];
    for (let e = Math.floor(l0); e <= Math.ceil(l1); e++) {
      if (e % every !== 0) continue;
      for (const m of mantissas) {
        const l = Math.log10(m) + e;
        if (l >= l0 - 1e-9 && l <= l1 + 1e-9) out.push(clean(m * 10 ** e));
      }
    }
    return out;
  };
  const label = (v: number): string => {
    const e = Math.floor(Math.log10(v) + 1e-9);
    const m = clean(v / 10 ** e);
    if (e >= -3 && e <= 4) return String(v);
    return powerLabel(m, e);
  };
  for (const every of [1, 2, 3, 5, 10]) {
    const decades = pick([1], every);
    if (decades.length >= 3 && decades.length <= target + 2) return { values: decades, labels: decades.map(label) };
  }
  for (const mantissas of [[1, 2, 5], [1, 2, 3, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9]]) {
    const values = pick(mantissas);
    if (values.length >= 3) return { values, labels: values.map(label) };
  }
  return linearTicks(lo, hi, target, false);
}

/**
 * Tick values and labels for an axis over `domain`: at least three labels, never crowded (about
 * `target` of them), 1-2-5 steps on linear axes (whole numbers with `integer`), decades or 1-2-5
 * mantissas on log axes, powers of ten written `10⁻⁵` outside 10⁻³ ... 10⁴.
 *
 * @throws InvalidValueError for an empty or reversed domain, or a log domain not above zero.
 * @example
 * ```ts
 * axisTicks([1e-6, 0.5], { scale: 'log' }).labels; // ['10⁻⁶', '10⁻⁵', '0.0001', '0.001', '0.01', '0.1']
 * axisTicks([8, 16], { integer: true }).values;     // [8, 10, 12, 14, 16]
 * ```
 */
export function axisTicks(domain: readonly [number, number], options: { scale?: 'linear' | 'log'; integer?: boolean; target?: number } = {}): AxisTicks {
  const [lo, hi] = domain;
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo)) throw new InvalidValueError('domain', `must be finite and increasing, got [${lo}, ${hi}]`, 'give two different finite values, the smaller first');
  const target = options.target ?? 6;
  if (options.scale === 'log') {
    if (!(lo > 0)) throw new InvalidValueError('domain', `must be above zero on a log axis, got [${lo}, ${hi}]`, 'use a linear axis or a positive floor');
    return logTicks(lo, hi, target);
  }
  return linearTicks(lo, hi, target, options.integer ?? false);
}

/**
 * A Vega expression that prints the label of each tick value (exact match on the values given to
 * the axis), so labels do not depend on Vega's number formats.
 *
 * @example
 * ```ts
 * const t = axisTicks([1e-6, 1], { scale: 'log' });
 * const axis = { values: t.values, labelExpr: labelExpression(t) };
 * ```
 */
export function labelExpression(ticks: AxisTicks): string {
  const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return `${ticks.values.map((v, k) => `datum.value === ${v} ? ${quote(ticks.labels[k]!)} : `).join('')}datum.label`;
}
