export { Tensor, shapeSize, formatShape } from './tensor.js';
export type { Shape, DType } from './tensor.js';
export type { Backend, BackendInfo, BinaryOp, UnaryOp, ReduceOp, Tolerance } from './backend.js';
export { BackendBase, tidy, keep } from './tracker.js';
export { CpuBackend } from './cpu/cpu-backend.js';
export { registerBackend, loadBackend, getBackend, builtinBackendNames } from './registry.js';

export { fromArray, full, zeros, ones, zerosLike, toBackend } from './ops/creation.js';
export {
  add, sub, mul, div, maximum, minimum, pow, greater, greaterEqual, less, lessEqual, equal, notEqual, scale,
  neg, exp, log, sqrt, abs, square, maximum0, step, tanh, sigmoid, reciprocal,
} from './ops/elementwise.js';
export { matMul } from './ops/linalg.js';
export type { MatMulOptions } from './ops/linalg.js';
export { sum, mean, max, min, sumRows, maxCols, argMax } from './ops/reduce.js';
export type { ReduceOptions } from './ops/reduce.js';
export { reshape, flattenRows, transpose, gatherRows, sliceRows } from './ops/shape.js';
export { randn, rand } from './ops/random.js';
export type { NormalOptions } from './ops/random.js';

export type { Rng, RngState } from './rng/rng.js';
export { createRng } from './rng/seedrandom-rng.js';
export { createNumpyRng, NumpyRandomState } from './rng/numpy-rng.js';
