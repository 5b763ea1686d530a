import type { Labels, Tensor } from '@dropout/tensor';

/** What `model.loss(X, y)` returns in training mode: the loss (a one-element Tensor or a number) and one gradient per parameter. */
export interface LossOutput {
  loss: number | Tensor;
  grads: Record<string, Tensor>;
}

/**
 * Anything the Solver can train: parameters by name (`W1`, `b1`, …) and the course's `loss`
 * (`loss(X)` → class scores `[N, C]` at test time, `loss(X, y)` → `{ loss, grads }`).
 * `FullyConnectedNet` satisfies it without importing this package. The Solver owns the loss,
 * gradients and scores a call returns and the parameters it installs; tensors the model keeps
 * beyond a call (e.g. batch-norm running averages) it `keep()`s and frees itself. A model with
 * such state may expose `getState`/`setState` so that checkpoints capture it.
 * @example
 *   const model: SolverModel = new FullyConnectedNet({ hiddenDims: [100], inputDim: 20, numClasses: 3 });
 */
export interface SolverModel {
  params: Record<string, Tensor>;
  loss(X: Tensor, y?: Int32Array): Tensor | LossOutput;
  getState?(): unknown;
  /** `getState` with asynchronous reads; `checkpointAsync` prefers it (a backend may read only asynchronously). */
  getStateAsync?(): Promise<unknown>;
  setState?(state: unknown): void;
}

/**
 * The course's `data` dict: `X_train`, `y_train`, `X_val`, `y_val` in camelCase.
 * X: `[N, …]` tensors on one backend, every value finite; y: one label per row.
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
export interface EpochEvent extends Omit<IterationEvent, 'loss'> {
  trainAcc: number;
  valAcc: number;
  bestValAcc: number;
}

/** Per-iteration losses and per-check accuracies, as the course's Solver keeps them. */
export interface SolverHistory {
  lossHistory: number[];
  trainAccHistory: number[];
  valAccHistory: number[];
}

/** What `train()` returns (and `result()` at any time): the histories plus how far training got. */
export interface SolverResult extends SolverHistory {
  /** `partial`: stopped by the signal before the last iteration; `failed`: stopped by an error (see `train()`). */
  status: 'complete' | 'partial' | 'failed';
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
