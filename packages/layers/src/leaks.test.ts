import { createRng, randn, tidy, type Backend } from '@dropout/tensor';
import { expectNoLeaks, forEachBackend } from '@dropout/tensor/testing';
import { expect, it } from 'vitest';
import {
  affineBackward, affineBatchnormReluBackward, affineBatchnormReluForward, affineForward, batchnormBackward, batchnormForward,
  dropoutBackward, dropoutForward, layernormBackward, layernormForward, softmaxLoss, svmLoss,
} from './index.js';

/** Live tensors `fn` leaves behind (what it returns). */
function created(backend: Backend, fn: () => unknown): number {
  const before = backend.liveCount();
  fn();
  return backend.liveCount() - before;
}

forEachBackend('layer memory', (backend) => {
  const rng = createRng(231);
  const x = randn(rng, [6, 4], backend);
  const w = randn(rng, [4, 3], backend);
  const b = randn(rng, [3], backend);
  const g = randn(rng, [4], backend);
  const dout3 = randn(rng, [6, 3], backend);
  const dout4 = randn(rng, [6, 4], backend);

  it('frees every temporary: only the returned tensors stay live', () => {
    const affine = affineForward(x, w, b);
    expect(created(backend, () => affineForward(x, w, b))).toBe(1);
    expect(created(backend, () => affineBackward(dout3, affine.cache))).toBe(3);
    expect(created(backend, () => affineBackward(dout3, affine.cache, { computeDx: false }))).toBe(2);
    expect(created(backend, () => softmaxLoss(dout3, [0, 1, 2, 0, 1, 2]))).toBe(2); // loss and dx
    expect(created(backend, () => svmLoss(dout3, [0, 1, 2, 0, 1, 2]))).toBe(2);
    expect(created(backend, () => dropoutForward(x, { mode: 'train', p: 0.5, seed: 1 }))).toBe(2); // out and mask
    // out, and the cache's x̂ and σ, plus the two new running statistics.
    expect(created(backend, () => batchnormForward(x, g, g, { mode: 'train' }))).toBe(5);
    expect(created(backend, () => batchnormBackward(dout4, batchnormForward(x, g, g, { mode: 'train' }).cache))).toBe(5 + 3);
    expect(created(backend, () => layernormBackward(dout4, layernormForward(x, g, g).cache))).toBe(3 + 3);
  });

  it('leaves nothing behind inside tidy', () => {
    expectNoLeaks(backend, () =>
      tidy(() => {
        const fwd = affineBatchnormReluForward(x, w, b, randn(rng, [3], backend), b, { mode: 'train' });
        const drop = dropoutForward(fwd.out, { mode: 'train', p: 0.5 }, rng);
        affineBatchnormReluBackward(dropoutBackward(dout3, drop.cache), fwd.cache);
      }),
    );
  });
});
