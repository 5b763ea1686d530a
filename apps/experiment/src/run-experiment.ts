import { resolve } from 'node:path';
import { createNumpyRng, createRng, loadBackend, type Backend } from '@dropout/tensor';
import { RUN_RECORD_SCHEMA_VERSION, type CellResult, type RunRecord, type RunStatus, type TrainingRun } from '@dropout/optim';
import {
  emptyCellResult, Interrupted, runCell, TRAINING, yieldToEventLoop, type CellContext, type LoadedDataset, type TrainedNet,
} from '@dropout/notebook';
import type { ExperimentOptions } from './cli/options.js';
import { describeSource, resolveDataSource } from './data/data-source.js';
import { loadDataset } from './data/load-dataset.js';
import { openTrainingBackend } from './backend-choice.js';
import { createRunFolder } from './io/run-folder.js';
import { collectMachine, collectVersions } from './io/machine.js';
import { readRunRecord, writeRunRecord } from './io/record-file.js';
import { saveTrainedNet } from './io/save-models.js';
import { missingParts } from './summary.js';
import type { ConsoleOutput } from './output/console-output.js';

/** What the experiment needs from its surroundings (the CLI passes the process's; tests their own). */
export interface RunEnvironment {
  out: ConsoleOutput;
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
  env: Record<string, string | undefined>;
  cwd: string;
  now?: () => Date;
}

/** Where a finished (or interrupted) run left its files. */
export interface RunOutcome {
  status: RunStatus;
  folder: string;
  recordPath: string;
  record: RunRecord;
}

/**
 * Runs the selected notebook cells in order, writing `record.json` after every cell and
 * training run (so an interrupted run keeps what finished), and returns the final record.
 * @example
 *   const { recordPath } = await runExperiment(parseArgs([]).options, { out, signal, env: process.env, cwd: process.cwd() });
 */
export async function runExperiment(options: ExperimentOptions, environment: RunEnvironment): Promise<RunOutcome> {
  const { out, signal } = environment;
  const now = environment.now ?? (() => new Date());
  const started = performance.now();
  const createdAt = now();
  const needsData = options.cells.some((id) => id === 'data' || id === 'regularization' || id === 'mc-dropout');
  const source = needsData ? resolveDataSource(options, environment.env, environment.cwd) : null;
  const cpu64: Backend = await loadBackend('cpu64');
  const trainingBackend = await openTrainingBackend(options.backend);
  const name = options.name ?? source?.kind ?? 'notebook';
  const folder = createRunFolder(resolve(environment.cwd, options.outDir), name, createdAt);

  const cells = options.cells.map((id) => emptyCellResult(id));
  const record: RunRecord = {
    schemaVersion: RUN_RECORD_SCHEMA_VERSION,
    name,
    createdAt: createdAt.toISOString(),
    finishedAt: null,
    status: 'partial',
    missing: [],
    config: {
      cells: [...options.cells],
      keepRatios: [...options.keepRatios],
      seeds: [...options.seeds],
      numEpochs: options.numEpochs,
      numTrain: options.numTrain,
      numVal: options.numVal,
      numTest: options.numTest,
      batchSize: options.batchSize,
      updateRule: TRAINING.updateRule,
      learningRate: TRAINING.learningRate,
      hiddenDims: [...TRAINING.hiddenDims],
      printEvery: TRAINING.printEvery,
      dataset: source?.kind ?? 'none',
      datasetRequested: options.dataset,
      dataDir: source?.kind === 'cifar10' ? source.dir : null,
      rng: options.rng,
      gradcheckBackend: cpu64.name,
      saveModels: options.saveModels,
    },
    backend: { requested: options.backend, name: trainingBackend.name, floatBits: trainingBackend.floatBits },
    dataset: null,
    cells,
    timings: { totalMs: 0 },
    versions: collectVersions(),
    machine: collectMachine(),
  };
  let recordPath = '';
  const save = (): void => {
    record.missing = missingParts(record);
    record.timings.totalMs = performance.now() - started;
    recordPath = writeRunRecord(folder, record);
  };
  save();
  out.event({ event: 'start', folder, config: record.config, backend: record.backend });
  if (source) out.note(describeSource(source));

  let failed = false;
  // The regularization cell's nets are kept when the mc-dropout cell needs them or they are saved; freed at the end.
  const keepNets = options.saveModels || options.cells.includes('mc-dropout');
  const trainedNets: TrainedNet[] = [];
  const context = (cell: CellResult): CellContext => ({
    options,
    progress: (state, epochEnded) => out.progress(state, epochEnded),
    progressDone: () => out.progressDone(),
    signal,
    cpu64,
    trainingBackend,
    loadData,
    makeRng: (seed) => (options.rng === 'numpy' ? createNumpyRng(seed) : createRng(seed)),
    print: (text) => {
      cell.lines.push(text);
      out.line(cell.id, text);
    },
    onTrainingRun: (_run: TrainingRun) => save(),
    ...(keepNets ? { trainedNets } : {}),
    onTrainedNet: async (net) => {
      if (!options.saveModels) return;
      net.run.modelPath = await saveTrainedNet(folder, net, await loadData(), record);
      out.note(`Saved ${net.run.name} to ${resolve(folder, net.run.modelPath)}`);
    },
  });
  let loaded: Promise<LoadedDataset & { classNames: string[] }> | null = null;
  const loadData = (): Promise<LoadedDataset & { classNames: string[] }> => {
    if (!source) throw new Error('no data source was resolved for this selection of cells');
    loaded ??= loadDataset(source, trainingBackend, options).then((data) => {
      record.dataset = data.identity;
      return data;
    });
    return loaded;
  };
  try {
    await runCells();
  } finally {
    for (const net of trainedNets) net.model.dispose();
  }

  async function runCells(): Promise<void> {
    for (const cell of cells) {
      await yieldToEventLoop();
      if (signal.aborted) break;
      const t = performance.now();
      const ctx = context(cell);
      try {
        await runCell(ctx, cell);
        cell.status = 'done';
      } catch (error) {
        if (error instanceof Interrupted || signal.aborted) cell.status = 'interrupted';
        else {
          cell.status = 'failed';
          cell.error = (error as Error).message;
          failed = true;
          out.warn(`Cell ${cell.id} failed: ${(error as Error).stack ?? String(error)}`);
        }
      }
      cell.durationMs = performance.now() - t;
      save();
    }
  }

  record.status = failed ? 'failed' : cells.every((c) => c.status === 'done') ? 'complete' : 'partial';
  record.finishedAt = now().toISOString();
  save();
  return { status: record.status, folder, recordPath, record: readRunRecord(recordPath) };
}
