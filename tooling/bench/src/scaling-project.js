// One epoch of the scaling table in this project (see scaling.js), in its own process.
// usage: node --experimental-wasm-relaxed-simd scaling-project.js DATA.bin BACKEND
import { readFileSync } from 'node:fs';
import { createNumpyRng, fromArray, loadBackend } from '@dropout/tensor';
import { FullyConnectedNet } from '@dropout/models';
import { Solver } from '@dropout/optim';
import { SCALING } from './scaling.js';

const [path, backendName = 'wasm32'] = process.argv.slice(2);
const { nTrain, nVal, dim, classes, hidden, keep, batch, seed } = SCALING;
const backend = await loadBackend(backendName);
const buf = readFileSync(path);
const all = new Float32Array(buf.buffer, buf.byteOffset, (nTrain + nVal) * dim);
const labels = Int32Array.from(new Float32Array(buf.buffer, buf.byteOffset + all.byteLength, nTrain + nVal));
const data = {
  XTrain: fromArray(all.subarray(0, nTrain * dim), [nTrain, dim], backend), yTrain: labels.subarray(0, nTrain),
  XVal: fromArray(all.subarray(nTrain * dim), [nVal, dim], backend), yVal: labels.subarray(nTrain),
};
const rng = createNumpyRng(seed);
const model = new FullyConnectedNet({
  hiddenDims: hidden, inputDim: dim, numClasses: classes, dropoutKeepRatio: keep, normalization: 'batchnorm',
  weightScale: 1e-2, dtype: backend.dtype, backend, rng,
});
const solver = new Solver(model, data, { updateRule: 'adam', optimConfig: { learningRate: 1e-3 }, numEpochs: 1, batchSize: batch, verbose: false, rng });
const start = performance.now();
const steps = nTrain / batch;
const losses = [];
for (let i = 0; i < steps; i++) losses.push(solver.step());
const trainAcc = solver.checkAccuracy(data.XTrain, data.yTrain, { numSamples: 1000 });
const valAcc = solver.checkAccuracy(data.XVal, data.yVal);
const seconds = (performance.now() - start) / 1000;
console.log(JSON.stringify({ seconds, peakRssMiB: process.resourceUsage().maxRSS / 1024, firstLoss: losses[0], lastLoss: losses.at(-1), trainAcc, valAcc, backend: backend.name }));
process.exit(0);
