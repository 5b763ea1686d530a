/**
 * Every cell, in run order, by the ids the CLI's `--cells` and the page accept: the notebook's
 * own five, then 'mc-dropout' (beyond the notebook: Monte Carlo dropout on the regularization
 * cell's nets), which runs only when asked for (`--cells …,mc-dropout` or `--cells all`).
 */
export const CELL_IDS = ['data', 'dropout-forward', 'dropout-backward', 'fc-gradcheck', 'regularization', 'mc-dropout'] as const;

/** The notebook's own cells: what a run does by default. */
export const NOTEBOOK_CELL_IDS = CELL_IDS.filter((id) => id !== 'mc-dropout');

/** One cell id (see {@link CELL_IDS}). */
export type CellId = (typeof CELL_IDS)[number];

/** What the cells themselves read from a run's options (the CLI and the page add their own). */
export interface NotebookOptions {
  cells: CellId[];
  /** Dropout keep probabilities `p` of the regularization experiment (1 = no dropout). */
  keepRatios: number[];
  /** One random stream per seed, seeded once before all nets of that seed (as the notebook does). */
  seeds: number[];
  numEpochs: number;
  /** Training examples of the regularization experiment (the first of the training split). */
  numTrain: number;
  /** Minibatch size of the Solver (the notebook's 100). */
  batchSize: number;
  /** Validation images, taken from the training pool right after the training split (the course's 1,000). */
  numVal: number;
  /** Test images, the first of the test pool (the course's 1,000; fewer when the pool holds fewer). */
  numTest: number;
  rng: 'numpy' | 'seedrandom';
}

/**
 * The notebook's own configuration: every cell, keep 1 vs 0.25, seed 231, 25 epochs, 500 examples.
 * @example
 *   NOTEBOOK_DEFAULTS.keepRatios; // [1, 0.25]
 */
export const NOTEBOOK_DEFAULTS: Readonly<NotebookOptions> = {
  cells: [...NOTEBOOK_CELL_IDS],
  keepRatios: [1, 0.25],
  seeds: [231],
  numEpochs: 25,
  numTrain: 500,
  batchSize: 100,
  numVal: 1000,
  numTest: 1000,
  rng: 'numpy',
};

/** Settings of the mc-dropout cell: passes T, the mask seed, reliability and entropy bins, images per pass. */
export const MC_DROPOUT = {
  samples: [1, 10, 50],
  seed: 0,
  numBins: 15,
  entropyBins: 20,
  batchSize: 1000,
} as const;

/** The notebook's fixed training settings for the regularization cell. */
export const TRAINING = {
  hiddenDims: [500],
  updateRule: 'adam',
  learningRate: 5e-4,
  printEvery: 100,
} as const;

/**
 * A run option the data cannot satisfy (too many training or validation images). `option` is
 * the CLI flag that sets it; the message names it and the fix.
 */
export class NotebookOptionError extends Error {
  override name = 'NotebookOptionError';
  constructor(
    readonly option: string,
    message: string,
  ) {
    super(message);
  }
}
