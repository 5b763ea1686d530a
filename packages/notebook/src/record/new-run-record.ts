import { RUN_RECORD_SCHEMA_VERSION, type DatasetIdentity, type RunRecord } from '@dropout/run-record';
import type { Backend } from '@dropout/tensor';
import { emptyCellResult } from '../cells/cell-results.js';
import { TRAINING, type NotebookOptions } from '../options.js';

/** What a runner (the CLI, the page) knows that the notebook's options do not say. */
export interface NewRunRecordInit {
  name: string;
  createdAt: Date;
  /** The notebook's options plus the data and backend the user asked for. */
  options: NotebookOptions & { dataset: string; backend: string };
  trainingBackend: Backend;
  gradcheckBackend: Backend;
  /** The data that runs ('mnist', 'cifar10', or 'none' when no chosen cell needs data) and its folder. */
  ranDataset: string;
  dataDir: string | null;
  /** Config fields only this runner has (`ignoredFlags`, `saveModels`, `runner`), appended in order. */
  extraConfig: Record<string, unknown>;
  dataset: DatasetIdentity | null;
  versions: Record<string, string>;
  machine: RunRecord['machine'];
}

/**
 * A new run record, status 'partial' with every chosen cell not yet run: the one place the CLI
 * and the page build the record's config, so the two write the same fields for the same choices.
 * @example
 *   const record = newRunRecord({ name: 'mnist', createdAt: new Date(), options, trainingBackend, gradcheckBackend: cpu64,
 *     ranDataset: 'mnist', dataDir: null, extraConfig: {}, dataset: null, versions: {}, machine });
 */
export function newRunRecord(init: NewRunRecordInit): RunRecord {
  const { options } = init;
  return {
    schemaVersion: RUN_RECORD_SCHEMA_VERSION,
    name: init.name,
    createdAt: init.createdAt.toISOString(),
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
      dataset: init.ranDataset,
      datasetRequested: options.dataset,
      dataDir: init.dataDir,
      rng: options.rng,
      gradcheckBackend: init.gradcheckBackend.name,
      ...init.extraConfig,
    },
    backend: { requested: options.backend, name: init.trainingBackend.name, floatBits: init.trainingBackend.floatBits },
    dataset: init.dataset,
    cells: options.cells.map((id) => emptyCellResult(id)),
    timings: { totalMs: 0 },
    versions: init.versions,
    machine: init.machine,
  };
}
