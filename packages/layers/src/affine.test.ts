import { createRng, fromArray, randn } from '@dropout/tensor';
import { evalNumericalGradientArray, relError } from '@dropout/gradcheck';
import { expectClose, forEachBackend } from '@dropout/tensor/testing';
import { expect, it } from 'vitest';
import { fixture, load } from '../test/fixtures.js';
import { affineBackward, affineForward } from './index.js';

const linspace = (lo: number, hi: number, n: number): number[] => Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));

forEachBackend('affineForward', (backend) => {
  it("gives the course's affine_forward test values", () => {
    // FullyConnectedNets notebook: x, w, b from np.linspace, x of shape (2, 4, 5, 6), w (120, 3).
    const x = fromArray(linspace(-0.1, 0.5, 240), [2, 4, 5, 6], backend);
    const w = fromArray(linspace(-0.2, 0.3, 360), [120, 3], backend);
    const b = fromArray(linspace(-0.3, 0.1, 3), [3], backend);
    const { out } = affineForward(x, w, b);
    expect(out.shape).toEqual([2, 3]);
    // The course prints 8 decimals: allow that rounding on top of the backend's own tolerance.
    const tol = { rtol: Math.max(1e-7, backend.tolerance.rtol), atol: 1e-8 + backend.tolerance.atol };
    expectClose(out, [1.49834967, 1.70660132, 1.91485297, 3.25553199, 3.5141327, 3.77273342], tol);
  });

  it('matches NumPy on a [2, 3, 4] input', () => {
    const { affine } = fixture;
    expectClose(affineForward(load(affine.x, backend), load(affine.w, backend), load(affine.b, backend)).out, affine.out.values, backend);
  });

  it('returns dx in the shape of x, and skips it on request', () => {
    const { affine } = fixture;
    const x = load(affine.x, backend);
    const { out, cache } = affineForward(x, load(affine.w, backend), load(affine.b, backend));
    const grads = affineBackward(out, cache);
    expect(grads.dx.shape).toEqual([2, 3, 4]);
    expect(grads.dw.shape).toEqual([12, 5]);
    expect(grads.db.shape).toEqual([5]);
    const skipped = affineBackward(out, cache, { computeDx: false });
    expect(skipped.dx).toBeNull();
    expectClose(skipped.dw, grads.dw, backend);
    expectClose(skipped.db, grads.db, backend);
  });

  it('names the shapes when w does not fit x', () => {
    const x = fromArray(new Float64Array(24), [2, 3, 4], backend);
    const w = fromArray(new Float64Array(50), [10, 5], backend);
    const b = fromArray(new Float64Array(5), [5], backend);
    expect(() => affineForward(x, w, b)).toThrow(/x \[2, 3, 4\] has 12 values per row but w is \[10, 5\]; w must be \[12, M\]/);
    const w12 = fromArray(new Float64Array(60), [12, 5], backend);
    expect(() => affineForward(x, w12, fromArray([1, 2], [2], backend))).toThrow(/b has shape \[2\] but must be \[5\]/);
  });
});

forEachBackend('affineBackward', (backend) => {
  it.runIf(backend.floatBits === 64)('matches the numerical gradients of x, w and b', () => {
    const rng = createRng(231);
    const x = randn(rng, [10, 2, 3], backend);
    const w = randn(rng, [6, 5], backend);
    const b = randn(rng, [5], backend);
    const dout = randn(rng, [10, 5], backend);
    const { dx, dw, db } = affineBackward(dout, affineForward(x, w, b).cache);
    expect(relError(dx, evalNumericalGradientArray((xx) => affineForward(xx, w, b).out, x, dout))).toBeLessThan(1e-9);
    expect(relError(dw, evalNumericalGradientArray((ww) => affineForward(x, ww, b).out, w, dout))).toBeLessThan(1e-9);
    expect(relError(db, evalNumericalGradientArray((bb) => affineForward(x, w, bb).out, b, dout))).toBeLessThan(1e-9);
  });
});
