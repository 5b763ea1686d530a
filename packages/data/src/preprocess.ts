import { getBackend, type Backend, type DType, type Tensor } from '@dropout/tensor';
import { meanRows, subtractRows } from './byte-kernels.js';
import type { DatasetIdentity } from './identity.js';

/**
 * Images as stored (uint8, channels first, one image after another) with integer labels:
 * a training pool and a test pool, like the course's `load_CIFAR10` returns.
 */
export interface RawImageSplits {
  /** `[NTrain, C, H, W]` bytes. */
  XTrain: Uint8Array;
  yTrain: Int32Array;
  /** `[NTest, C, H, W]` bytes. */
  XTest: Uint8Array;
  yTest: Int32Array;
  /** `[C, H, W]` of one image. */
  imageShape: readonly [number, number, number];
}

/** The course's `get_CIFAR10_data` options, plus where the tensors should live. */
export interface SplitOptions {
  /** Training examples: the first `numTraining` of the training pool. */
  numTraining?: number;
  /** Validation examples: training-pool records `numTraining … numTraining + numValidation - 1`. */
  numValidation?: number;
  /** Test examples: the first `numTest` of the test pool. */
  numTest?: number;
  /** Subtract the mean training image from all three splits (default true). */
  subtractMean?: boolean;
  /** 'float64' (cpu64, the course's dtype; default) or 'float32' (cpu32). Ignored when `backend` is given. */
  dtype?: DType;
  /** Backend that will own the tensors; must match `dtype` when both are given. */
  backend?: Backend;
}

/**
 * What the Solver consumes: images `[N, C, H, W]` as float tensors, labels as integers.
 * @example
 *   const data = await getCifar10Data({ dir: 'data' });
 *   data.XTrain.shape; // [49000, 3, 32, 32]
 */
export interface ImageDataset {
  XTrain: Tensor;
  yTrain: Int32Array;
  XVal: Tensor;
  yVal: Int32Array;
  XTest: Tensor;
  yTest: Int32Array;
  /** The mean training image `[C·H·W]` (float64) that was subtracted, or null. */
  meanImage: Float64Array | null;
  identity: DatasetIdentity;
}

function count(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number ≥ 0, got ${value}`);
  return value;
}

function resolveBackend(options: SplitOptions): Backend {
  if (!options.backend) return getBackend(options.dtype === 'float32' ? 'cpu32' : 'cpu64');
  if (options.dtype && options.dtype !== options.backend.dtype) {
    throw new Error(`dtype '${options.dtype}' does not match backend '${options.backend.name}' (${options.backend.dtype}); pass one or the other`);
  }
  return options.backend;
}

/** Writes `images[start…end)` minus `mean` into a tensor of `backend`, converting bytes to floats in one pass. */
function toTensor(images: Uint8Array, start: number, end: number, mean: Float64Array, shape: readonly number[], backend: Backend): Tensor {
  const D = mean.length;
  const n = end - start;
  const out = backend.floatBits === 64 ? new Float64Array(n * D) : new Float32Array(n * D);
  subtractRows(out, images.subarray(start * D, end * D), n, mean);
  return backend.adopt(out, [n, ...shape]);
}

/**
 * The course's `get_CIFAR10_data` on any {@link RawImageSplits}: validation = training-pool
 * records `numTraining…numTraining+numValidation`, training = the first `numTraining`, test =
 * the first `numTest` of the test pool; the mean training image (float64) is subtracted from
 * all three. Tensors are `[N, C, H, W]`.
 * @example
 *   const data = preprocessSplits(raw, { numTraining: 49000, numValidation: 1000, numTest: 1000 }, { name: 'CIFAR-10', source: dir, hash });
 */
export function preprocessSplits(
  raw: RawImageSplits,
  options: SplitOptions & { numTraining: number; numValidation: number; numTest: number },
  about: Omit<DatasetIdentity, 'shapes'>,
): ImageDataset {
  const numTraining = count('numTraining', options.numTraining);
  const numValidation = count('numValidation', options.numValidation);
  const numTest = count('numTest', options.numTest);
  const subtractMean = options.subtractMean ?? true;
  const poolTrain = raw.yTrain.length;
  const poolTest = raw.yTest.length;
  if (numTraining + numValidation > poolTrain) {
    throw new Error(`numTraining + numValidation = ${numTraining + numValidation} exceeds the ${poolTrain} training images of ${about.name}; lower one of them`);
  }
  if (numTest > poolTest) throw new Error(`numTest = ${numTest} exceeds the ${poolTest} test images of ${about.name}; lower it`);
  if (subtractMean && numTraining === 0) throw new Error('subtractMean needs numTraining ≥ 1 (the mean is taken over the training split)');
  const backend = resolveBackend(options);

  const D = raw.imageShape[0] * raw.imageShape[1] * raw.imageShape[2];
  // Byte sums are exact, so the mean equals NumPy's float64 mean bit for bit.
  const mean = subtractMean ? meanRows(raw.XTrain, numTraining, D) : new Float64Array(D);

  const XVal = toTensor(raw.XTrain, numTraining, numTraining + numValidation, mean, raw.imageShape, backend);
  const XTrain = toTensor(raw.XTrain, 0, numTraining, mean, raw.imageShape, backend);
  const XTest = toTensor(raw.XTest, 0, numTest, mean, raw.imageShape, backend);
  const yVal = raw.yTrain.slice(numTraining, numTraining + numValidation);
  const yTrain = raw.yTrain.slice(0, numTraining);
  const yTest = raw.yTest.slice(0, numTest);
  const shapes = {
    XTrain: [...XTrain.shape], yTrain: [numTraining],
    XVal: [...XVal.shape], yVal: [numValidation],
    XTest: [...XTest.shape], yTest: [numTest],
  };
  return { XTrain, yTrain, XVal, yVal, XTest, yTest, meanImage: subtractMean ? mean : null, identity: { ...about, shapes } };
}
