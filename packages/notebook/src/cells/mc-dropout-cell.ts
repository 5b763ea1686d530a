import { calibration, mcDropoutPredict, predict } from '@dropout/models';
import type { McDropoutNet, McPredictionResult } from '@dropout/run-record';
import { MC_DROPOUT, NotebookOptionError } from '../options.js';
import type { LoadedDataset } from '../data/prepare-dataset.js';
import { pyNumber } from '@dropout/run-record';
import { Interrupted, yieldToEventLoop, type CellContext } from './cell-context.js';

/**
 * Accuracy, calibration and predictive entropy of one way of predicting: `probs` `[N, C]`,
 * `entropy` `[N]`, `std` `[N, C]` (the spread over passes, or null for a deterministic pass).
 * @example
 *   summarizePrediction(0, probs, entropy, null, yVal, 10); // { samples: 0, accuracy: 0.93, ece: 0.02, … }
 */
export function summarizePrediction(
  samples: number, probs: Float64Array, entropy: Float64Array, std: Float64Array | null, labels: Int32Array, C: number,
): McPredictionResult {
  const cal = calibration(probs, labels, C, { numBins: MC_DROPOUT.numBins });
  const B = MC_DROPOUT.entropyBins;
  const top = Math.log(C);
  const edges = Array.from({ length: B + 1 }, (_, b) => (b / B) * top);
  const correct = new Array<number>(B).fill(0);
  const wrong = new Array<number>(B).fill(0);
  let [sumRight, nRight, sumWrong, nWrong] = [0, 0, 0, 0];
  for (let r = 0; r < labels.length; r++) {
    let best = 0;
    for (let c = 1; c < C; c++) if (probs[r * C + c]! > probs[r * C + best]!) best = c;
    const h = entropy[r]!;
    const bin = Math.min(B - 1, Math.max(0, Math.floor((h / top) * B)));
    if (best === labels[r]) [sumRight, nRight, correct[bin]] = [sumRight + h, nRight + 1, correct[bin]! + 1];
    else [sumWrong, nWrong, wrong[bin]] = [sumWrong + h, nWrong + 1, wrong[bin]! + 1];
  }
  let meanStd = 0;
  if (std) for (const v of std) meanStd += v / std.length;
  return {
    samples,
    accuracy: cal.accuracy,
    ece: cal.ece,
    meanConfidence: cal.meanConfidence,
    reliability: cal.bins,
    entropyCorrect: nRight ? sumRight / nRight : null,
    entropyWrong: nWrong ? sumWrong / nWrong : null,
    entropyHistogram: { edges, correct, wrong },
    meanStd,
  };
}

const f4 = (v: number | null) => (v === null ? '-' : v.toFixed(4));

/**
 * Cell "Monte Carlo Dropout" (beyond the notebook; Gal & Ghahramani, 2016): each net the
 * regularization cell trained is evaluated on the validation set deterministically (inverted
 * dropout, test mode) and, when its keep ratio is below 1, as the mean of T stochastic passes
 * for T in {1, 10, 50} (masks seeded with 0): accuracy, expected calibration error with its
 * reliability diagram, and the predictive entropy of correct and of wrong predictions.
 * @example
 *   await runMcDropoutCell(ctx, emptyCellResult('mc-dropout'), await ctx.loadData());
 */
export async function runMcDropoutCell(
  ctx: CellContext, result: { samples: number[]; seed: number; numBins: number; numImages: number; nets: McDropoutNet[] }, dataset: LoadedDataset,
): Promise<void> {
  const nets = ctx.trainedNets ?? [];
  if (nets.length === 0) {
    throw new NotebookOptionError('--cells', '--cells: mc-dropout uses the nets the regularization cell trains in the same run; run --cells regularization,mc-dropout');
  }
  const { XVal, yVal } = dataset;
  Object.assign(result, { samples: [...MC_DROPOUT.samples], seed: MC_DROPOUT.seed, numBins: MC_DROPOUT.numBins, numImages: yVal.length });
  const input = { input: 'preprocessed' as const, batchSize: MC_DROPOUT.batchSize };
  ctx.print(`Validation images: ${yVal.length}; Monte Carlo passes T in ${MC_DROPOUT.samples.join(', ')} (mask seed ${MC_DROPOUT.seed})`);
  for (const { run, model } of nets) {
    const C = model.numClasses;
    const stop = async (where: string) => {
      await yieldToEventLoop();
      if (ctx.signal.aborted) throw new Interrupted(`Monte Carlo dropout of ${run.name}${where}`);
    };
    await stop('');
    const det = await predict(model, XVal, input);
    const predictions = [summarizePrediction(0, det.probs, det.entropy, null, yVal, C)];
    if (run.keepRatio < 1) {
      for (const T of MC_DROPOUT.samples) {
        await stop(` (T = ${T})`);
        const mc = await mcDropoutPredict(model, XVal, { ...input, samples: T, seed: MC_DROPOUT.seed });
        predictions.push(summarizePrediction(T, mc.meanProbs, mc.entropy, mc.std, yVal, C));
      }
    }
    result.nets.push({ run: run.name, keepRatio: run.keepRatio, seed: run.seed, predictions });
    ctx.print(`${run.name}:`);
    for (const p of predictions) {
      const how = p.samples === 0 ? 'deterministic' : `MC T = ${p.samples}`;
      ctx.print(`  ${how.padEnd(13)} accuracy ${f4(p.accuracy)}  ECE ${f4(p.ece)}  entropy correct ${f4(p.entropyCorrect)} / wrong ${f4(p.entropyWrong)}`);
    }
    if (run.keepRatio === 1) ctx.print(`  (keep ${pyNumber(run.keepRatio)}: no dropout, so no Monte Carlo passes)`);
  }
}
