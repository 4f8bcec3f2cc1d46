/** Nodes and weights of an n-point Gauss-Legendre rule on [-1, 1]. */
export interface QuadratureRule {
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
}

const cache = new Map<number, QuadratureRule>();

/**
 * The n-point Gauss-Legendre rule on [-1, 1] (exact for polynomials of degree 2n - 1),
 * found by Newton's method on the Legendre recurrence. Cached per n.
 *
 * @example
 * ```ts
 * const { nodes, weights } = gaussLegendre(16);
 * ```
 */
export function gaussLegendre(n: number): QuadratureRule {
  const hit = cache.get(n);
  if (hit) return hit;
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      const pn = n === 1 ? x : p1;
      const pn1 = n === 1 ? 1 : p0;
      dp = (n * (x * pn - pn1)) / (x * x - 1);
      const dx = pn / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    nodes[i] = -x;
    nodes[n - 1 - i] = x;
    const w = 2 / ((1 - x * x) * dp * dp);
    weights[i] = w;
    weights[n - 1 - i] = w;
  }
  const rule = { nodes, weights };
  cache.set(n, rule);
  return rule;
}

/**
 * Integrates `f` over [a, b] with a composite Gauss-Legendre rule (`panels` panels of
 * `order` points each).
 *
 * @example
 * ```ts
 * integrate(Math.sin, 0, Math.PI); // 2
 * ```
 */
export function integrate(f: (x: number) => number, a: number, b: number, options: { order?: number; panels?: number } = {}): number {
  const { nodes, weights } = gaussLegendre(options.order ?? 20);
  const panels = options.panels ?? 8;
  const h = (b - a) / panels;
  let sum = 0;
  for (let p = 0; p < panels; p++) {
    const mid = a + (p + 0.5) * h;
    for (let k = 0; k < nodes.length; k++) sum += weights[k]! * f(mid + 0.5 * h * nodes[k]!);
  }
  return 0.5 * h * sum;
}
