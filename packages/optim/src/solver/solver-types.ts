import type { Rng, Tensor } from '@dropout/tensor';
import type { SolverHistory } from '../run-record.js';
import type { UpdateRuleName } from '../update-rules/registry.js';
import type { UpdateRule } from '../update-rules/update-rule.js';

/** Class labels, one integer in `[0, numClasses)` per row of X. */
export type Labels = Int32Array | readonly number[];

/** What `model.loss(X, y)` returns in training mode: the loss (a number or a size-1 Tensor) and one gradient per parameter. */
export interface LossOutput {
  loss: number | Tensor;
  grads: Record<string, Tensor>;
}

/**
 * Anything the Solver can train: parameters by name (`W1`, `b1`, …) and the course's `loss`
 * (`loss(X)` → class scores `[N, C]` at test time, `loss(X, y)` → `{ loss, grads }`).
 * `FullyConnectedNet` satisfies it without importing this package. A model with state beyond
 * its params (e.g. batch-norm running averages) may expose `getState`/`setState` so that
 * checkpoints capture it; the state may hold Tensors, typed arrays and plain JSON values.
 * @example
 *   const model: SolverModel = new FullyConnectedNet({ hiddenDims: [100], inputDim: 20, numClasses: 3 });
 */
export interface SolverModel {
  params: Record<string, Tensor>;
  loss(X: Tensor, y?: Int32Array): Tensor | LossOutput;
  getState?(): unknown;
  setState?(state: unknown): void;
}

/**
 * The course's `data` dict: `X_train`, `y_train`, `X_val`, `y_val` in camelCase.
 * X: `[N, …]` tensors on one backend; y: one label per row.
 */
export interface SolverData {
  XTrain: Tensor;
  yTrain: Labels;
  XVal: Tensor;
  yVal: Labels;
}

/** Sent after every iteration (for progress bars). `iteration` counts iterations done (1-based). */
export interface IterationEvent {
  iteration: number;
  numIterations: number;
  /** Epochs completed so far. */
  epoch: number;
  numEpochs: number;
  loss: number;
}

/** Sent after every accuracy check (the first iteration, each epoch end and the last iteration). */
export interface EpochEvent {
  epoch: number;
  numEpochs: number;
  iteration: number;
  numIterations: number;
  trainAcc: number;
  valAcc: number;
  bestValAcc: number;
}

/**
 * The course Solver's keyword arguments in camelCase, plus what a library needs
 * (an `Rng`, a logger, progress callbacks, an AbortSignal). Defaults are the course's.
 */
export interface SolverOptions {
  /** `'sgd'` (default), `'sgdMomentum'` (or the course's `'sgd_momentum'`), `'rmsprop'`, `'adam'`, or a rule function. */
  updateRule?: UpdateRuleName | 'sgd_momentum' | UpdateRule;
  /** Hyperparameters given to the update rule for every parameter, e.g. `{ learningRate: 5e-4 }`. */
  optimConfig?: Record<string, number>;
  /** Learning-rate multiplier applied at the end of each epoch (default 1). */
  lrDecay?: number;
  /** Minibatch size (default 100). */
  batchSize?: number;
  /** Epochs to train (default 10). */
  numEpochs?: number;
  /** Training rows used by each accuracy check; null: all (default 1000). */
  numTrainSamples?: number | null;
  /** Validation rows used by each accuracy check; null: all (default null). */
  numValSamples?: number | null;
  /** Writes `<checkpointName>_epoch_<n>.json` at every accuracy check when set (default null). */
  checkpointName?: string | null;
  /** Log the loss every this many iterations (default 10). */
  printEvery?: number;
  /** Log progress at all (default true). */
  verbose?: boolean;
  /** Stream for minibatch and accuracy sampling (`np.random` in the course; default `createRng(0)`). */
  rng?: Rng;
  /** Receives each log line (default `console.log`). */
  logger?: (line: string) => void;
  onIteration?: (event: IterationEvent) => void;
  onEpoch?: (event: EpochEvent) => void;
  /** Stops training cleanly between iterations; the result is then marked `partial`. */
  signal?: AbortSignal;
  /** Rows per forward pass in accuracy checks (the course's `check_accuracy` batch size, default 100). */
  accuracyBatchSize?: number;
}

/** What `train()` returns: the histories plus how far training got. */
export interface SolverResult extends SolverHistory {
  /** `partial` when stopped by the signal before the last iteration. */
  status: 'complete' | 'partial';
  bestValAcc: number;
  epoch: number;
  iteration: number;
  numIterations: number;
}

/** Options of `Solver.checkAccuracy`: the course's `num_samples` (null: every row) and `batch_size` (default 100). */
export interface CheckAccuracyOptions {
  numSamples?: number | null;
  batchSize?: number;
}
