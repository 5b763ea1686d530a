import { createNumpyRng, createRng, type Backend } from '@dropout/tensor';
import type { CellResult, RunRecord, TrainingRun } from '@dropout/run-record';
import type { NotebookOptions } from '../options.js';
import type { LoadedDataset } from '../data/prepare-dataset.js';
import type { ProgressState } from '../progress/progress.js';
import { Interrupted, yieldToEventLoop, type CellContext, type TrainedNet } from '../cells/cell-context.js';
import { runCell } from '../cells/run-cell.js';

/** What a runner (the CLI, the page) shows and keeps while the notebook runs. */
export interface NotebookRunHooks {
  /** A cell is about to run (after the stop signal was checked). */
  cellStarted?(cell: CellResult): void;
  /** A line a cell printed (already appended to `cell.lines`). */
  line(cellId: string, text: string): void;
  progress(state: ProgressState, epochEnded: boolean): void;
  progressDone(): void;
  /** The training run going on, so far (after every accuracy check), for live charts. */
  trainingEpoch?(run: TrainingRun): void;
  /**
   * The record changed: after every training run, after every cell and once at the end. The
   * runner writes or draws it. An error thrown here stops the run and propagates from
   * {@link runNotebook} (it is never recorded as the cell's failure): a record that cannot be
   * kept is not a failed cell.
   */
  recordChanged(record: RunRecord): void;
  /**
   * A cell failed (it threw, and the stop signal did not interrupt it): returns the message kept
   * as `cell.error`. Absent: the error's own message.
   */
  cellFailed?(cell: CellResult, error: unknown): string;
}

/** What {@link runNotebook} needs besides the record: the pieces of every cell's context, and the hooks. */
export interface NotebookRunInit {
  options: NotebookOptions;
  /** The reference float64 backend of the gradient checks. */
  cpu64: Backend;
  trainingBackend: Backend;
  /** The dataset, for the cells that need it (the runner decides when it loads). */
  loadData(): Promise<LoadedDataset>;
  /** Aborted on Ctrl-C or the page's Stop: the run ends at the next safe point, marked partial. */
  signal: AbortSignal;
  /**
   * Keep the regularization cell's nets even when the mc-dropout cell does not run (the CLI's
   * `--save-models`). They are kept anyway when `options.cells` has 'mc-dropout'; either way they
   * are freed when the run ends.
   */
  keepTrainedNets?: boolean;
  /** Called with each net kept (the CLI saves it beside the record). */
  onTrainedNet?(net: TrainedNet): Promise<void>;
  hooks: NotebookRunHooks;
  /** The clock of `record.finishedAt`. Default: the system's. */
  now?: () => Date;
}

/** The error a `recordChanged` hook threw, kept so that no cell's catch can turn it into a cell failure. */
interface HookFailure {
  error: unknown;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs the record's cells in order, as the CLI and the page both do: yields to the event loop
 * before each cell and stops there once `signal` is aborted; each cell's lines, result, status
 * ('done', 'interrupted' or 'failed' with its message) and `durationMs` go into `record` in place,
 * and `hooks.recordChanged` sees the record after every training run and every cell. Ends with
 * `record.status` ('failed' if a cell failed, else 'complete' if every cell is done, else
 * 'partial') and `record.finishedAt`, then one last `recordChanged`. The nets the regularization
 * cell kept are freed when the run ends, also when it throws.
 * @example
 *   await runNotebook(record, { options, cpu64, trainingBackend, loadData, signal, hooks: { line, progress, progressDone, recordChanged: save } });
 *   record.status; // 'complete'
 */
export async function runNotebook(record: RunRecord, init: NotebookRunInit): Promise<RunRecord> {
  const { options, signal, hooks } = init;
  let hookFailure: HookFailure | null = null;
  const changed = (): void => {
    try {
      hooks.recordChanged(record);
    } catch (error) {
      hookFailure = { error };
      throw error;
    }
  };
  const trainedNets: TrainedNet[] = [];
  const keepNets = init.keepTrainedNets === true || options.cells.includes('mc-dropout');
  const { trainingEpoch } = hooks;
  const { onTrainedNet } = init;
  const context = (cell: CellResult): CellContext => ({
    options,
    signal,
    cpu64: init.cpu64,
    trainingBackend: init.trainingBackend,
    loadData: () => init.loadData(),
    makeRng: (seed) => (options.rng === 'numpy' ? createNumpyRng(seed) : createRng(seed)),
    print: (text) => {
      cell.lines.push(text);
      hooks.line(cell.id, text);
    },
    progress: (state, epochEnded) => hooks.progress(state, epochEnded),
    progressDone: () => hooks.progressDone(),
    onTrainingRun: () => changed(),
    ...(trainingEpoch ? { onTrainingEpoch: (run: TrainingRun) => trainingEpoch.call(hooks, run) } : {}),
    ...(keepNets ? { trainedNets } : {}),
    ...(onTrainedNet ? { onTrainedNet: (net: TrainedNet) => onTrainedNet.call(init, net) } : {}),
  });
  let failed = false;
  try {
    for (const cell of record.cells) {
      await yieldToEventLoop();
      if (signal.aborted) break;
      hooks.cellStarted?.(cell);
      const started = performance.now();
      try {
        await runCell(context(cell), cell);
        cell.status = 'done';
      } catch (error) {
        // (`hookFailure` is assigned inside `changed`, which TypeScript's narrowing cannot see.)
        const failure = hookFailure as HookFailure | null;
        if (failure) throw failure.error;
        if (error instanceof Interrupted || signal.aborted) cell.status = 'interrupted';
        else {
          cell.status = 'failed';
          cell.error = hooks.cellFailed ? hooks.cellFailed(cell, error) : errorMessage(error);
          failed = true;
        }
      }
      cell.durationMs = performance.now() - started;
      changed();
    }
  } finally {
    for (const net of trainedNets) net.model.dispose();
  }
  record.status = failed ? 'failed' : record.cells.every((c) => c.status === 'done') ? 'complete' : 'partial';
  record.finishedAt = (init.now ?? (() => new Date()))().toISOString();
  changed();
  return record;
}
