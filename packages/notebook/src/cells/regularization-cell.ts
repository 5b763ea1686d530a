import { FullyConnectedNet } from '@dropout/models';
import { Solver, type EpochEvent, type IterationEvent } from '@dropout/optim';
import type { TrainingRun } from '@dropout/run-record';
import { sliceRows, type Rng } from '@dropout/tensor';
import { NotebookOptionError, TRAINING } from '../options.js';
import { pyNumber, trainingRunName } from '@dropout/run-record';
import type { LoadedDataset } from '../data/prepare-dataset.js';
import type { ProgressState } from '../progress/progress.js';
import { Interrupted, type CellContext } from './cell-context.js';

interface SmallData {
  XTrain: ReturnType<typeof sliceRows>;
  yTrain: Int32Array;
  XVal: LoadedDataset['XVal'];
  yVal: Int32Array;
}

/**
 * Trains one net (one keep ratio, one seed) and returns its record (`status` 'partial' when
 * stopped) and the net, which the caller owns.
 */
async function trainOne(
  ctx: CellContext, data: SmallData, keepRatio: number, seed: number, rng: Rng, label: string,
): Promise<{ run: TrainingRun; model: FullyConnectedNet }> {
  const { options } = ctx;
  const inputDim = data.XTrain.size / data.XTrain.shape[0]!;
  const model = new FullyConnectedNet({
    hiddenDims: [...TRAINING.hiddenDims],
    inputDim,
    numClasses: 10,
    dropoutKeepRatio: keepRatio,
    rng,
    backend: ctx.trainingBackend,
  });
  ctx.print(pyNumber(keepRatio));
  const logLines: string[] = [];
  const started = performance.now();
  let lastIterationAt = started;
  let evalMs = 0;
  const state = (event: IterationEvent | EpochEvent): ProgressState => ({
    label,
    iteration: event.iteration,
    numIterations: event.numIterations,
    epoch: event.epoch,
    numEpochs: event.numEpochs,
    elapsedMs: performance.now() - started,
  });
  const solver = new Solver(model, data, {
    updateRule: TRAINING.updateRule,
    optimConfig: { learningRate: TRAINING.learningRate },
    batchSize: options.batchSize,
    numEpochs: options.numEpochs,
    printEvery: TRAINING.printEvery,
    verbose: true,
    rng,
    signal: ctx.signal,
    logger: (line) => {
      logLines.push(line);
      ctx.print(line);
    },
    onIteration: (event) => {
      lastIterationAt = performance.now();
      ctx.progress(state(event), false);
    },
    onEpoch: (event) => {
      evalMs += performance.now() - lastIterationAt;
      ctx.progress(state(event), true);
      const { lossHistory, trainAccHistory, valAccHistory } = solver;
      ctx.onTrainingEpoch?.(record({ status: 'partial', lossHistory, trainAccHistory, valAccHistory, bestValAcc: event.bestValAcc, epoch: event.epoch, iteration: event.iteration }, true));
    },
  });
  // The record of this run from the Solver's state; `live`: a snapshot while it trains (no final
  // accuracies); `error`: why it failed. Final accuracies belong to completed runs only.
  function record(
    result: Pick<TrainingRun, 'status' | 'bestValAcc'> & { epoch: number; iteration: number } & Record<'lossHistory' | 'trainAccHistory' | 'valAccHistory', readonly number[]>,
    live = false,
    error?: string,
  ): TrainingRun {
    const totalMs = performance.now() - started;
    const final = !live && result.status === 'complete';
    return {
      name: trainingRunName(keepRatio, seed),
      keepRatio,
      seed,
      status: result.status,
      numEpochs: options.numEpochs,
      epochsDone: result.epoch,
      iterations: result.iteration,
      lossHistory: result.lossHistory.filter((loss) => Number.isFinite(loss)),
      trainAccHistory: [...result.trainAccHistory],
      valAccHistory: [...result.valAccHistory],
      bestValAcc: result.bestValAcc,
      finalTrainAcc: final ? (result.trainAccHistory.at(-1) ?? null) : null,
      finalValAcc: final ? (result.valAccHistory.at(-1) ?? null) : null,
      logLines: [...logLines],
      timings: { totalMs, stepMs: totalMs - evalMs, evalMs },
      ...(error === undefined ? {} : { error }),
    };
  }
  let done = false;
  try {
    // trainAsync yields to the event loop between iterations, so Ctrl-C can stop it cleanly.
    let run: TrainingRun;
    try {
      run = record(await solver.trainAsync());
    } catch (failure) {
      // A run that fails (a diverging loss, a backend error) keeps the history it got to, marked failed with the reason.
      const { epoch, iteration, lossHistory, trainAccHistory, valAccHistory, bestValAcc } = solver;
      run = record({ status: 'failed', epoch, iteration, lossHistory, trainAccHistory, valAccHistory, bestValAcc }, false, failure instanceof Error ? failure.message : String(failure));
    }
    done = true;
    return { run, model };
  } finally {
    ctx.progressDone();
    // The Solver frees what it holds (optimizer state, swapped-out live parameters); the model is ours.
    solver.dispose();
    if (!done) model.dispose();
  }
}

/**
 * Notebook cell "Regularization Experiment": for each seed, one stream seeded once, then for each
 * keep ratio a `FullyConnectedNet([500])` drawing its weights from that stream and a Solver (adam,
 * lr 5e-4, batch 100, print every 100) sampling minibatches and masks from it, on the first
 * `numTrain` training images. Completed runs are kept in `result.runs` even when interrupted.
 * @example
 *   await runRegularizationCell(ctx, { runs: [] }, await ctx.loadData());
 */
export async function runRegularizationCell(ctx: CellContext, result: { runs: TrainingRun[] }, dataset: LoadedDataset): Promise<void> {
  const { options } = ctx;
  const available = dataset.XTrain.shape[0]!;
  if (options.numTrain > available) {
    throw new NotebookOptionError('--num-train', `--num-train ${options.numTrain}: the training split holds only ${available} images (${dataset.identity.name}); lower --num-train`);
  }
  const data: SmallData = {
    XTrain: sliceRows(dataset.XTrain, 0, options.numTrain),
    yTrain: dataset.yTrain.subarray(0, options.numTrain),
    XVal: dataset.XVal,
    yVal: dataset.yVal,
  };
  const total = options.seeds.length * options.keepRatios.length;
  try {
    for (const [s, seed] of options.seeds.entries()) {
      // As the notebook's np.random.seed(231): once per seed, before all of that seed's nets.
      const rng = ctx.makeRng(seed);
      if (options.seeds.length > 1) ctx.print(`seed ${seed}`);
      for (const [k, keepRatio] of options.keepRatios.entries()) {
        if (ctx.signal.aborted) throw new Interrupted('the regularization experiment');
        const label = `keep ${pyNumber(keepRatio)} · seed ${seed} (${s * options.keepRatios.length + k + 1}/${total})`;
        const { run, model } = await trainOne(ctx, data, keepRatio, seed, rng, label);
        result.runs.push(run);
        if (ctx.trainedNets && run.status === 'complete') {
          const net = { run, model };
          ctx.trainedNets.push(net);
          await ctx.onTrainedNet?.(net);
        } else {
          model.dispose();
        }
        ctx.onTrainingRun(run);
        if (run.status === 'failed') throw new Error(`training run ${run.name} failed after ${run.epochsDone} of ${run.numEpochs} epochs: ${run.error}`);
        if (run.status !== 'complete') throw new Interrupted(`training run ${run.name}`);
        ctx.print('');
      }
    }
  } finally {
    data.XTrain.dispose();
  }
}
