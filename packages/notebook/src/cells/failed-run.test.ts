// Issue 14: a training run that fails (here: a loss that overflows to Infinity) keeps the
// history it got to in the record, marked failed with the reason, and the cell fails saying so.
import { describe, expect, it } from 'vitest';
import { createNumpyRng, loadBackend, type Tensor } from '@dropout/tensor';
import { CpuBackend } from '@dropout/tensor/backend-kit';
import { validateRunRecord, type TrainingRun } from '@dropout/run-record';
import { NOTEBOOK_DEFAULTS } from '../options.js';
import type { LoadedDataset } from '../data/prepare-dataset.js';
import { runRegularizationCell } from './regularization-cell.js';
import { testContext } from '../../test/cell-context.js';

describe('a failing training run', () => {
  it('is recorded as failed, with its history and the Solver\'s reason', async () => {
    const cpu64 = await loadBackend('cpu64');
    // A float64 CPU backend whose matrix products turn to NaN after the first few: the data is fine
    // (the Solver checks it), the first iterations train, then the loss or a gradient is NaN and the Solver stops.
    class DivergingCpu extends CpuBackend {
      calls = 0;
      override matMul(a: Tensor, b: Tensor, transposeA: boolean, transposeB: boolean): Tensor {
        const out = super.matMul(a, b, transposeA, transposeB);
        if (++this.calls <= 20) return out;
        const shape = [...out.shape];
        out.dispose();
        return this.fromArray(new Float64Array(shape.reduce((x, y) => x * y, 1)).fill(Number.NaN), shape);
      }
    }
    const diverging = new DivergingCpu(64);
    const D = 6;
    const X = (n: number) => diverging.fromArray(Array.from({ length: n * D }, (_, i) => Math.sin(i)), [n, D]);
    const labels = (n: number) => Int32Array.from({ length: n }, (_, i) => i % 10);
    const dataset = { XTrain: X(20), yTrain: labels(20), XVal: X(10), yVal: labels(10), identity: { name: 'overflow' } } as unknown as LoadedDataset;
    const seen: TrainingRun[] = [];
    const result = { runs: [] as TrainingRun[] };
    const lines: string[] = [];
    const run = runRegularizationCell(testContext(cpu64, lines, {
      options: { ...NOTEBOOK_DEFAULTS, keepRatios: [1], seeds: [231], numTrain: 20, batchSize: 10, numEpochs: 2 },
      trainingBackend: diverging,
      makeRng: (seed) => createNumpyRng(seed),
      loadData: () => Promise.resolve(dataset),
      onTrainingRun: (r) => seen.push(r),
    }), result, dataset);
    await expect(run).rejects.toThrow(/^training run keep 1, seed 231 failed after [01] of 2 epochs: Solver: .* is NaN at iteration [2-4] \/ 4/);
    expect(seen).toHaveLength(1);
    const [failed] = result.runs;
    expect(failed).toMatchObject({ name: 'keep 1, seed 231', status: 'failed', finalTrainAcc: null, finalValAcc: null });
    expect(failed!.error).toMatch(/^Solver: .* is NaN at iteration [2-4] \/ 4/);
    // What ran before the NaN is kept: the first iterations' losses and the first accuracy check.
    expect(failed!.iterations).toBeGreaterThanOrEqual(1);
    expect(failed!.lossHistory.length).toBeGreaterThanOrEqual(failed!.iterations);
    expect(failed!.trainAccHistory.length).toBeGreaterThanOrEqual(1);
    expect(failed!.lossHistory.every(Number.isFinite)).toBe(true); // a record holds only finite losses
    // It fits the record schema as it is.
    const cell = { kind: 'regularization', id: 'regularization', title: 'R', status: 'failed', lines, durationMs: 1, error: 'x', runs: result.runs };
    const record = { schemaVersion: 1, name: 'n', createdAt: '2025-01-01T00:00:00Z', finishedAt: null, status: 'failed', missing: [],
      config: { ...NOTEBOOK_DEFAULTS, keepRatios: [1], seeds: [231], updateRule: 'adam', learningRate: 5e-4, hiddenDims: [500], printEvery: 100, dataset: 'x' },
      backend: { requested: 'cpu64', name: 'cpu64', floatBits: 64 }, dataset: null, cells: [cell], timings: { totalMs: 1 }, versions: {},
      machine: { platform: 'linux', arch: 'x64', cpuModel: 'c', cpuCount: 1, totalMemGiB: 1 } };
    expect(() => validateRunRecord(JSON.parse(JSON.stringify(record)))).not.toThrow();
  });
});
