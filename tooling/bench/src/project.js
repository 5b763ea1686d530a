// The regularization experiment with this project's own FullyConnectedNet and Solver, on any
// backend. Everything random (weights, minibatches, dropout masks) comes from one NumPy-
// compatible stream seeded like the NumPy script's RandomState, so losses can be compared.
import { createNumpyRng, fromArray, loadBackend } from '@dropout/tensor';
import { SIZES } from './data.js';

/** The models and optim packages, or null with the reason when they are not built yet. */
async function loadProjectPackages() {
  try {
    const [{ FullyConnectedNet }, { Solver }] = await Promise.all([import('@dropout/models'), import('@dropout/optim')]);
    return { FullyConnectedNet, Solver };
  } catch (err) {
    return { reason: `@dropout/models or @dropout/optim is not built (${err.message.split('\n')[0]})` };
  }
}

function tensors(data, backend) {
  const { nTrain, nVal, dim } = data;
  return {
    XTrain: fromArray(data.X.subarray(0, nTrain * dim), [nTrain, dim], backend),
    yTrain: data.y.subarray(0, nTrain),
    XVal: fromArray(data.X.subarray(nTrain * dim), [nVal, dim], backend),
    yVal: data.y.subarray(nTrain),
  };
}

/**
 * Trains both nets (keep 1 and 0.25) for `epochs` epochs. With `epochs` below 25 the time of
 * the full experiment is extrapolated from the measured time per step and per evaluation.
 * @returns {Promise<object>} seconds (measured or extrapolated), histories, and how it was measured
 */
export async function projectExperiment(backendName, data, { seed, epochs = 25 }) {
  const pkgs = await loadProjectPackages();
  if (pkgs.reason) return { skipped: pkgs.reason };
  const { FullyConnectedNet, Solver } = pkgs;
  const backend = await loadBackend(backendName);
  const split = tensors(data, backend);
  const runs = [];
  let measured = 0;
  let evalSeconds = 0;
  // A short run (to extrapolate from) times one net: the two cost the same per step.
  const keeps = epochs >= 25 ? [1, 0.25] : [0.25];
  for (const keep of keeps) {
    const rng = createNumpyRng(seed);
    const model = new FullyConnectedNet({
      hiddenDims: [SIZES.hidden], inputDim: data.dim, numClasses: data.classes, dropoutKeepRatio: keep,
      weightScale: 1e-2, dtype: backend.dtype, backend, rng,
    });
    const solver = new Solver(model, split, {
      updateRule: 'adam', optimConfig: { learningRate: 5e-4 }, numEpochs: epochs, batchSize: 100, verbose: false, rng,
    });
    const start = performance.now();
    const result = solver.train();
    const seconds = (performance.now() - start) / 1000;
    measured += seconds;
    if (epochs < 25) {
      const t = performance.now();
      solver.checkAccuracy(split.XTrain, split.yTrain, { numSamples: 1000 });
      solver.checkAccuracy(split.XVal, split.yVal);
      evalSeconds += (performance.now() - t) / 1000;
    }
    runs.push({ keep, seconds, loss: result.lossHistory, trainAcc: result.trainAccHistory, valAcc: result.valAccHistory });
    model.dispose();
  }
  for (const t of [split.XTrain, split.XVal]) t.dispose();
  if (epochs >= 25) return { backend: backend.name, mode: 'full', seconds: measured, runs };
  // `epochs`·5 steps and epochs + 1 evaluations were timed; each net runs 125 and 26.
  const stepsPerNet = epochs * (data.nTrain / 100);
  const evalPerNet = evalSeconds;
  const stepSeconds = (measured - (epochs + 1) * evalPerNet) / stepsPerNet;
  return {
    backend: backend.name, mode: `extrapolated from ${epochs} epoch(s) of the keep-0.25 net`, seconds: 2 * (125 * stepSeconds + 26 * evalPerNet),
    stepSeconds, evalSeconds: evalPerNet, measuredSeconds: measured, runs,
  };
}
