import { preprocessSplits, type DatasetIdentity, type ImageDataset, type RawImageSplits } from '@dropout/data';
import type { Backend } from '@dropout/tensor';
import { NotebookOptionError } from '../options.js';

/** The course's training split size (`get_CIFAR10_data(num_training=49000)`). */
export const COURSE_NUM_TRAINING = 49000;

/** The preprocessed splits, with their identity and the shapes under the notebook's names. */
export interface LoadedDataset extends ImageDataset {
  identity: DatasetIdentity;
  /** `X_train`, `y_train`, `X_val`, `y_val`, `X_test`, `y_test` → shape, in the notebook's print order. */
  shapes: Record<string, number[]>;
}

/** How many images each split gets. */
export interface SplitSizes {
  numTraining: number;
  numValidation: number;
  numTest: number;
}

/**
 * The course's split on a pool of any size: validation = `numVal` records right after the
 * training split, training = the first `min(49000, pool − numVal)`, test = the first
 * `min(numTest, test pool)`. On the full CIFAR-10 this is exactly 49,000 / 1,000 / 1,000.
 * @example
 *   planSplits(50000, 10000, 1000, 1000); // { numTraining: 49000, numValidation: 1000, numTest: 1000 }
 */
export function planSplits(poolTrain: number, poolTest: number, numVal: number, numTest: number): SplitSizes {
  if (numVal >= poolTrain) {
    throw new NotebookOptionError(
      '--num-val',
      `--num-val ${numVal}: the training pool holds only ${poolTrain} images, and at least one must stay for training; lower --num-val`,
    );
  }
  return { numTraining: Math.min(COURSE_NUM_TRAINING, poolTrain - numVal), numValidation: numVal, numTest: Math.min(numTest, poolTest) };
}

/**
 * Raw image pools → the course's preprocessed splits on `backend` (mean image subtracted),
 * with the notebook's shape names. Where the pools come from (a folder, the embedded digits,
 * bytes a page read) is the caller's business.
 * @example
 *   const data = prepareDataset(await loadMnist(), getBackend('cpu32'), { numVal: 1000, numTest: 1000 });
 *   data.shapes.X_train; // [8000, 1, 28, 28]
 */
export function prepareDataset(
  raw: RawImageSplits & { identity: DatasetIdentity },
  backend: Backend,
  sizes: { numVal: number; numTest: number },
): LoadedDataset {
  const split = planSplits(raw.yTrain.length, raw.yTest.length, sizes.numVal, sizes.numTest);
  const { name, source: from, hash } = raw.identity;
  const data = preprocessSplits(raw, { ...split, backend }, { name, source: from, hash });
  const shapes: Record<string, number[]> = {
    X_train: [...data.XTrain.shape],
    y_train: [data.yTrain.length],
    X_val: [...data.XVal.shape],
    y_val: [data.yVal.length],
    X_test: [...data.XTest.shape],
    y_test: [data.yTest.length],
  };
  return { ...data, identity: data.identity, shapes };
}
