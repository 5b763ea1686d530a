// A small valid record of every cell kind, for the tests of this package.
import { RUN_RECORD_SCHEMA_VERSION, type RunRecord, type TrainingRun } from '../src/index.js';

export function trainingRun(): TrainingRun {
  return {
    name: 'keep 1', keepRatio: 1, seed: 231, status: 'complete', numEpochs: 2, epochsDone: 2, iterations: 10,
    lossHistory: [2.3, 2.1], trainAccHistory: [0.1, 0.2, 0.3], valAccHistory: [0.1, 0.15, 0.2], bestValAcc: 0.2,
    finalTrainAcc: 0.3, finalValAcc: null, logLines: ['(Iteration 1 / 10) loss: 2.300000'],
    timings: { totalMs: 10, stepMs: 8, evalMs: 2 },
  };
}

export function record(): RunRecord {
  return {
    schemaVersion: RUN_RECORD_SCHEMA_VERSION, name: 'dropout', createdAt: '2024-01-01T00:00:00Z', finishedAt: null,
    status: 'partial', missing: ['regularization'],
    config: {
      cells: ['data', 'dropout-forward', 'dropout-backward', 'fc-gradcheck', 'regularization'], keepRatios: [1, 0.25], seeds: [231], numEpochs: 25, numTrain: 500, batchSize: 100,
      updateRule: 'adam', learningRate: 5e-4, hiddenDims: [500], printEvery: 100, dataset: 'synthetic', rng: 'numpy', extra: { any: 1 },
    },
    backend: { requested: 'cpu64', name: 'cpu64', floatBits: 64 },
    dataset: null,
    cells: [
      { kind: 'data', id: 'data', title: 'Data', status: 'done', lines: [], durationMs: 1, shapes: { XTrain: [500, 3072] } },
      {
        kind: 'dropout-forward', id: 'dropout-forward', title: 'Dropout forward', status: 'done', lines: ['…'], durationMs: 3,
        rows: [{ p: 0.25, inputMean: 10, trainMean: 10.01, testMean: 10, trainZeroFraction: 0.75, testZeroFraction: 0 }],
      },
      { kind: 'dropout-backward', id: 'dropout-backward', title: 'Dropout backward', status: 'skipped', lines: [], durationMs: 0, dxRelError: null },
      {
        kind: 'fc-gradcheck', id: 'fc-gradcheck', title: 'FC net', status: 'done', lines: [], durationMs: 5,
        runs: [{ keepRatio: 0.5, initialLoss: 2.3, relErrors: { W1: 1e-8 } }],
      },
      {
        kind: 'regularization', id: 'regularization', title: 'Regularization', status: 'interrupted', lines: [], durationMs: 9,
        error: 'stopped', runs: [{ ...trainingRun(), modelPath: 'models/keep-1-seed-231' }],
      },
      {
        kind: 'mc-dropout', id: 'mc-dropout', title: 'MC dropout', status: 'done', lines: [], durationMs: 7,
        samples: [1, 10], seed: 0, numBins: 2, numImages: 4,
        nets: [{
          run: 'keep 0.5, seed 231', keepRatio: 0.5, seed: 231,
          predictions: [{
            samples: 0, accuracy: 0.75, ece: 0.1, meanConfidence: 0.65,
            reliability: [{ lower: 0, upper: 0.5, count: 0, accuracy: null, confidence: null }, { lower: 0.5, upper: 1, count: 4, accuracy: 0.75, confidence: 0.65 }],
            entropyCorrect: 0.4, entropyWrong: null, entropyHistogram: { edges: [0, 1.15, 2.3], correct: [3, 0], wrong: [0, 1] }, meanStd: 0,
          }],
        }],
      },
    ],
    timings: { totalMs: 100 },
    versions: { '@dropout/optim': '0.1.0' },
    machine: { platform: 'linux', arch: 'x64', cpuModel: 'cpu', cpuCount: 2, totalMemGiB: 8 },
  };
}

/** A deep copy of the valid record with `edit` applied. */
export function broken(edit: (r: any) => void): unknown {
  const r = structuredClone(record());
  edit(r);
  return r;
}
