// @dropout/notebook: the CS231n dropout notebook's cells, shared by the CLI (apps/experiment)
// and the page (apps/web). Browser-safe: no Node built-ins here or in what it imports.
export { CELL_IDS, NOTEBOOK_CELL_IDS, NOTEBOOK_DEFAULTS, MC_DROPOUT, TRAINING, NotebookOptionError } from './options.js';
export type { CellId, NotebookOptions } from './options.js';
export { Interrupted, yieldToEventLoop } from './cells/cell-context.js';
export type { CellContext, TrainedNet } from './cells/cell-context.js';
export { CELL_TITLES, emptyCellResult } from './cells/cell-results.js';
export { newRunRecord } from './record/new-run-record.js';
export type { NewRunRecordInit } from './record/new-run-record.js';
export { runCell } from './cells/run-cell.js';
export { runNotebook } from './run/run-notebook.js';
export type { NotebookRunHooks, NotebookRunInit } from './run/run-notebook.js';
export { runDropoutForwardCell } from './cells/dropout-forward-cell.js';
export { runDropoutBackwardCell } from './cells/dropout-backward-cell.js';
export { runFcGradcheckCell } from './cells/fc-gradcheck-cell.js';
export { runRegularizationCell } from './cells/regularization-cell.js';
export { runMcDropoutCell, summarizePrediction } from './cells/mc-dropout-cell.js';
export { COURSE_NUM_TRAINING, planSplits, prepareDataset } from './data/prepare-dataset.js';
export type { LoadedDataset, SplitSizes } from './data/prepare-dataset.js';
export { pyFloat, pyExp, pyNumber, pyShape, pyPrint, trainingRunName } from '@dropout/run-record';
export { progressBar, progressLine, formatDuration, etaMs } from './progress/progress.js';
export type { ProgressState } from './progress/progress.js';
