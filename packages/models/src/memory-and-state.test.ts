import { createRng, getBackend, randn, tidy, toBackend } from '@dropout/tensor';
import { expectClose, expectNoLeaks, forEachBackend } from '@dropout/tensor/testing';
import { describe, expect, it } from 'vitest';
import { FullyConnectedNet, type FullyConnectedNetOptions } from './index.js';

const config = (rngSeed: number): FullyConnectedNetOptions => ({
  hiddenDims: [6, 5], inputDim: 4, numClasses: 3, normalization: 'batchnorm', dropoutKeepRatio: 0.5, reg: 0.1, rng: createRng(rngSeed),
});
const X64 = randn(createRng(1), [7, 4], getBackend('cpu64'));
const y = [0, 1, 2, 2, 1, 0, 1];

forEachBackend('FullyConnectedNet', (backend) => {
  const X = toBackend(X64, backend);

  it('leaks nothing: loss(X, y) twice inside tidy leaves liveCount unchanged', () => {
    const model = new FullyConnectedNet({ ...config(3), backend });
    expectNoLeaks(backend, () => tidy(() => {
      model.loss(X, y);
      model.loss(X, y);
    }));
    expectNoLeaks(backend, () => tidy(() => model.loss(X).dispose()));
  });

  it('hands the caller exactly the loss, the gradients and the scores', () => {
    const model = new FullyConnectedNet({ ...config(3), backend });
    const before = backend.liveCount();
    const { loss, grads } = model.loss(X, y);
    expect(Object.keys(grads)).toEqual(Object.keys(model.params));
    expect(backend.liveCount()).toBe(before + 1 + Object.keys(grads).length);
    loss.dispose();
    for (const g of Object.values(grads)) g.dispose();
    const scores = model.loss(X);
    expect(scores.shape).toEqual([7, 3]);
    expect(backend.liveCount()).toBe(before + 1);
    scores.dispose();
    model.dispose();
    expect(backend.liveCount()).toBe(before - Object.keys(model.params).length - 4);
  });

  it('gives the same loss as cpu64 for the same seeds (weights and masks are drawn on the host)', () => {
    const reference = new FullyConnectedNet({ ...config(5), dtype: 'float64' });
    const model = new FullyConnectedNet({ ...config(5), backend });
    expectClose(model.loss(X, y).loss, reference.loss(X64, y).loss, backend);
    expectClose(model.loss(X), reference.loss(X64), backend);
  });

  it('resumes from a JSON state: running statistics and the mask stream', () => {
    const model = new FullyConnectedNet({ ...config(9), backend });
    model.loss(X, y);
    const state = JSON.parse(JSON.stringify(model.getState()));
    const first = model.loss(X, y).loss.item();
    const firstScores = Array.from(model.loss(X).read());
    model.setState(state);
    expect(model.loss(X, y).loss.item()).toBe(first);
    expect(Array.from(model.loss(X).read())).toEqual(firstScores);
    expect(state.bnParams).toHaveLength(2);
    expect(state.bnParams[0].runningMean).toHaveLength(6);
  });
});

describe('FullyConnectedNet state', () => {
  it('rejects a state from a model with other layers', () => {
    const model = new FullyConnectedNet(config(1));
    const state = model.getState();
    expect(() => model.setState({ ...state, bnParams: state.bnParams.slice(1) })).toThrow(/state has 1 batch norm layers, the model 2/);
    const short = { ...state, bnParams: [{ runningMean: [1], runningVar: [1] }, state.bnParams[1]!] };
    expect(() => model.setState(short)).toThrow(/bnParams\[0\].runningMean must be 6 finite numbers/);
    expect(new FullyConnectedNet({ ...config(1), normalization: null }).getState().bnParams).toEqual([]);
  });

  it('keeps its parameters alive when built inside tidy', () => {
    const model = tidy(() => new FullyConnectedNet(config(1)));
    expect(model.params.W1!.isDisposed).toBe(false);
    expect(model.loss(X64 && toBackend(X64, model.backend)).shape).toEqual([7, 3]);
  });
});
