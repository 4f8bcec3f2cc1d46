import { describe, expect, it } from 'vitest';
import { InvalidValueError, createRng } from '../../index.js';
import {
  exponentialLagrangian, identityLagrangian, layerEnergy, layerNormLagrangian, logSumExpLagrangian, rectifiedPolynomialLagrangian, tanhLagrangian,
  type Lagrangian,
} from '../../src/lagrangian/index.js';

/** Every built-in Lagrangian with the scale of the points it is probed at. */
const cases: { L: Lagrangian; scale: number }[] = [
  { L: identityLagrangian(), scale: 2 },
  { L: rectifiedPolynomialLagrangian({ degree: 2 }), scale: 2 },
  { L: rectifiedPolynomialLagrangian({ degree: 3 }), scale: 2 },
  { L: rectifiedPolynomialLagrangian({ degree: 20 }), scale: 1.2 },
  { L: rectifiedPolynomialLagrangian({ degree: 2.5 }), scale: 2 },
  { L: exponentialLagrangian({ beta: 0.7 }), scale: 2 },
  { L: logSumExpLagrangian({ beta: 3 }), scale: 2 },
  { L: tanhLagrangian({ beta: 1.5 }), scale: 2 },
  { L: layerNormLagrangian({ gamma: 2, delta: 0.3, eps: 1e-3 }), scale: 2 },
];

const label = (L: Lagrangian): string => `${L.name} ${JSON.stringify(L.params)}`;

describe('Lagrangians: the activation is the gradient (Krotov and Hopfield 2021, Sec. 2)', () => {
  for (const { L, scale } of cases) {
    it(`${label(L)}: g = grad L by central finite differences`, () => {
      const rng = createRng(7).child(L.name);
      const d = 6;
      const x = new Float64Array(d);
      const g = new Float64Array(d);
      const xp = new Float64Array(d);
      for (let trial = 0; trial < 20; trial++) {
        // Points away from the kink at 0 of the rectified polynomials (|x_i| >= 0.05).
        for (let i = 0; i < d; i++) {
          const u = rng.uniformIn(0.05, scale);
          x[i] = rng.uniform() < 0.5 ? -u : u;
        }
        L.activation(x, g);
        for (let i = 0; i < d; i++) {
          // Central difference: truncation error eps^2 |L'''| / 6, rounding 2^-52 |L| / eps.
          // With eps = 1e-5 and |L|, |L'''| <= ~1e3 on these points both are below 1e-6 (1 + |g_i|).
          const eps = 1e-5;
          xp.set(x);
          xp[i] = x[i]! + eps;
          const up = L.value(xp);
          xp[i] = x[i]! - eps;
          const down = L.value(xp);
          const fd = (up - down) / (2 * eps);
          expect(Math.abs(fd - g[i]!)).toBeLessThan(1e-6 * (1 + Math.abs(g[i]!)));
        }
      }
    });

    it(`${label(L)}: convex along random chords (what makes the energy a Lyapunov function)`, () => {
      const rng = createRng(8).child(L.name);
      const d = 5;
      const a = new Float64Array(d);
      const b = new Float64Array(d);
      const mid = new Float64Array(d);
      for (let trial = 0; trial < 200; trial++) {
        for (let i = 0; i < d; i++) {
          a[i] = rng.uniformIn(-scale, scale);
          b[i] = rng.uniformIn(-scale, scale);
          mid[i] = (a[i]! + b[i]!) / 2;
        }
        const lhs = L.value(mid);
        const rhs = (L.value(a) + L.value(b)) / 2;
        expect(lhs).toBeLessThanOrEqual(rhs + 1e-12 * (1 + Math.abs(rhs)));
      }
    });
  }

  it('layerEnergy is the Legendre transform x.g - L: for the identity it is |x|^2 / 2, for log-sum-exp the negative entropy of softmax / beta', () => {
    const x = Float64Array.of(0.3, -1.2, 2);
    const id = identityLagrangian();
    expect(layerEnergy(id, x, id.activation(x, new Float64Array(3)))).toBeCloseTo((0.09 + 1.44 + 4) / 2, 14);
    // For L = (1/beta) ln sum exp(beta x): x.p - L = (1/beta) sum p ln p with p = softmax(beta x).
    const beta = 1.7;
    const lse = logSumExpLagrangian({ beta });
    const p = lse.activation(x, new Float64Array(3));
    let negEntropy = 0;
    for (const pi of p) negEntropy += pi * Math.log(pi);
    expect(layerEnergy(lse, x, p)).toBeCloseTo(negEntropy / beta, 12);
  });

  it('log-sum-exp and tanh are finite far out (shifted / stable forms)', () => {
    const lse = logSumExpLagrangian({ beta: 2 });
    const big = Float64Array.of(1000, 1000);
    expect(lse.value(big)).toBeCloseTo(1000 + Math.LN2 / 2, 10);
    expect(Array.from(lse.activation(big, new Float64Array(2)))).toEqual([0.5, 0.5]);
    expect(tanhLagrangian().value(Float64Array.of(-1000))).toBeCloseTo(1000 - Math.LN2, 10);
  });

  it('the layer-norm activation has mean delta and variance gamma^2 var / (var + eps)', () => {
    const L = layerNormLagrangian({ gamma: 1.5, delta: -0.2, eps: 1e-4 });
    const x = Float64Array.of(1, 4, -2, 0.5, 3);
    const g = L.activation(x, new Float64Array(5));
    const mean = x.reduce((s, v) => s + v, 0) / 5;
    const variance = x.reduce((s, v) => s + (v - mean) ** 2, 0) / 5;
    const gm = g.reduce((s, v) => s + v, 0) / 5;
    const gv = g.reduce((s, v) => s + (v - gm) ** 2, 0) / 5;
    expect(gm).toBeCloseTo(-0.2, 14);
    expect(gv).toBeCloseTo((1.5 ** 2 * variance) / (variance + 1e-4), 12);
  });

  it('bad hyperparameters are typed errors naming the parameter', () => {
    expect(() => rectifiedPolynomialLagrangian({ degree: 1 })).toThrow(InvalidValueError);
    expect(() => rectifiedPolynomialLagrangian({ degree: 1 })).toThrow(/degree/);
    expect(() => exponentialLagrangian({ beta: 0 })).toThrow(/beta/);
    expect(() => logSumExpLagrangian({ beta: -1 })).toThrow(/beta/);
    expect(() => tanhLagrangian({ beta: NaN })).toThrow(/beta/);
    expect(() => layerNormLagrangian({ gamma: 0 })).toThrow(/gamma/);
    expect(() => layerNormLagrangian({ eps: 0 })).toThrow(/eps/);
    expect(() => layerNormLagrangian({ delta: Infinity })).toThrow(/delta/);
  });
});
