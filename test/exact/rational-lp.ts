/**
 * An independent exact LP for the tests: Gordan's alternative decided by a phase-1 simplex over
 * exact rationals (BigInt fractions, Bland's rule, so it terminates). Points `a_mu` (integer rows)
 * are NOT strictly separable through the origin iff there is `lambda >= 0` with
 * `sum_mu lambda_mu a_mu = 0` and `sum_mu lambda_mu = 1`: the phase-1 optimum is 0 exactly then.
 * Written plainly and separately from plasticity/exact (which uses Wolfe's min-norm point in floats).
 */
type Frac = readonly [bigint, bigint]; // numerator, denominator > 0

const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
};
const norm = (n: bigint, d: bigint): Frac => {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return [n / g, d / g];
};
const sub = (a: Frac, b: Frac): Frac => norm(a[0] * b[1] - b[0] * a[1], a[1] * b[1]);
const mul = (a: Frac, b: Frac): Frac => norm(a[0] * b[0], a[1] * b[1]);
const div = (a: Frac, b: Frac): Frac => norm(a[0] * b[1], a[1] * b[0]);
const less = (a: Frac, b: Frac): boolean => a[0] * b[1] < b[0] * a[1];

/** True iff the integer points (rows of `a`, m x d) are strictly separable through the origin. */
export function separableByExactLp(a: readonly (readonly number[])[]): boolean {
  const m = a.length;
  const d = a[0]!.length;
  const rows = d + 1;
  const cols = m + rows; // lambda, then one artificial per row
  // Tableau rows: constraint rows then the objective (sum of artificials, expressed in non-basics).
  const T: Frac[][] = [];
  for (let r = 0; r < rows; r++) {
    const row: Frac[] = [];
    for (let mu = 0; mu < m; mu++) row.push([BigInt(r < d ? a[mu]![r]! : 1), 1n]);
    for (let k = 0; k < rows; k++) row.push([k === r ? 1n : 0n, 1n]);
    row.push([r < d ? 0n : 1n, 1n]); // right-hand side (>= 0)
    T.push(row);
  }
  const basis = Array.from({ length: rows }, (_, r) => m + r);
  // Reduced costs of minimising sum of artificials: c_j - sum_r T[r][j] over the rows.
  const z: Frac[] = [];
  for (let j = 0; j <= cols; j++) {
    let s: Frac = [j >= m && j < cols ? 1n : 0n, 1n];
    if (j === cols) s = [0n, 1n];
    for (let r = 0; r < rows; r++) s = sub(s, T[r]![j]!);
    z.push(s);
  }
  for (;;) {
    let enter = -1;
    for (let j = 0; j < cols; j++) if (z[j]![0] < 0n) { enter = j; break; } // Bland: first improving column
    if (enter < 0) break;
    let leave = -1;
    let best: Frac = [0n, 1n];
    for (let r = 0; r < rows; r++) {
      const e = T[r]![enter]!;
      if (e[0] <= 0n) continue;
      const ratio = div(T[r]![cols]!, e);
      if (leave < 0 || less(ratio, best) || (!less(best, ratio) && basis[r]! < basis[leave]!)) {
        leave = r;
        best = ratio;
      }
    }
    if (leave < 0) break; // unbounded cannot happen for phase 1 (objective >= 0)
    const p = T[leave]![enter]!;
    T[leave] = T[leave]!.map((v) => div(v, p));
    for (let r = 0; r < rows; r++) {
      if (r === leave) continue;
      const f = T[r]![enter]!;
      if (f[0] === 0n) continue;
      T[r] = T[r]!.map((v, j) => sub(v, mul(f, T[leave]![j]!)));
    }
    const f = z[enter]!;
    for (let j = 0; j <= cols; j++) z[j] = sub(z[j]!, mul(f, T[leave]![j]!));
    basis[leave] = enter;
  }
  // Phase-1 optimum = -z[cols]; it is 0 exactly when the Farkas system is feasible (inseparable).
  return z[cols]![0] !== 0n;
}
