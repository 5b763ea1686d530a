// The acceptance run: FullyConnectedNet + Solver on the embedded MNIST, trained with
// `await solver.trainAsync()` on the page's backend and on cpu32 in the same page; the first
// loss and every recorded accuracy must agree within float32 tolerance.
import { createRng, getBackend, loadBackend } from '@dropout/tensor';
import { getMnistData } from '@dropout/data';
import { FullyConnectedNet } from '@dropout/models';
import { Solver } from '@dropout/optim';
import { describe, expect, it } from 'vitest';

const name = globalThis.__DROPOUT_BACKENDS__;
const NUM_VAL = 100;

async function train(backend) {
  const data = await getMnistData({ numTraining: 300, numValidation: NUM_VAL, numTest: 10, backend });
  const model = new FullyConnectedNet({
    hiddenDims: [50], inputDim: 28 * 28, numClasses: 10, dropoutKeepRatio: 0.75, weightScale: 1e-2, seed: 231, backend,
  });
  const { XTrain, yTrain, XVal, yVal } = data;
  const solver = new Solver(model, { XTrain, yTrain, XVal, yVal }, {
    updateRule: 'adam', optimConfig: { learningRate: 1e-3 }, batchSize: 50, numEpochs: 2, verbose: false, rng: createRng(0),
  });
  const result = await solver.trainAsync();
  solver.dispose();
  for (const t of [data.XTrain, data.XVal, data.XTest, ...Object.values(model.params)]) t.dispose();
  return result;
}

describe(`FullyConnectedNet + Solver.trainAsync on the embedded MNIST [${name}]`, () => {
  it('gives the same first loss and accuracies as cpu32, and learns', async () => {
    const backend = await loadBackend(name);
    const t0 = performance.now();
    const reference = await train(getBackend('cpu32'));
    const t1 = performance.now();
    const run = await train(backend);
    const seconds = (performance.now() - t1) / 1000;
    const summary = (r) => ({ firstLoss: r.lossHistory[0], lastLoss: r.lossHistory.at(-1), trainAcc: r.trainAccHistory, valAcc: r.valAccHistory });
    globalThis.__training = { backend: summary(run), cpu32: summary(reference), seconds, cpu32Seconds: (t1 - t0) / 1000 };
    expect(backend.name).toBe(name.startsWith('wasm') ? name.split(':')[0] : name);
    expect(run.lossHistory).toHaveLength(reference.lossHistory.length);
    const tol = backend.tolerance;
    const [first, want] = [run.lossHistory[0], reference.lossHistory[0]];
    expect(Math.abs(first - want), `first loss ${first} vs cpu32 ${want}`).toBeLessThanOrEqual(10 * (tol.atol + tol.rtol * Math.abs(want)));
    // One validation digit is 1/NUM_VAL; float32 rounding may flip at most one prediction per check.
    for (const key of ['trainAccHistory', 'valAccHistory']) {
      expect(run[key]).toHaveLength(reference[key].length);
      run[key].forEach((acc, i) => expect(Math.abs(acc - reference[key][i]), `${key}[${i}]`).toBeLessThanOrEqual(0.02 + 1e-9));
    }
    expect(reference.lossHistory.at(-1)).toBeLessThan(reference.lossHistory[0]);
    expect(reference.valAccHistory.at(-1)).toBeGreaterThan(0.3);
  });
});
