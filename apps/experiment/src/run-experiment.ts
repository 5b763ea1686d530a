import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadBackend, type Backend } from '@dropout/tensor';
import { missingParts, type RunRecord, type RunStatus } from '@dropout/run-record';
import { fsErrorCause, readRunRecord, writeRunRecord } from '@dropout/run-record/node';
import { newRunRecord, runNotebook, type LoadedDataset } from '@dropout/notebook';
import type { ExperimentOptions } from './cli/options.js';
import { UsageError } from './cli/usage-error.js';
import { describeSource, resolveDataSource } from './data/data-source.js';
import { loadDataset } from './data/load-dataset.js';
import { openTrainingBackend } from './backend-choice.js';
import { createRunFolder } from './io/run-folder.js';
import { collectMachine, collectVersions } from './io/machine.js';
import { describeCellError } from './cell-error.js';
import { saveTrainedNet } from './io/save-models.js';
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

/** The run could not go on for a reason outside the code (the disk filled up); exit code 1, no stack trace. */
export class RunFailed extends Error {
  override name = 'RunFailed';
}

/**
 * Creates the run folder under `--out` and writes the first record into it; any file-system
 * error (a file in the way, a read-only or full disk) is a usage error naming `--out`, and
 * leaves nothing behind.
 */
function openRunFolder(options: ExperimentOptions, cwd: string, name: string, createdAt: Date, firstSave: (folder: string) => void): string {
  const outDir = resolve(cwd, options.outDir);
  let folder: string | null = null;
  try {
    folder = createRunFolder(outDir, name, createdAt);
    firstSave(folder);
    return folder;
  } catch (error) {
    if (folder !== null) rmSync(folder, { recursive: true, force: true });
    // Only file-system errors are the folder's fault; anything else (an invalid record: a bug) passes through.
    if (error instanceof UsageError || typeof (error as NodeJS.ErrnoException).code !== 'string') throw error;
    throw new UsageError(`--out ${options.outDir}: cannot write the run folder ${folder ?? outDir}: ${fsErrorCause(error)}; choose another --out folder or free the disk`);
  }
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
  // Loaded before the run folder exists, so that sizes the data cannot satisfy are usage errors with nothing written.
  const data = source ? await loadDataset(source, trainingBackend, options) : null;
  if (data && options.cells.includes('regularization') && options.numTrain > data.XTrain.shape[0]!) {
    throw new UsageError(`--num-train ${options.numTrain}: the training split holds only ${data.XTrain.shape[0]} images (${data.identity.name}); lower --num-train`);
  }

  const record = newRunRecord({
    name, createdAt, options, trainingBackend, gradcheckBackend: cpu64,
    ranDataset: source?.kind ?? 'none',
    dataDir: source?.kind === 'cifar10' ? source.dir : null,
    extraConfig: { ignoredFlags: [...options.ignoredFlags], saveModels: options.saveModels },
    dataset: data?.identity ?? null,
    versions: collectVersions(),
    machine: collectMachine(),
  });
  let recordPath = '';
  const write = (into: string): void => {
    record.missing = missingParts(record);
    record.timings.totalMs = performance.now() - started;
    recordPath = writeRunRecord(into, record);
  };
  const folder = openRunFolder(options, environment.cwd, name, createdAt, write);
  const save = (): void => {
    try {
      write(folder);
    } catch (error) {
      throw new RunFailed(`${(error as Error).message}; the record written before it is kept in ${folder}`);
    }
  };
  out.event({ event: 'start', folder, config: record.config, backend: record.backend });
  if (source) out.note(describeSource(source));

  const loadData = (): Promise<LoadedDataset & { classNames: string[] }> => {
    if (!data) throw new Error('no data source was resolved for this selection of cells');
    return Promise.resolve(data);
  };
  await runNotebook(record, {
    options,
    cpu64,
    trainingBackend,
    loadData,
    signal,
    now,
    // The regularization cell's nets are also kept when they are saved.
    keepTrainedNets: options.saveModels,
    onTrainedNet: async (net) => {
      if (!options.saveModels) return;
      net.run.modelPath = await saveTrainedNet(folder, net, await loadData(), record);
      out.note(`Saved ${net.run.name} to ${resolve(folder, net.run.modelPath)}`);
    },
    hooks: {
      line: (cellId, text) => out.line(cellId, text),
      progress: (state, epochEnded) => out.progress(state, epochEnded),
      progressDone: () => out.progressDone(),
      // A record that cannot be written throws RunFailed here, which ends the run (exit code 1).
      recordChanged: () => save(),
      cellFailed: (cell, error) => {
        out.warn(describeCellError(cell.id, error));
        return (error as Error).message;
      },
    },
  });
  return { status: record.status, folder, recordPath, record: readRunRecord(recordPath) };
}
