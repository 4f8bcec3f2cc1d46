import { InvalidValueError, assertPositiveInteger } from '../src/errors.js';
import { binomial } from '../src/linalg/special.js';
import { polynomial } from '../src/kernels/inner-product.js';
import type { NeuronModel } from '../src/network/neuron-model.js';

/** Options for {@link sigmaPiNeuron}. */
export interface SigmaPiOptions {
  /** Degree p >= 1 of the polynomial kernel `(x . y + c)^p`. */
  readonly degree: number;
  /** Offset c >= 0 (defaults to 1, the kernel of Sec. 5). */
  readonly c?: number;
  /** Refuse to build more monomials than this (the feature form is for small N). Defaults to 2e5. */
  readonly maxFeatures?: number;
}

/**
 * Number of sequences of length k over d symbols in which the symbols of one fixed s-set occur
 * an odd number of times and all others an even number: `k! [t^k] sinh(t)^s cosh(t)^(d-s)`,
 * i.e. `2^-d sum_a sum_b (-1)^(s-a) C(s,a) C(d-s,b) (2a + 2b - d)^k`.
 *
 * @example
 * ```ts
 * oddSetSequences(3, 0, 2); // 3: the sequences (1,1), (2,2), (3,3) leave no symbol odd
 * ```
 */
export function oddSetSequences(d: number, s: number, k: number): number {
  let sum = 0;
  for (let a = 0; a <= s; a++) {
    for (let b = 0; b <= d - s; b++) sum += ((s - a) % 2 === 0 ? 1 : -1) * binomial(s, a) * binomial(d - s, b) * (2 * a + 2 * b - d) ** k;
  }
  return sum / 2 ** d;
}

/**
 * Weight `w_s` of every multilinear monomial of size s in the bipolar expansion
 * `(x . y + c)^p = sum_{|S| <= p} w_|S| prod_{j in S} x_j y_j` over d inputs (using `x_j^2 = 1`):
 * `w_s = sum_k C(p, k) c^(p-k) oddSetSequences(d, s, k)`.
 *
 * Derivation: with `z_j = x_j y_j = +/-1`, the binomial theorem gives
 * `(x . y + c)^p = sum_k C(p, k) c^(p-k) (sum_j z_j)^k`, and `(sum_j z_j)^k` is a sum over the
 * `d^k` index sequences `(j_1, ..., j_k)` of `z_{j_1} ... z_{j_k}`. Since `z_j^2 = 1`, each such
 * product is `prod_{j in S} z_j`, S the set of indices occurring an odd number of times, so the
 * coefficient of a monomial counts the sequences with that odd set, which by symmetry depends
 * only on `|S|` (and `|S| = k, k - 2, ...`). The weights are >= 0 for c >= 0, so
 * `phi_S(x) = sqrt(w_|S|) prod_{j in S} x_j` is an explicit feature map of the kernel; the
 * unit folds `w_|S|` into its synaptic weights instead.
 *
 * @example
 * ```ts
 * sigmaPiWeights(5, 2, 1); // [6, 2, 2]: (x.y + 1)^2 = 1 + 2 x.y + (x.y)^2 and (x.y)^2 = 5 + 2 sum_{j<k} x_j x_k y_j y_k
 * ```
 */
export function sigmaPiWeights(d: number, degree: number, c: number): Float64Array {
  const w = new Float64Array(degree + 1);
  for (let s = 0; s <= degree; s++) {
    let v = 0;
    for (let k = s; k <= degree; k++) v += binomial(degree, k) * c ** (degree - k) * oddSetSequences(d, s, k);
    w[s] = v;
  }
  return w;
}

/**
 * The dendritic sigma-pi unit (Rumelhart and McClelland 1986; Sec. 5 of the paper) in feature
 * form (Eq. 9): its inputs are the products `prod_{j in S} s_j` of every set S of at most p
 * other neurons (multiplicative synaptic clusters), weighted so that
 * `w . phi(s) = sum_mu alpha_i^mu xi_i^mu (xi^mu_{-i} . s_{-i} + c)^p` exactly: the same field as
 * the pyramidal unit with the polynomial kernel, which it declares (`kernelFor`). The number of monomials, `sum_{s <= p} C(N-1, s)`,
 * grows as N^p, so this form is for small networks.
 *
 * @throws {@link InvalidValueError} if the unit would need more than `maxFeatures` monomials.
 * @example
 * ```ts
 * const net = recurrentNetwork({ patterns: X, neuron: sigmaPiNeuron({ degree: 3 }), rng });
 * ```
 */
export function sigmaPiNeuron(options: SigmaPiOptions): NeuronModel {
  const p = options.degree;
  const c = options.c ?? 1;
  assertPositiveInteger('degree', p);
  if (!Number.isFinite(c) || c < 0) throw new InvalidValueError('c', `must be a finite number >= 0, got ${c}`, 'pass c >= 0');
  const maxFeatures = options.maxFeatures ?? 200_000;
  return {
    name: 'sigma-pi',
    kernelFor: () => polynomial({ degree: p, c }),
    initialize({ index, size: n, patterns, alpha, theta }) {
      const d = n - 1;
      let count = 0;
      for (let s = 0; s <= p; s++) count += binomial(d, s);
      if (count > maxFeatures) {
        throw new InvalidValueError('degree', `a sigma-pi unit over ${d} inputs at degree ${p} needs ${count} monomials (more than maxFeatures = ${maxFeatures})`, 'use the pyramidal (kernel) form for large N, or a lower degree');
      }
      const others = Int32Array.from({ length: d }, (_, k) => (k < index ? k : k + 1));
      // Monomials as index lists: sizes[f] members starting at offsets[f] in members.
      const sizes = new Int32Array(count);
      const offsets = new Int32Array(count);
      const members: number[] = [];
      let f = 0;
      const combo: number[] = [];
      const emit = (start: number, left: number): void => {
        if (left === 0) {
          sizes[f] = combo.length;
          offsets[f] = members.length;
          members.push(...combo);
          f++;
          return;
        }
        for (let k = start; k <= d - left; k++) {
          combo.push(others[k]!);
          emit(k + 1, left - 1);
          combo.pop();
        }
      };
      for (let s = 0; s <= p; s++) emit(0, s);
      const flat = Int32Array.from(members);
      const ws = sigmaPiWeights(d, p, c);
      // Synaptic weight of monomial S: w_|S| sum_mu alpha^mu xi_i^mu prod_{j in S} xi_j^mu.
      const { count: m, data } = patterns;
      const weights = new Float64Array(count);
      for (let mu = 0; mu < m; mu++) {
        const a = alpha[mu]! * data[mu * n + index]!;
        if (a === 0) continue;
        const base = mu * n;
        for (let g = 0; g < count; g++) {
          let prod = 1;
          for (let q = offsets[g]!, end = q + sizes[g]!; q < end; q++) prod *= data[base + flat[q]!]!;
          weights[g]! += a * prod;
        }
      }
      for (let g = 0; g < count; g++) weights[g]! *= ws[sizes[g]!]!;
      return (s) => {
        let h = -theta;
        for (let g = 0; g < count; g++) {
          let prod = weights[g]!;
          for (let q = offsets[g]!, end = q + sizes[g]!; q < end; q++) prod *= s[flat[q]!]!;
          h += prod;
        }
        return h;
      };
    },
  };
}
