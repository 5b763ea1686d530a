import { createRng, fromArray, randn, type Tensor } from '@dropout/tensor';
import { evalNumericalGradientArray, relError } from '@dropout/gradcheck';
import { expectClose, forEachBackend } from '@dropout/tensor/testing';
import { expect, it } from 'vitest';
import { fixture, load } from '../test/fixtures.js';
import { layernormBackward, layernormForward } from './index.js';

forEachBackend('layernormForward', (backend) => {
  it('matches NumPy: each row normalised over its features', () => {
    const ln = fixture.layernorm;
    const { out } = layernormForward(load(ln.x, backend), load(ln.gamma, backend), load(ln.beta, backend));
    expectClose(out, ln.out.values, backend);
  });

  it('rejects gamma and beta that do not match the features', () => {
    const x = fromArray(new Float64Array(6), [2, 3], backend);
    const g = fromArray([1, 1, 1], [3], backend);
    expect(() => layernormForward(x, g, fromArray([0, 0], [2], backend))).toThrow(/beta has shape \[2\] but must be \[3\]/);
    expect(() => layernormForward(x, g, g, { eps: 0 })).toThrow(/eps must be positive/);
  });
});

forEachBackend('layernormBackward', (backend) => {
  it.runIf(backend.floatBits === 64)('matches the numerical gradients', () => {
    const rng = createRng(231);
    const x = randn(rng, [4, 5], backend, { mean: 2, std: 3 });
    const gamma = randn(rng, [5], backend);
    const beta = randn(rng, [5], backend);
    const dout = randn(rng, [4, 5], backend);
    const f = (xx: Tensor, g: Tensor, b: Tensor) => layernormForward(xx, g, b).out;
    const { dx, dgamma, dbeta } = layernormBackward(dout, layernormForward(x, gamma, beta).cache);
    expect(relError(dx, evalNumericalGradientArray((xx) => f(xx, gamma, beta), x, dout))).toBeLessThan(1e-8);
    expect(relError(dgamma, evalNumericalGradientArray((g) => f(x, g, beta), gamma, dout))).toBeLessThan(1e-8);
    expect(relError(dbeta, evalNumericalGradientArray((b) => f(x, gamma, b), beta, dout))).toBeLessThan(1e-8);
  });
});
