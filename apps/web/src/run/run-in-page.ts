import { loadBackend, type Backend } from '@dropout/tensor';
import type { CellResult, RunRecord, TrainingRun } from '@dropout/run-record';
import { NotebookOptionError, prepareDataset, runNotebook, type LoadedDataset, type ProgressState } from '@dropout/notebook';
import { missingParts } from '@dropout/run-record';
import type { RawDataset } from '../data/embedded-mnist.js';
import { openPageBackend } from './backends.js';
import { newPageRecord, type PageRunOptions } from './page-record.js';

/** What the page shows while a run goes: printed lines, progress, the record as it grows. */
export interface RunHooks {
  /** The backend that runs and why (before the first cell). */
  backend(name: string, reason: string, tolerance: Backend['tolerance']): void;
  cellStarted(cell: CellResult): void;
  line(cellId: string, text: string): void;
  progress(state: ProgressState, epochEnded: boolean): void;
  progressDone(): void;
  /** The record changed (a cell or a training run finished); draw from it. */
  recordChanged(record: RunRecord): void;
  /** The training run going on, so far (after every accuracy check), for live charts. */
  liveRun(run: TrainingRun): void;
}

/** The page's names for the options the CLI calls by flag. */
const FIELD_NAMES: Record<string, string> = { '--num-train': 'Training examples', '--num-val': 'Validation images', '--num-test': 'Test images' };

function pageMessage(error: NotebookOptionError): string {
  const field = FIELD_NAMES[error.option];
  return field ? error.message.replaceAll(error.option, field) : error.message;
}

/**
 * Runs the chosen cells in notebook order in the page, exactly as `pnpm experiment` does
 * (same cells, same streams, gradient checks on cpu64), keeping the record up to date. The
 * stop signal ends the run at the next safe point; what finished stays, marked partial.
 * @example
 *   const record = await runInPage(options, loadEmbeddedMnist, hooks, controller.signal);
 */
export async function runInPage(options: PageRunOptions, loadRaw: () => Promise<RawDataset>, hooks: RunHooks, signal: AbortSignal): Promise<RunRecord> {
  const started = performance.now();
  const cpu64 = await loadBackend('cpu64');
  const choice = await openPageBackend(options.backend);
  hooks.backend(choice.backend.name, choice.reason, choice.backend.tolerance);
  const record = newPageRecord(options, choice.backend, cpu64, new Date());
  const touch = (): void => {
    record.missing = missingParts(record);
    record.timings.totalMs = performance.now() - started;
    hooks.recordChanged(record);
  };
  let loaded: Promise<LoadedDataset> | null = null;
  const loadData = (): Promise<LoadedDataset> => {
    loaded ??= loadRaw().then((raw) => {
      const data = prepareDataset(raw, choice.backend, options);
      record.dataset = data.identity;
      return data;
    });
    return loaded;
  };
  try {
    await runNotebook(record, {
      options,
      cpu64,
      trainingBackend: choice.backend,
      loadData,
      signal,
      hooks: {
        cellStarted: (cell) => hooks.cellStarted(cell),
        line: (cellId, text) => hooks.line(cellId, text),
        progress: (state, epochEnded) => hooks.progress(state, epochEnded),
        progressDone: () => hooks.progressDone(),
        trainingEpoch: (run) => hooks.liveRun(run),
        recordChanged: () => touch(),
        cellFailed: (_cell, error) => (error instanceof NotebookOptionError ? pageMessage(error) : (error as Error).message),
      },
    });
  } finally {
    // (`loaded` is assigned inside loadData, which TypeScript's narrowing cannot see.)
    const pending = loaded as Promise<LoadedDataset> | null;
    const data = pending ? await pending.catch(() => null) : null;
    if (data) for (const t of [data.XTrain, data.XVal, data.XTest]) t.dispose();
  }
  return record;
}
