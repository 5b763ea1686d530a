import { createRng, fromArray, randn, tidy } from '@dropout/tensor';
import { evalNumericalGradient, relError } from '@dropout/gradcheck';
import { expectClose, forEachBackend } from '@dropout/tensor/testing';
import { expect, it } from 'vitest';
import { fixture, load } from '../test/fixtures.js';
import { softmaxLoss } from './index.js';

forEachBackend('softmaxLoss', (backend) => {
  it('matches NumPy: loss and dx', () => {
    const { x, y, loss, dx } = fixture.softmax;
    const result = softmaxLoss(load(x, backend), y);
    expectClose(result.loss, loss, backend);
    expectClose(result.dx, dx.values, backend);
  });

  it('is log(C) for equal scores and does not overflow on large ones', () => {
    expectClose(softmaxLoss(fromArray(new Float64Array(20), [2, 10], backend), new Int32Array([3, 7])).loss, Math.log(10), backend);
    // Without subtracting the row max, exp(1000) is Infinity and the loss NaN. Loss = log(1 + e⁻¹⁰).
    const big = softmaxLoss(fromArray([1000, 990], [1, 2], backend), [0]);
    expectClose(big.loss, Math.log1p(Math.exp(-10)), backend);
  });

  it('rejects labels outside [0, C) and the wrong number of labels', () => {
    const x = fromArray(new Float64Array(6), [2, 3], backend);
    expect(() => softmaxLoss(x, [0, 3])).toThrow(/label y\[1\] = 3 is outside \[0, 3\)/);
    expect(() => softmaxLoss(x, [-1, 0])).toThrow(/label y\[0\] = -1 is outside \[0, 3\)/);
    expect(() => softmaxLoss(x, [0, 1.5])).toThrow(/label y\[1\] = 1.5 is outside/);
    expect(() => softmaxLoss(x, [0])).toThrow(/y has 1 labels but x has 2 rows/);
  });
});

forEachBackend('softmaxLoss gradient', (backend) => {
  it.runIf(backend.floatBits === 64)('matches the numerical gradient', () => {
    const rng = createRng(231);
    const x = randn(rng, [20, 10], backend, { std: 0.001 });
    const y = rng.randint(0, 10, 20);
    const { loss, dx } = softmaxLoss(x, y);
    expect(loss.item()).toBeCloseTo(Math.log(10), 2);
    expect(relError(dx, evalNumericalGradient((xx) => tidy(() => softmaxLoss(xx, y).loss.item()), x))).toBeLessThan(1e-7);
  });
});
