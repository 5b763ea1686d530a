import { describe, expect, it } from 'vitest';
import { RUN_RECORD_SCHEMA_VERSION, validateRunRecord, type RunRecord, type TrainingRun } from './index.js';

function trainingRun(): TrainingRun {
  return {
    name: 'keep 1', keepRatio: 1, seed: 231, status: 'complete', numEpochs: 2, epochsDone: 2, iterations: 10,
    lossHistory: [2.3, 2.1], trainAccHistory: [0.1, 0.2, 0.3], valAccHistory: [0.1, 0.15, 0.2], bestValAcc: 0.2,
    finalTrainAcc: 0.3, finalValAcc: null, logLines: ['(Iteration 1 / 10) loss: 2.300000'],
    timings: { totalMs: 10, stepMs: 8, evalMs: 2 },
  };
}

function record(): RunRecord {
  return {
    schemaVersion: RUN_RECORD_SCHEMA_VERSION, name: 'dropout', createdAt: '2024-01-01T00:00:00Z', finishedAt: null,
    status: 'partial', missing: ['regularization'],
    config: {
      cells: ['dropout-forward'], keepRatios: [1, 0.25], seeds: [231], numEpochs: 25, numTrain: 500, batchSize: 100,
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
        error: 'stopped', runs: [{ ...trainingRun(), modelPath: 'models/keep-1-seed-231' }, trainingRun()],
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
function broken(edit: (r: any) => void): unknown {
  const r = structuredClone(record());
  edit(r);
  return r;
}

describe('validateRunRecord', () => {
  it('accepts a valid record (every cell kind, optional error, dataset null) and returns it', () => {
    const r = record();
    expect(validateRunRecord(r)).toBe(r);
    const withDataset = broken((x) => (x.dataset = { name: 'CIFAR-10', source: 'data/', hash: 'ab12', shapes: { XTrain: [49000, 3072] } }));
    expect(() => validateRunRecord(withDataset)).not.toThrow();
  });

  it.each([
    ['a missing top-level field', (r: any) => delete r.name, /at record\.name: expected a string, got nothing/],
    ['a wrong status', (r: any) => (r.status = 'done'), /at record\.status: expected one of "complete", "partial", "failed", got "done"/],
    ['a bad config field', (r: any) => (r.config.rng = 'mt'), /at record\.config\.rng: expected one of "numpy", "seedrandom"/],
    ['a non-number in an array', (r: any) => (r.config.keepRatios[1] = '0.25'), /at record\.config\.keepRatios\[1\]: expected a number, got "0\.25"/],
    ['a bad float width', (r: any) => (r.backend.floatBits = 16), /at record\.backend\.floatBits: expected one of 32, 64, got 16/],
    ['an unknown cell kind', (r: any) => (r.cells[0].kind = 'plot'), /at record\.cells\[0\]\.kind: expected one of data, dropout-forward/],
    ['a bad cell status', (r: any) => (r.cells[2].status = 'ok'), /at record\.cells\[2\]\.status/],
    ['a bad nested run field', (r: any) => (r.cells[4].runs[0].seed = null), /at record\.cells\[4\]\.runs\[0\]\.seed: expected a number, got null/],
    ['a bad history entry', (r: any) => (r.cells[4].runs[0].lossHistory[1] = null), /at record\.cells\[4\]\.runs\[0\]\.lossHistory\[1\]: expected a number/],
    ['a bad record-of entry', (r: any) => (r.cells[3].runs[0].relErrors.W1 = 'small'), /at record\.cells\[3\]\.runs\[0\]\.relErrors\.W1: expected a number/],
    ['a bad optional error', (r: any) => (r.cells[4].error = 42), /at record\.cells\[4\]\.error: expected a string, got 42/],
    ['a bad dataset', (r: any) => (r.dataset = { name: 'x' }), /at record\.dataset\.source: expected a string, got nothing/],
    ['a bad version map', (r: any) => (r.versions['@dropout/optim'] = 1), /at record\.versions\.@dropout\/optim: expected a string, got 1/],
    ['a bad model path', (r: any) => (r.cells[4].runs[0].modelPath = 3), /at record\.cells\[4\]\.runs\[0\]\.modelPath: expected a string, got 3/],
    ['a bad reliability bin', (r: any) => (r.cells[5].nets[0].predictions[0].reliability[1].accuracy = '0.75'),
      /at record\.cells\[5\]\.nets\[0\]\.predictions\[0\]\.reliability\[1\]\.accuracy: expected a number or null/],
    ['a missing MC histogram', (r: any) => delete r.cells[5].nets[0].predictions[0].entropyHistogram,
      /at record\.cells\[5\]\.nets\[0\]\.predictions\[0\]\.entropyHistogram: expected an object, got nothing/],
    ['a non-object machine', (r: any) => (r.machine = []), /at record\.machine: expected an object, got \[\]/],
  ])('names the path of %s', (_what, edit, message) => {
    expect(() => validateRunRecord(broken(edit))).toThrow(message);
  });

  it('rejects another schema version with a message naming both versions', () => {
    const other = broken((r) => (r.schemaVersion = RUN_RECORD_SCHEMA_VERSION + 1));
    expect(() => validateRunRecord(other)).toThrow(
      new RegExp(`schema version ${RUN_RECORD_SCHEMA_VERSION + 1}, but this version reads ${RUN_RECORD_SCHEMA_VERSION}`),
    );
    expect(() => validateRunRecord(broken((r) => delete r.schemaVersion))).toThrow(/at record\.schemaVersion: expected one of 1, got nothing/);
  });

  it('rejects values that are not records at all', () => {
    expect(() => validateRunRecord(null)).toThrow(/at record: expected an object, got null/);
    expect(() => validateRunRecord([])).toThrow(/at record: expected an object/);
  });
});
