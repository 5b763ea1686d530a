export { Tensor, shapeSize, formatShape } from './tensor.js';
export type { Shape, DType, Backend, UpdateStepResult } from './tensor.js';
export type { BackendInfo, BinaryOp, UnaryOp, ReduceOp, Tolerance, UpdateStep } from './backend.js';
export { updateStepStates } from './backend.js';
export { tidy, keep } from './tracker.js';
export { registerBackend, loadBackend, getBackend, builtinBackendNames } from './registry.js';

export { fromArray, full, zeros, ones, zerosLike, toBackend } from './ops/creation.js';
export {
  add, sub, mul, div, maximum, minimum, pow, greater, greaterEqual, less, lessEqual, equal, notEqual, scale,
  neg, exp, log, sqrt, abs, square, maximum0, step, tanh, sigmoid, reciprocal,
} from './ops/elementwise.js';
export { matMul } from './ops/linalg.js';
export { matMulBias, updateStep, dropoutMask, softmaxCrossEntropy, type UpdateStepOptions } from './ops/fused.js';
export type { MatMulOptions } from './ops/linalg.js';
export { sum, mean, max, min, sumRows, maxCols, argMax } from './ops/reduce.js';
export type { ReduceOptions } from './ops/reduce.js';
export { reshape, flattenRows, transpose, gatherRows, sliceRows } from './ops/shape.js';
export { randn, rand } from './ops/random.js';
export { assertTensor } from './ops/assert-tensor.js';
export { assertFinite, assertFiniteAsync, firstNonFinite, nonFiniteMessage } from './ops/finite.js';
export { checkLabels } from './ops/labels.js';
export type { Labels, LabelContext } from './ops/labels.js';
export type { NormalOptions } from './ops/random.js';

export type { Rng, RngState } from './rng/rng.js';
export { createRng } from './rng/seedrandom-rng.js';
export { createNumpyRng, NumpyRandomState } from './rng/numpy-rng.js';
