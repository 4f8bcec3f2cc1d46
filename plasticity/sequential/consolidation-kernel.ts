import { factorize } from '../../src/linalg/factorization.js';

/** Input of {@link consolidatedGram}: one neuron's kernel blocks over active examples A and consolidated examples S. */
export interface ConsolidationBlocks {
  /** `K(A, A)`, row-major |A| x |A|. */
  readonly kAA: Float64Array;
  /** `K(S, A)`, row-major |S| x |A|. */
  readonly kSA: Float64Array;
  /** `K(S, S)`, row-major |S| x |S|. */
  readonly kSS: Float64Array;
  /** Importance `omega^nu > 0` of each consolidated example, length |S|. */
  readonly importance: Float64Array;
  /** Penalty strength lambda > 0 (relative to the mean `K(x^nu, x^nu)` over S). */
  readonly strength: number;
}

/**
 * The kernel of a rule learning under the consolidation penalty
 * `dw^T F dw`, `F = (lambda / Kbar) sum_{nu in S} omega^nu phi_nu phi_nu^T` (the EWC analogue of
 * {@link consolidation}): by the Woodbury identity
 * `phi_a^T (I + F)^-1 phi_b = K(a, b) - K(a, S) (D + K(S, S))^-1 K(S, b)` with
 * `D = diag(Kbar / (lambda omega^nu))`. Returns that effective kernel on A (symmetrised) and
 * `P = (D + K(S, S))^-1 K(S, A)`: a change `dc_A` of the active coefficients is realised in the
 * network as `dc_A` on A and `-P dc_A` on S, which changes every field by `K_eff` exactly.
 *
 * @throws {@link SingularMatrixError} if `D + K(S, S)` is singular (never for a Mercer kernel and lambda < infinity).
 * @example
 * ```ts
 * const { gram, p } = consolidatedGram({ kAA, kSA, kSS, importance, strength: 10 });
 * ```
 */
export function consolidatedGram(blocks: ConsolidationBlocks): { gram: Float64Array; p: Float64Array } {
  const { kAA, kSA, kSS, importance, strength } = blocks;
  const s = importance.length;
  const a = s > 0 ? kSA.length / s : Math.round(Math.sqrt(kAA.length));
  let kbar = 0;
  for (let nu = 0; nu < s; nu++) kbar += kSS[nu * s + nu]!;
  kbar /= s;
  const b = Float64Array.from(kSS);
  for (let nu = 0; nu < s; nu++) b[nu * s + nu]! += kbar / (strength * importance[nu]!);
  const f = factorize(b, s, 'consolidation matrix D + K(S, S)', { positiveDefinite: true, fix: 'lower the consolidation strength' });
  const p = new Float64Array(s * a);
  const col = new Float64Array(s);
  const out = new Float64Array(s);
  for (let j = 0; j < a; j++) {
    for (let nu = 0; nu < s; nu++) col[nu] = kSA[nu * a + j]!;
    f.solve(col, out);
    for (let nu = 0; nu < s; nu++) p[nu * a + j] = out[nu]!;
  }
  const gram = new Float64Array(a * a);
  for (let x = 0; x < a; x++) {
    for (let y = x; y < a; y++) {
      let acc = 0;
      for (let nu = 0; nu < s; nu++) acc += kSA[nu * a + x]! * p[nu * a + y]!;
      const v = kAA[x * a + y]! - acc;
      gram[x * a + y] = v;
      gram[y * a + x] = v;
    }
  }
  return { gram, p };
}
