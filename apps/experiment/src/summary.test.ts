import { describe, expect, it } from 'vitest';
import type { RunRecord, TrainingRun } from '@dropout/run-record';
import { emptyCellResult } from '@dropout/notebook';
import { summarizeRuns, summaryLines } from './summary.js';

function run(keepRatio: number, seed: number, finalTrainAcc: number, finalValAcc: number, status: TrainingRun['status'] = 'complete'): TrainingRun {
  return {
    name: `keep ${keepRatio}, seed ${seed}`, keepRatio, seed, status, numEpochs: 25, epochsDone: status === 'complete' ? 25 : 3, iterations: 125,
    lossHistory: [2.3], trainAccHistory: [finalTrainAcc], valAccHistory: [finalValAcc], bestValAcc: finalValAcc,
    finalTrainAcc, finalValAcc, logLines: [], timings: { totalMs: 1, stepMs: 1, evalMs: 0 },
  };
}

function record(runs: TrainingRun[], seeds: number[], keepRatios: number[], status: 'done' | 'interrupted'): RunRecord {
  const regularization = emptyCellResult('regularization');
  if (regularization.kind !== 'regularization') throw new Error('kind');
  regularization.runs = runs;
  regularization.status = status;
  const forward = emptyCellResult('dropout-forward');
  forward.status = 'done';
  return { config: { seeds, keepRatios }, cells: [forward, regularization] } as unknown as RunRecord;
}

describe('summaries', () => {
  it('groups completed runs by keep ratio and gives mean ± sample std over seeds', () => {
    const runs = [run(1, 231, 0.97, 0.29), run(1, 232, 0.99, 0.31), run(0.25, 231, 0.89, 0.32), run(0.25, 232, 0.87, 0.34)];
    expect(summarizeRuns(runs, [1, 0.25])[1]).toEqual({
      keepRatio: 0.25, seeds: [231, 232], finalTrainAcc: [0.89, 0.87], finalValAcc: [0.32, 0.34], bestValAcc: [0.32, 0.34],
    });
    const lines = summaryLines(record(runs, [231, 232], [1, 0.25], 'done'));
    expect(lines[0]).toBe('Regularization summary (final epoch; mean ± std over seeds 231, 232):');
    expect(lines[2]).toMatch(/^1 +0\.980 ± 0\.014 +0\.300 ± 0\.014 +0\.300 ± 0\.014 +0\.680 ± 0\.000 +2$/);
    expect(lines[3]).toMatch(/^0\.25 +0\.880 ± 0\.014 +0\.330 ± 0\.014/);
  });
});
