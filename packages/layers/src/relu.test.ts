import { createRng, fromArray, randn } from '@dropout/tensor';
import { evalNumericalGradientArray, relError } from '@dropout/gradcheck';
import { expectClose, forEachBackend } from '@dropout/tensor/testing';
import { expect, it } from 'vitest';
import { reluBackward, reluForward } from './index.js';

forEachBackend('reluForward', (backend) => {
  it('zeroes the negative entries', () => {
    const x = fromArray([-0.5, -0.1, 0, 0.2, 0.5, -3], [2, 3], backend);
    const { out } = reluForward(x);
    expect(out.shape).toEqual([2, 3]);
    expectClose(out, [0, 0, 0, 0.2, 0.5, 0], backend);
  });

  it('passes dout where x > 0 only', () => {
    const x = fromArray([-1, 0, 2, 3], [4], backend);
    const dout = fromArray([10, 20, 30, 40], [4], backend);
    expectClose(reluBackward(dout, reluForward(x).cache), [0, 0, 30, 40], backend);
    expect(() => reluBackward(fromArray([1], [1], backend), reluForward(x).cache)).toThrow(/dout has shape \[1\] but must be \[4\]/);
  });
});

forEachBackend('reluBackward', (backend) => {
  it.runIf(backend.floatBits === 64)('matches the numerical gradient', () => {
    const rng = createRng(231);
    const x = randn(rng, [10, 10], backend);
    const dout = randn(rng, [10, 10], backend);
    const dx = reluBackward(dout, reluForward(x).cache);
    expect(relError(dx, evalNumericalGradientArray((xx) => reluForward(xx).out, x, dout))).toBeLessThan(1e-9);
  });
});
