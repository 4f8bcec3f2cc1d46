/**
 * A field on its true scale from its shifted form: exponential kernels (those with `logK`) sum
 * `alpha^mu xi^mu exp(l^mu - shift)` with `shift = max_mu l^mu`, so nothing overflows while
 * summing; the field itself is `sum exp(shift) - theta`. Where that leaves the double range the
 * result saturates but keeps its sign, so `sgn` of the returned value is always exact: `+/-Infinity`
 * on overflow, and `+/-Number.MIN_VALUE` when `exp(shift)` underflows with `theta = 0` (a plain 0
 * would turn a negative field into a tie).
 *
 * @param sum - `sum_mu alpha^mu xi^mu exp(l^mu - shift)`, without the threshold.
 * @param shift - the shift subtracted from every log kernel value (0 for kernels without `logK`).
 * @param theta - the neuron's threshold.
 * @example
 * ```ts
 * unshiftField(0.5, 1000, 0); // Infinity: 0.5 e^1000 overflows, but its sign is right
 * unshiftField(0.5, Math.log(4), 1); // 1 = 0.5 * 4 - 1
 * ```
 */
export function unshiftField(sum: number, shift: number, theta: number): number {
  if (shift === 0) return sum - theta;
  if (sum === 0) return -theta;
  const h = sum * Math.exp(shift);
  if (h === 0 && theta === 0) return sum > 0 ? Number.MIN_VALUE : -Number.MIN_VALUE;
  return h - theta;
}
