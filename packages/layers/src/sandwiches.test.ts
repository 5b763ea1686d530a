import { createRng, randn, type Tensor } from '@dropout/tensor';
import { evalNumericalGradientArray, relError } from '@dropout/gradcheck';
import { expectClose, forEachBackend } from '@dropout/tensor/testing';
import { expect, it } from 'vitest';
import {
  affineBatchnormReluBackward, affineBatchnormReluForward, affineForward, affineLayernormReluBackward, affineLayernormReluForward,
  affineReluBackward, affineReluForward, batchnormForward, layernormForward, reluForward, type BatchnormParam,
} from './index.js';

function inputs(backend: Parameters<typeof randn>[2]) {
  const rng = createRng(231);
  return {
    x: randn(rng, [4, 2, 3], backend),
    w: randn(rng, [6, 5], backend),
    b: randn(rng, [5], backend),
    gamma: randn(rng, [5], backend, { mean: 1 }),
    beta: randn(rng, [5], backend),
    dout: randn(rng, [4, 5], backend),
  };
}

const close = (grad: Tensor, f: (t: Tensor) => Tensor, at: Tensor, dout: Tensor) =>
  expect(relError(grad, evalNumericalGradientArray(f, at, dout))).toBeLessThan(1e-8);

forEachBackend('sandwich layers', (backend) => {
  it('compose their layers', () => {
    const { x, w, b, gamma, beta } = inputs(backend);
    const affine = affineForward(x, w, b).out;
    expectClose(affineReluForward(x, w, b).out, reluForward(affine).out, backend);
    const bn: BatchnormParam = { mode: 'train' };
    const sandwich = affineBatchnormReluForward(x, w, b, gamma, beta, bn);
    expectClose(sandwich.out, reluForward(batchnormForward(affine, gamma, beta, bn).out).out, backend);
    expect(sandwich.bnParam.runningMean!.shape).toEqual([5]);
    expectClose(affineLayernormReluForward(x, w, b, gamma, beta).out, reluForward(layernormForward(affine, gamma, beta).out).out, backend);
  });

  it('skip dx on request', () => {
    const { x, w, b, gamma, beta, dout } = inputs(backend);
    expect(affineReluBackward(dout, affineReluForward(x, w, b).cache, { computeDx: false }).dx).toBeNull();
    const bn = affineBatchnormReluForward(x, w, b, gamma, beta, { mode: 'train' });
    expect(affineBatchnormReluBackward(dout, bn.cache, { computeDx: false }).dx).toBeNull();
    const ln = affineLayernormReluForward(x, w, b, gamma, beta);
    const grads = affineLayernormReluBackward(dout, ln.cache, { computeDx: false });
    expect(grads.dx).toBeNull();
    expect(grads.dw.shape).toEqual([6, 5]);
  });

  it.runIf(backend.floatBits === 64)('affineReluBackward matches the numerical gradients', () => {
    const { x, w, b, dout } = inputs(backend);
    const g = affineReluBackward(dout, affineReluForward(x, w, b).cache);
    close(g.dx, (t) => affineReluForward(t, w, b).out, x, dout);
    close(g.dw, (t) => affineReluForward(x, t, b).out, w, dout);
    close(g.db, (t) => affineReluForward(x, w, t).out, b, dout);
  });

  it.runIf(backend.floatBits === 64)('affineBatchnormReluBackward matches the numerical gradients', () => {
    const { x, w, b, gamma, beta, dout } = inputs(backend);
    const f = (xx: Tensor, ww: Tensor, bb: Tensor, gg: Tensor, be: Tensor) => affineBatchnormReluForward(xx, ww, bb, gg, be, { mode: 'train' }).out;
    const g = affineBatchnormReluBackward(dout, affineBatchnormReluForward(x, w, b, gamma, beta, { mode: 'train' }).cache);
    close(g.dx, (t) => f(t, w, b, gamma, beta), x, dout);
    close(g.dw, (t) => f(x, t, b, gamma, beta), w, dout);
    close(g.dgamma, (t) => f(x, w, b, t, beta), gamma, dout);
    close(g.dbeta, (t) => f(x, w, b, gamma, t), beta, dout);
  });

  it.runIf(backend.floatBits === 64)('affineLayernormReluBackward matches the numerical gradients', () => {
    const { x, w, b, gamma, beta, dout } = inputs(backend);
    const f = (xx: Tensor, ww: Tensor, bb: Tensor, gg: Tensor, be: Tensor) => affineLayernormReluForward(xx, ww, bb, gg, be).out;
    const g = affineLayernormReluBackward(dout, affineLayernormReluForward(x, w, b, gamma, beta).cache);
    close(g.dx, (t) => f(t, w, b, gamma, beta), x, dout);
    close(g.dw, (t) => f(x, t, b, gamma, beta), w, dout);
    close(g.db, (t) => f(x, w, t, gamma, beta), b, dout);
    close(g.dgamma, (t) => f(x, w, b, t, beta), gamma, dout);
    close(g.dbeta, (t) => f(x, w, b, gamma, t), beta, dout);
  });
});
