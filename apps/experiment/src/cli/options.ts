/** The cells of the notebook, in notebook order, by the ids `--cells` accepts. */
export const CELL_IDS = ['data', 'dropout-forward', 'dropout-backward', 'fc-gradcheck', 'regularization'] as const;

/** One cell id (see {@link CELL_IDS}). */
export type CellId = (typeof CELL_IDS)[number];

/** Everything one invocation of the experiment is asked to do, after flag parsing. */
export interface ExperimentOptions {
  cells: CellId[];
  /** Dropout keep probabilities `p` of the regularization experiment (1 = no dropout). */
  keepRatios: number[];
  /** One random stream per seed, seeded once before all nets of that seed (as the notebook does). */
  seeds: number[];
  numEpochs: number;
  numTrain: number;
  /** Minibatch size of the Solver (the notebook's 100). */
  batchSize: number;
  /** Validation images, taken from the training pool right after the training split (the course's 1,000). */
  numVal: number;
  /** Test images, the first of the test pool (the course's 1,000; fewer when the folder holds fewer). */
  numTest: number;
  /** 'auto': CIFAR-10 when found, otherwise the embedded MNIST digits. */
  dataset: 'auto' | 'cifar10' | 'mnist';
  /** CIFAR-10 folder given with `--data` (null: look in the environment and ./data). */
  dataDir: string | null;
  rng: 'numpy' | 'seedrandom';
  /** Backend for the regularization nets ('auto': the fastest float32 CPU backend available). */
  backend: string;
  outDir: string;
  /** Run name, the part of the folder name after the timestamp (null: derived from the dataset). */
  name: string | null;
  json: boolean;
  quiet: boolean;
  /** Flags given on the command line that no chosen cell reads (warned about, and recorded as ignored). */
  ignoredFlags: string[];
}

/** The notebook's own configuration: every cell, keep 1 vs 0.25, seed 231, 25 epochs, 500 examples. */
export const DEFAULT_OPTIONS: ExperimentOptions = {
  cells: [...CELL_IDS],
  keepRatios: [1, 0.25],
  seeds: [231],
  numEpochs: 25,
  numTrain: 500,
  batchSize: 100,
  numVal: 1000,
  numTest: 1000,
  dataset: 'auto',
  dataDir: null,
  rng: 'numpy',
  backend: 'auto',
  outDir: 'runs',
  name: null,
  json: false,
  quiet: false,
  ignoredFlags: [],
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
};

/** The notebook's fixed training settings for the regularization cell. */
export const TRAINING = {
  hiddenDims: [500],
  updateRule: 'adam',
  learningRate: 5e-4,
  printEvery: 100,
} as const;
