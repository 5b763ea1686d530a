import { NOTEBOOK_DEFAULTS, type CellId, type NotebookOptions } from '@dropout/notebook';

// The cell ids and the notebook's fixed training settings live with the cells, in @dropout/notebook.
export { CELL_IDS, TRAINING } from '@dropout/notebook';
export type { CellId } from '@dropout/notebook';

/** Everything one invocation of the experiment is asked to do, after flag parsing. */
export interface ExperimentOptions extends NotebookOptions {
  /** 'auto': CIFAR-10 when found, otherwise the embedded MNIST digits. */
  dataset: 'auto' | 'cifar10' | 'mnist';
  /** CIFAR-10 folder given with `--data` (null: look in the environment and ./data). */
  dataDir: string | null;
  /** Backend for the regularization nets ('auto': the fastest float32 CPU backend available). */
  backend: string;
  outDir: string;
  /** Run name, the part of the folder name after the timestamp (null: derived from the dataset). */
  name: string | null;
  json: boolean;
  quiet: boolean;
  /** Flags given on the command line that no chosen cell reads (warned about, and recorded as ignored). */
  ignoredFlags: string[];
  /** Save each net the regularization cell trains beside the record (`models/<run>/model.json` + `weights.bin`). */
  saveModels: boolean;
}

/** The notebook's own configuration: every cell, keep 1 vs 0.25, seed 231, 25 epochs, 500 examples. */
export const DEFAULT_OPTIONS: ExperimentOptions = {
  ...NOTEBOOK_DEFAULTS,
  cells: [...NOTEBOOK_DEFAULTS.cells],
  keepRatios: [...NOTEBOOK_DEFAULTS.keepRatios],
  seeds: [...NOTEBOOK_DEFAULTS.seeds],
  dataset: 'auto',
  dataDir: null,
  backend: 'auto',
  outDir: 'runs',
  name: null,
  json: false,
  quiet: false,
  ignoredFlags: [],
  saveModels: true,
};

/** The cells that read each cell-specific flag; flags not listed (--cells, --rng, --out, …) apply to every run. */
export const FLAG_CELLS: Record<string, readonly CellId[]> = {
  '--keep-ratios': ['regularization'],
  '--seeds': ['regularization'],
  '--epochs': ['regularization'],
  '--num-train': ['regularization'],
  '--batch-size': ['regularization'],
  '--backend': ['regularization'],
  '--num-val': ['data', 'regularization'],
  '--num-test': ['data', 'regularization'],
  '--dataset': ['data', 'regularization'],
  '--data': ['data', 'regularization'],
  '--save-models': ['regularization'],
  '--no-save-models': ['regularization'],
};
