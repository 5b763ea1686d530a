import type { Sequential } from '../sequential.js';

/** How raw images become the model's input: what the training data went through. */
export interface Preprocessing {
  /** Shape of one image, e.g. `[3, 32, 32]` (channels first). */
  inputShape: number[];
  /** The mean training image (`inputShape`'s size) subtracted from every image, or null. */
  meanImage: Float64Array | null;
  /** Name of each class (index = label), or null. */
  classNames: string[] | null;
}

/** Which run produced the model: enough to find its run record. */
export interface RunIdentity {
  /** The run record's `name` and `createdAt`. */
  name: string;
  createdAt: string;
  /** The training run within the record, e.g. 'keep 0.5 · seed 231'. */
  trainingRun?: string;
  /** The dataset the model was trained on (the record's dataset name and SHA-256). */
  dataset?: { name: string; hash: string };
}

/**
 * A model together with what using it needs: its preprocessing, where it came from, and the
 * package versions that wrote it. What `saveModel` writes and `loadModel` returns.
 * @example
 *   const trained: TrainedModel = { model, preprocessing: { inputShape: [1, 28, 28], meanImage, classNames }, run: null, versions: {} };
 */
export interface TrainedModel<M extends Sequential = Sequential> {
  model: M;
  preprocessing: Preprocessing | null;
  run: RunIdentity | null;
  /** Package versions (`@dropout/models`, `@dropout/tensor`, …) of the process that saved it. */
  versions: Record<string, string>;
}
