import { createRng, getBackend, mul, randn, sub, square, tanh, type Tensor } from '@dropout/tensor';
import { describe, expect, it } from 'vitest';
import { paramGradErrors } from '../test/grad-errors.js';
import { AffineLayer, DropoutLayer, FullyConnectedNet, ReluLayer, Sequential, type Layer } from './index.js';

const cpu64 = getBackend('cpu64');

/** A user's own layer: tanh, forward and backward written by hand. */
const tanhLayer = (): Layer<Tensor> => ({
  type: 'tanh',
  forward: (x) => {
    const out = tanh(x);
    return { out, cache: out };
  },
  backward: (dout, out) => ({ dx: mul(dout, sub(1, square(out))) }),
});


describe('Sequential', () => {
  it('takes a user-written tanh layer, whose analytic gradients pass the gradient check', () => {
    const rng = createRng(231);
    const X = randn(rng, [5, 6], cpu64);
    const y = [0, 1, 2, 3, 1];
    const model = new Sequential([
      new AffineLayer({ index: 1, inputDim: 6, outputDim: 7, backend: cpu64, rng, weightScale: 0.5 }),
      tanhLayer(),
      new DropoutLayer({ p: 0.6, seed: 5 }),
      new AffineLayer({ index: 2, inputDim: 7, outputDim: 4, backend: cpu64, rng, weightScale: 0.5 }),
    ], { backend: cpu64, numClasses: 4, reg: 0.3, rng });
    const errors = paramGradErrors(model, X, y);
    expect(Object.keys(errors)).toEqual(['W1', 'b1', 'W2', 'b2']);
    for (const [name, err] of Object.entries(errors)) expect(err, name).toBeLessThan(1e-7);
  });

  it('fails the gradient check when the user layer has a wrong backward', () => {
    const rng = createRng(231);
    const X = randn(rng, [5, 6], cpu64);
    const wrong: Layer<Tensor> = { ...tanhLayer(), backward: (dout) => ({ dx: dout }) }; // forgets 1 − tanh²
    const model = new Sequential([
      new AffineLayer({ index: 1, inputDim: 6, outputDim: 7, backend: cpu64, rng, weightScale: 0.5 }),
      wrong,
      new AffineLayer({ index: 2, inputDim: 7, outputDim: 4, backend: cpu64, rng, weightScale: 0.5 }),
    ], { backend: cpu64, numClasses: 4 });
    expect(paramGradErrors(model, X, [0, 1, 2, 3, 1]).W1).toBeGreaterThan(1e-3);
  });

  it('is what FullyConnectedNet is built from, in the course order', () => {
    const net = new FullyConnectedNet({ hiddenDims: [5, 4], inputDim: 3, normalization: 'batchnorm', dropoutKeepRatio: 0.5 });
    expect(net).toBeInstanceOf(Sequential);
    expect(net.layers.map((l) => l.type)).toEqual(['affine', 'batchnorm', 'relu', 'dropout', 'affine', 'batchnorm', 'relu', 'dropout', 'affine']);
    expect(Object.keys(net.params)).toEqual(['W1', 'b1', 'gamma1', 'beta1', 'W2', 'b2', 'gamma2', 'beta2', 'W3', 'b3']);
  });

  it('runs ReLU then dropout as one fused pass with the same loss, gradients and scores bit for bit', () => {
    // The same net with its ReLU layers written as plain user layers, which do not fuse.
    const plainRelu = (): Layer => {
      const relu = new ReluLayer();
      return { type: 'relu', forward: (x) => relu.forward(x), backward: (d, c) => relu.backward(d, c as never) };
    };
    const build = (fused: boolean) => {
      const rng = createRng(231);
      const layers: Layer[] = [
        new AffineLayer({ index: 1, inputDim: 6, outputDim: 9, backend: cpu64, rng, weightScale: 0.5 }),
        fused ? new ReluLayer() : plainRelu(),
        new DropoutLayer({ p: 0.5 }),
        new AffineLayer({ index: 2, inputDim: 9, outputDim: 4, backend: cpu64, rng, weightScale: 0.5 }),
      ];
      return new Sequential(layers, { backend: cpu64, numClasses: 4, reg: 0.1, rng: createRng(7) });
    };
    const [fused, plain] = [build(true), build(false)];
    let forwardWithCalls = 0;
    const relu = fused.layers[1] as ReluLayer;
    const original = relu.forwardWith.bind(relu);
    relu.forwardWith = (...args) => { forwardWithCalls++; return original(...args); };
    const X = randn(createRng(1), [8, 6], cpu64);
    const y = [0, 1, 2, 3, 0, 1, 2, 3];
    for (let step = 0; step < 2; step++) {
      const [a, b] = [fused.loss(X, y), plain.loss(X, y)];
      expect(a.loss.item()).toBe(b.loss.item());
      for (const name of Object.keys(b.grads)) expect(Array.from(a.grads[name]!.read()), name).toEqual(Array.from(b.grads[name]!.read()));
    }
    for (const stochastic of [false, true]) {
      const options = { stochastic, rng: createRng(3) };
      expect(Array.from(fused.scores(X, options).read())).toEqual(Array.from(plain.scores(X, { ...options, rng: createRng(3) }).read()));
    }
    expect(forwardWithCalls).toBe(4);
  });

  it('rejects two layers with the same parameter names and layers without forward/backward', () => {
    const a = () => new AffineLayer({ index: 1, inputDim: 3, outputDim: 3, backend: cpu64 });
    expect(() => new Sequential([a(), new ReluLayer(), a()], { backend: cpu64, numClasses: 3 })).toThrow(/layers\[2\] \(affine\) creates parameter W1/);
    expect(() => new Sequential([{ type: 'x' } as unknown as Layer], { backend: cpu64, numClasses: 3 })).toThrow(/layers\[0\] must have/);
    expect(() => new Sequential([], { backend: cpu64, numClasses: 3 })).toThrow(/non-empty/);
  });

  it('scores: a stochastic pass draws masks from the given stream, ignoring the fixed seed; the deterministic one does not', () => {
    const net = new FullyConnectedNet({ hiddenDims: [20], inputDim: 4, numClasses: 3, dropoutKeepRatio: 0.5, seed: 7, dtype: 'float64' });
    const X = randn(createRng(2), [6, 4], cpu64);
    const det = Array.from(net.scores(X).read());
    expect(Array.from(net.loss(X).read())).toEqual(det);
    const a = Array.from(net.scores(X, { stochastic: true, rng: createRng(1) }).read());
    const b = Array.from(net.scores(X, { stochastic: true, rng: createRng(1) }).read());
    const c = Array.from(net.scores(X, { stochastic: true, rng: createRng(2) }).read());
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a).not.toEqual(det);
  });
});
