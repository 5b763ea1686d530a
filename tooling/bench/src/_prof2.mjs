import { generateData, SIZES } from './data.js';
import { createNumpyRng, fromArray, loadBackend } from '@dropout/tensor';
import { FullyConnectedNet } from '@dropout/models';
import { Solver } from '@dropout/optim';
const data = generateData(231);
const backend = await loadBackend('wasm32');
const { nTrain, dim } = data;
const split = { XTrain: fromArray(data.X.subarray(0, nTrain * dim), [nTrain, dim], backend), yTrain: data.y.subarray(0, nTrain), XVal: fromArray(data.X.subarray(nTrain * dim), [data.nVal, dim], backend), yVal: data.y.subarray(nTrain) };
const rng = createNumpyRng(1);
const model = new FullyConnectedNet({ hiddenDims: [SIZES.hidden], inputDim: dim, numClasses: data.classes, dropoutKeepRatio: 0.25, weightScale: 1e-2, dtype: backend.dtype, backend, rng });
const solver = new Solver(model, split, { updateRule: 'adam', optimConfig: { learningRate: 5e-4 }, numEpochs: 1000, batchSize: 100, verbose: false, rng });
solver.step();
const t = performance.now();
for (let i = 0; i < 40; i++) { solver.checkAccuracy(split.XTrain, split.yTrain, { numSamples: 1000 }); solver.checkAccuracy(split.XVal, split.yVal); }
console.log('eval ms', (performance.now() - t) / 40);
