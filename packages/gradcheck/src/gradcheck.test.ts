import { describe, expect, it } from 'vitest';
import { createRng, exp, fromArray, getBackend, matMul, mul, randn, sum, Tensor } from '@dropout/tensor';
import { evalNumericalGradient, evalNumericalGradientArray, gradCheckSparse, relError } from './index.js';

const cpu64 = getBackend('cpu64');

describe('relError', () => {
  it('is the notebook formula max(|x−y| / max(1e-8, |x|+|y|))', () => {
    // |1 − 1.1| / 2.1 = 0.047619…, |2 − 2| / 4 = 0 → max is the first, by hand.
    expect(relError([1, 2], [1.1, 2])).toBeCloseTo(0.1 / 2.1, 15);
    // Both tiny: denominator clamps to 1e-8.
    expect(relError([0], [1e-10])).toBeCloseTo(1e-10 / 1e-8, 15);
    expect(relError(3, 3)).toBe(0);
    expect(relError(fromArray([1, -1], [2], cpu64), [-1, 1])).toBe(1);
  });

  it('refuses arrays of different lengths', () => {
    expect(() => relError([1, 2], [1])).toThrow(/x has 2 elements but y has 1/);
  });
});

describe('evalNumericalGradient', () => {
  it('matches the gradient of Σx³ (3x²) to 1e-9', () => {
    const x = randn(createRng(231), [4, 5], cpu64, { mean: 3 }); // away from 0, where h² truncation dominates 3x²
    const f = (xx: Tensor) => sum(mul(mul(xx, xx), xx)).item();
    const analytic = Array.from(x.read(), (v) => 3 * v * v);
    expect(relError(evalNumericalGradient(f, x), analytic)).toBeLessThan(1e-9);
  });

  it('matches the gradient of Σ exp(x·W) with respect to W', () => {
    const rng = createRng(1);
    const x = randn(rng, [3, 4], cpu64, { std: 0.5 });
    const w = randn(rng, [4, 2], cpu64, { std: 0.5 });
    const f = (ww: Tensor) => sum(exp(matMul(x, ww))).item();
    // d/dW Σ exp(xW) = xᵀ · exp(xW), computed independently by loops.
    const X = x.read(), E = exp(matMul(x, w)).read();
    const analytic = new Float64Array(8);
    for (let i = 0; i < 3; i++) for (let k = 0; k < 4; k++) for (let j = 0; j < 2; j++) analytic[k * 2 + j]! += X[i * 4 + k]! * E[i * 2 + j]!;
    expect(relError(evalNumericalGradient(f, w), analytic)).toBeLessThan(1e-9);
  });

  it('leaves x unchanged and prints each coordinate when verbose', () => {
    const x = fromArray([1, 2], [2], cpu64);
    const lines: string[] = [];
    evalNumericalGradient((xx) => sum(mul(xx, xx)).item(), x, { verbose: true, log: (l) => lines.push(l) });
    expect(Array.from(x.read())).toEqual([1, 2]);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\[0\] 2\.0000/);
  });

  it('explains a wrong return type', () => {
    const x = fromArray([1], [1], cpu64);
    expect(() => evalNumericalGradient((xx) => xx as unknown as number, x)).toThrow(/f must return a number/);
  });
});

describe('evalNumericalGradientArray', () => {
  it('contracts the Jacobian with df: f = x², df ⇒ 2x·df', () => {
    const rng = createRng(3);
    const x = randn(rng, [3, 3], cpu64);
    const df = randn(rng, [3, 3], cpu64);
    const num = evalNumericalGradientArray((xx) => mul(xx, xx), x, df);
    const X = x.read(), D = df.read();
    expect(relError(num, Array.from(X, (v, i) => 2 * v * D[i]!))).toBeLessThan(1e-9);
  });

  it('checks that df has the shape of f(x)', () => {
    const x = fromArray([1, 2], [2], cpu64);
    expect(() => evalNumericalGradientArray((xx) => xx, x, fromArray([1], [1], cpu64))).toThrow(/f\(x\) has 2 elements but df has 1/);
  });
});

describe('gradCheckSparse', () => {
  it('checks random coordinates and prints the course line for each', () => {
    const x = randn(createRng(9), [5, 5], cpu64);
    const analytic = Array.from(x.read(), (v) => 2 * v);
    const lines: string[] = [];
    const results = gradCheckSparse((xx) => sum(mul(xx, xx)).item(), x, analytic, { numChecks: 4, log: (l) => lines.push(l), rng: createRng(2) });
    expect(results).toHaveLength(4);
    for (const r of results) expect(r.relError).toBeLessThan(1e-9);
    expect(lines[0]).toMatch(/^numerical: -?\d+\.\d{6} analytic: -?\d+\.\d{6}, relative error: \d\.\d{6}e[-+]\d+$/);
  });

  it('flags a wrong analytic gradient', () => {
    const x = randn(createRng(9), [5], cpu64);
    const wrong = Array.from(x.read(), (v) => 3 * v);
    const results = gradCheckSparse((xx) => sum(mul(xx, xx)).item(), x, wrong, { numChecks: 3, log: () => {} });
    for (const r of results) expect(r.relError).toBeGreaterThan(0.1);
  });
});
