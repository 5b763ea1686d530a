import { readFileSync } from 'node:fs';
import { createNumpyRng, fromArray, getBackend, zeros, type Tensor } from '@dropout/tensor';
import { describe, expect, it } from 'vitest';
import { Solver, type LossOutput, type SolverModel } from '../index.js';

// Rows fed to the model by the course's Solver with np.random.seed(231); see fixtures/generate-solver-sampling.py.
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/solver-sampling.json', import.meta.url), 'utf8')) as {
  config: { seed: number; numTrain: number; numVal: number; batchSize: number; numEpochs: number; numTrainSamples: number; numValSamples: number };
  events: Array<{ kind: 'step' | 'eval'; rows: number[] }>;
};

/** Records which rows it sees; row i of X holds the number i. Gradients are zero, so nothing changes. */
class RecordingModel implements SolverModel {
  params: Record<string, Tensor> = { W: zeros([1, 3], getBackend('cpu64')) };
  events: Array<{ kind: 'step' | 'eval'; rows: number[] }> = [];

  loss(X: Tensor): Tensor;
  loss(X: Tensor, y: Int32Array): LossOutput;
  loss(X: Tensor, y?: Int32Array): Tensor | LossOutput {
    this.events.push({ kind: y ? 'step' : 'eval', rows: Array.from(X.read()) });
    if (!y) return zeros([X.shape[0]!, 3], X.backend);
    return { loss: 1, grads: { W: zeros([1, 3], X.backend) } };
  }
}

describe('Solver sampling with the NumPy stream', () => {
  it("feeds the model the same minibatches and accuracy subsets, in the same order, as the course's Solver", () => {
    const c = fixture.config;
    const backend = getBackend('cpu64');
    const rows = (n: number) => fromArray(Array.from({ length: n }, (_, i) => i), [n, 1], backend);
    const model = new RecordingModel();
    const solver = new Solver(model, { XTrain: rows(c.numTrain), yTrain: new Int32Array(c.numTrain), XVal: rows(c.numVal), yVal: new Int32Array(c.numVal) }, {
      rng: createNumpyRng(c.seed), batchSize: c.batchSize, numEpochs: c.numEpochs,
      numTrainSamples: c.numTrainSamples, numValSamples: c.numValSamples, verbose: false,
    });
    solver.train();
    expect(model.events).toEqual(fixture.events);
  });
});
