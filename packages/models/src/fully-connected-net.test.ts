import { relError } from '@dropout/gradcheck';
import { createRng, getBackend, randn } from '@dropout/tensor';
import { expectClose } from '@dropout/tensor/testing';
import { describe, expect, it } from 'vitest';
import { paramGradErrors } from '../test/grad-errors.js';
import { fixture, replay } from '../test/fixtures.js';
import { FullyConnectedNet, type Normalization } from './index.js';

const NOTEBOOK_LOSSES = [2.300479089768492, 2.302371489704412, 2.30427592207859];


describe('FullyConnectedNet with dropout (the notebook cell)', () => {
  it("gives the notebook's initial losses, NumPy's gradients, and passes the gradient check", () => {
    const losses: number[] = [];
    const { X, y } = replay(fixture.notebook, (step) => {
      const { model, run } = step;
      expect(Array.from(model.params.W1!.read().subarray(0, 3))).toEqual(run.W1TopLeft.slice(0, 3));
      const { loss, grads } = model.loss(step.X, step.y);
      losses.push(loss.item());
      expect(Object.keys(grads).sort()).toEqual(['W1', 'W2', 'W3', 'b1', 'b2', 'b3']);
      for (const [name, expected] of Object.entries(run.grads)) expect(relError(grads[name]!, expected), name).toBeLessThan(1e-9);
      const errors = paramGradErrors(step.model, step.X, step.y);
      for (const [name, err] of Object.entries(errors)) {
        // The notebook prints W2 errors of 2.21e-5 (keep 1) and 2.15e-6 (keep 0.75): centered
        // differences on W2's smallest entries, not the analytic gradient, which matches NumPy's above.
        const bound = name !== 'W2' || run.keepRatio === 0.5 ? 1e-6 : run.keepRatio === 1 ? 1e-4 : 1e-5;
        expect(err, `${name} at keep ${run.keepRatio}`).toBeLessThan(bound);
      }
    });
    expect(Array.from(X.read())).toEqual(fixture.notebook.X);
    expect(Array.from(y)).toEqual(fixture.notebook.y);
    losses.forEach((loss, i) => expect(Math.abs(loss - NOTEBOOK_LOSSES[i]!), `loss ${i}`).toBeLessThan(1e-12));
  });
});

describe('FullyConnectedNet with batch norm, layer norm and L2', () => {
  it('matches the NumPy reference: loss, gradients, running statistics and test scores', () => {
    replay(fixture.normalized, ({ model, run, X, y }) => {
      const label = `${run.normalization} keep ${run.keepRatio}`;
      const { loss, grads } = model.loss(X, y);
      expect(Math.abs(loss.item() - run.loss), label).toBeLessThan(1e-12);
      expect(Object.keys(grads).sort()).toEqual(Object.keys(run.grads).sort());
      // Absolute floor: with N = 2, batch norm leaves W1 and b1 gradients at rounding-noise level.
      for (const [name, expected] of Object.entries(run.grads)) expectClose(grads[name]!, expected, { rtol: 1e-9, atol: 1e-14 });
      if (run.normalization === 'batchnorm') {
        const [first] = model.getState().bnParams;
        expect(relError(first!.runningMean, run.runningMean1!)).toBeLessThan(1e-12);
        expect(relError(first!.runningVar, run.runningVar1!)).toBeLessThan(1e-12);
        // Test mode also reseeds the NumPy stream when dropout has a seed, as the course does.
        expect(relError(model.loss(X), run.testScores!)).toBeLessThan(1e-10);
      }
    });
  });

  it('passes the gradient check with batch norm and layer norm', () => {
    // N = 8 rather than the cell's 2: with two samples batch norm maps every column to ±1, which
    // leaves W1's gradient at rounding-noise level (the course's batch norm notebook prints 1.1e-4);
    // weight scale 0.3 keeps activations, and so gradients, well above the differencing noise.
    const cases: Array<[Exclude<Normalization, null>, number, number]> = [
      ['batchnorm', 1, 0.7], ['batchnorm', 0.75, 0], ['layernorm', 1, 0], ['layernorm', 0.75, 0.7],
    ];
    for (const [normalization, dropoutKeepRatio, reg] of cases) {
      const rng = createRng(231);
      const X = randn(rng, [8, 7], getBackend('cpu64'));
      const y = rng.randint(0, 6, 8);
      const model = new FullyConnectedNet({
        hiddenDims: [9, 8], inputDim: 7, numClasses: 6, weightScale: 0.3, dtype: 'float64', seed: 123, rng,
        normalization, dropoutKeepRatio, reg,
      });
      const { grads } = model.loss(X, y);
      for (const [name, err] of Object.entries(paramGradErrors(model, X, y))) {
        const label = `${normalization} keep ${dropoutKeepRatio}: ${name}`;
        if (normalization === 'batchnorm' && /^b[12]$/.test(name)) {
          // Batch norm subtracts the batch mean, so the bias before it has zero gradient.
          for (const g of grads[name]!.read()) expect(Math.abs(g), label).toBeLessThan(1e-12);
          continue;
        }
        expect(err, label).toBeLessThan(1e-6);
      }
    }
  });
});
