import { createRng, fromArray, randn, tidy } from '@dropout/tensor';
import { evalNumericalGradient, relError } from '@dropout/gradcheck';
import { expectClose, forEachBackend } from '@dropout/tensor/testing';
import { expect, it } from 'vitest';
import { fixture, load } from '../test/fixtures.js';
import { svmLoss } from './index.js';

forEachBackend('svmLoss', (backend) => {
  it('matches NumPy: loss and dx', () => {
    const { x, y, loss, dx } = fixture.svm;
    const result = svmLoss(load(x, backend), y);
    expectClose(result.loss, loss, backend);
    expectClose(result.dx, dx.values, backend);
  });

  it('gives hand-computed margins', () => {
    // Row 0, label 0: margins max(0, 2 − 3 + 1) = 0 and max(0, 1 − 3 + 1) = 0. Row 1, label 2:
    // max(0, 1 − 0.5 + 1) = 1.5 and max(0, 0 − 0.5 + 1) = 0.5. Loss = (0 + 2) / 2 = 1.
    const { loss, dx } = svmLoss(fromArray([3, 2, 1, 1, 0, 0.5], [2, 3], backend), [0, 2]);
    expectClose(loss, 1, backend);
    expectClose(dx, [0, 0, 0, 0.5, 0.5, -1], backend);
  });

  it('rejects labels outside [0, C)', () => {
    expect(() => svmLoss(fromArray(new Float64Array(4), [2, 2], backend), [0, 2])).toThrow(/label y\[1\] = 2 is outside \[0, 2\)/);
  });
});

forEachBackend('svmLoss gradient', (backend) => {
  it.runIf(backend.floatBits === 64)('matches the numerical gradient', () => {
    const rng = createRng(231);
    const x = randn(rng, [20, 10], backend, { std: 0.5 });
    const y = rng.randint(0, 10, 20);
    const { dx } = svmLoss(x, y);
    expect(relError(dx, evalNumericalGradient((xx) => tidy(() => svmLoss(xx, y).loss.item()), x))).toBeLessThan(1e-7);
  });
});
