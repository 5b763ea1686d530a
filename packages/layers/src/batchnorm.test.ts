import { createRng, fromArray, mean, ones, randn, zeros, type Tensor } from '@dropout/tensor';
import { evalNumericalGradientArray, relError } from '@dropout/gradcheck';
import { expectClose, forEachBackend } from '@dropout/tensor/testing';
import { expect, it } from 'vitest';
import { fixture, load } from '../test/fixtures.js';
import { batchnormBackward, batchnormForward, type BatchnormParam } from './index.js';

forEachBackend('batchnormForward', (backend) => {
  const bn = fixture.batchnorm;
  const params = () => ({ x: load(bn.x, backend), gamma: load(bn.gamma, backend), beta: load(bn.beta, backend) });

  it('matches NumPy in train mode and updates the running statistics with momentum 0.9', () => {
    const { x, gamma, beta } = params();
    const runningMean = load(bn.runningMean, backend);
    const runningVar = load(bn.runningVar, backend);
    const given: BatchnormParam = { mode: 'train', runningMean, runningVar };
    const { out, bnParam } = batchnormForward(x, gamma, beta, given);
    expectClose(out, bn.trainOut.values, backend);
    expectClose(bnParam.runningMean!, bn.nextRunningMean.values, backend);
    expectClose(bnParam.runningVar!, bn.nextRunningVar.values, backend);
    // A new param object; the tensors passed in are neither changed nor reused.
    expect(bnParam).not.toBe(given);
    expect(given.runningMean).toBe(runningMean);
    expectClose(runningMean, bn.runningMean.values, backend);
    expect(bnParam.mode).toBe('train');
  });

  it('uses the running statistics in test mode', () => {
    const { gamma, beta } = params();
    const bnParam: BatchnormParam = { mode: 'test', runningMean: load(bn.nextRunningMean, backend), runningVar: load(bn.nextRunningVar, backend) };
    const { out, bnParam: after } = batchnormForward(load(bn.xTest, backend), gamma, beta, bnParam);
    expectClose(out, bn.testOut.values, backend);
    expect(after.runningMean).toBe(bnParam.runningMean);
  });

  it('gives zero-mean, unit-variance features for gamma 1 and beta 0, starting from zero running stats', () => {
    const x = randn(createRng(231), [200, 3], backend, { mean: 5, std: 4 });
    const { out, bnParam } = batchnormForward(x, ones([3], backend), zeros([3], backend), { mode: 'train' });
    expectClose(mean(out, { axis: 0 }), [0, 0, 0], { rtol: 0, atol: 1e-5 });
    // Starting from zeros, one update leaves 0.1 × the sample mean (≈ 5).
    for (const m of bnParam.runningMean!.read()) expect(m).toBeGreaterThan(0.4);
  });

  it('rejects an unknown mode and parameters of the wrong shape', () => {
    const { x, gamma, beta } = params();
    expect(() => batchnormForward(x, gamma, beta, { mode: 'eval' as 'train' })).toThrow(/unknown bnParam.mode "eval"; use 'train' or 'test'/);
    expect(() => batchnormForward(x, fromArray([1], [1], backend), beta, { mode: 'train' })).toThrow(/gamma has shape \[1\] but must be \[4\]/);
    expect(() => batchnormForward(x, gamma, beta, { mode: 'train', runningMean: zeros([3], backend) })).toThrow(
      /bnParam.runningMean has shape \[3\] but must be \[4\]/,
    );
  });
});

forEachBackend('batchnormBackward', (backend) => {
  const check = (mode: 'train' | 'test') => {
    const rng = createRng(231);
    const x = randn(rng, [4, 5], backend, { mean: 2, std: 3 });
    const gamma = randn(rng, [5], backend);
    const beta = randn(rng, [5], backend);
    const dout = randn(rng, [4, 5], backend);
    const bnParam: BatchnormParam = { mode, runningMean: randn(rng, [5], backend), runningVar: randn(rng, [5], backend, { mean: 2, std: 0.1 }) };
    const f = (xx: Tensor, g: Tensor, b: Tensor) => batchnormForward(xx, g, b, bnParam).out;
    const { dx, dgamma, dbeta } = batchnormBackward(dout, batchnormForward(x, gamma, beta, bnParam).cache);
    expect(relError(dx, evalNumericalGradientArray((xx) => f(xx, gamma, beta), x, dout))).toBeLessThan(1e-8);
    expect(relError(dgamma, evalNumericalGradientArray((g) => f(x, g, beta), gamma, dout))).toBeLessThan(1e-8);
    expect(relError(dbeta, evalNumericalGradientArray((b) => f(x, gamma, b), beta, dout))).toBeLessThan(1e-8);
  };
  it.runIf(backend.floatBits === 64)('matches the numerical gradients in train mode', () => check('train'));
  it.runIf(backend.floatBits === 64)('matches the numerical gradients in test mode', () => check('test'));
});
