import { describe, expect, it } from 'vitest';
import { FullyConnectedNet, calibration, mcDropoutPredict, predict } from '@dropout/models';
import { createRng, loadBackend, randn } from '@dropout/tensor';
import type { CellResult, TrainingRun } from '@dropout/run-record';
import { MC_DROPOUT, NOTEBOOK_DEFAULTS } from '../options.js';
import type { LoadedDataset } from '../data/prepare-dataset.js';
import type { CellContext, TrainedNet } from './cell-context.js';
import { emptyCellResult } from './cell-results.js';
import { runCell } from './run-cell.js';
import { testContext } from '../../test/cell-context.js';

const cpu64 = await loadBackend('cpu64');
const N = 60;
const XVal = randn(createRng(1), [N, 8], cpu64);
const yVal = Int32Array.from({ length: N }, (_, i) => (i * 7) % 4);
const dataset = { XVal, yVal } as unknown as LoadedDataset;

function net(keepRatio: number): TrainedNet {
  const model = new FullyConnectedNet({ hiddenDims: [40], inputDim: 8, numClasses: 4, dropoutKeepRatio: keepRatio, weightScale: 0.5, dtype: 'float64', rng: createRng(2) });
  return { model, run: { name: `keep ${keepRatio}, seed 231`, keepRatio, seed: 231 } as TrainingRun };
}

function context(lines: string[], trainedNets?: TrainedNet[], signal = new AbortController().signal): CellContext {
  return testContext(cpu64, lines, {
    options: { ...NOTEBOOK_DEFAULTS, cells: ['regularization', 'mc-dropout'] },
    signal,
    makeRng: (seed) => createRng(seed),
    loadData: async () => dataset,
    ...(trainedNets ? { trainedNets } : {}),
  });
}

describe('mc-dropout cell', () => {
  it('is not a default cell', () => {
    expect(NOTEBOOK_DEFAULTS.cells).not.toContain('mc-dropout');
  });

  it('evaluates each trained net deterministically and, with dropout, over T = 1, 10, 50 passes', async () => {
    const lines: string[] = [];
    const cell = emptyCellResult('mc-dropout');
    const nets = [net(1), net(0.5)];
    await runCell(context(lines, nets), cell);
    if (cell.kind !== 'mc-dropout') throw new Error(cell.kind);
    expect(cell.numImages).toBe(N);
    expect(cell.samples).toEqual([1, 10, 50]);
    expect(cell.nets.map((n) => n.predictions.map((p) => p.samples))).toEqual([[0], [0, 1, 10, 50]]);
    const [, dropout] = cell.nets;
    const det = await predict(nets[1]!.model, XVal, { input: 'preprocessed' });
    const detCal = calibration(det.probs, yVal, 4, { numBins: MC_DROPOUT.numBins });
    expect(dropout!.predictions[0]!.accuracy).toBe(detCal.accuracy);
    expect(dropout!.predictions[0]!.ece).toBe(detCal.ece);
    expect(dropout!.predictions[0]!.meanStd).toBe(0);
    const mc50 = await mcDropoutPredict(nets[1]!.model, XVal, { input: 'preprocessed', samples: 50, seed: MC_DROPOUT.seed });
    const p50 = dropout!.predictions[3]!;
    expect(p50.accuracy).toBe(calibration(mc50.meanProbs, yVal, 4).accuracy);
    expect(p50.meanStd).toBeGreaterThan(0);
    // Mean entropy of the correct predictions, computed here from the MC result itself.
    const right = [...yVal.keys()].filter((r) => mc50.labels[r] === yVal[r]);
    expect(p50.entropyCorrect).toBeCloseTo(right.reduce((a, r) => a + mc50.entropy[r]!, 0) / right.length, 12);
    const hist = p50.entropyHistogram;
    expect(hist.edges).toHaveLength(MC_DROPOUT.entropyBins + 1);
    expect(hist.edges.at(-1)).toBeCloseTo(Math.log(4), 15);
    expect([...hist.correct, ...hist.wrong].reduce((a, b) => a + b)).toBe(N);
    expect(hist.correct.reduce((a, b) => a + b)).toBe(right.length);
    expect(lines[0]).toMatch(/^Validation images: 60; Monte Carlo passes T in 1, 10, 50/);
    expect(lines.some((l) => /^ {2}MC T = 50 {5}accuracy \d\.\d{4}/.test(l))).toBe(true);
  });

  it('says how to run it when no nets were trained in this run, and stops on the signal', async () => {
    await expect(runCell(context([]), emptyCellResult('mc-dropout'))).rejects.toThrow(/run --cells regularization,mc-dropout/);
    const stop = new AbortController();
    stop.abort();
    const cell: CellResult = emptyCellResult('mc-dropout');
    await expect(runCell(context([], [net(0.5)], stop.signal), cell)).rejects.toThrow(/interrupted during Monte Carlo dropout of keep 0.5, seed 231/);
  });
});
