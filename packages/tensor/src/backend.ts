import type { DType, Shape, Tensor } from './tensor.js';

/** Elementwise operations on two tensors (NumPy broadcasting) or a tensor and a scalar. */
export type BinaryOp =
  | 'add' | 'sub' | 'mul' | 'div' | 'maximum' | 'minimum' | 'pow'
  | 'greater' | 'greaterEqual' | 'less' | 'lessEqual' | 'equal' | 'notEqual';

/** Elementwise operations on one tensor. `step` is 1 where x > 0, else 0 (ReLU's derivative). */
export type UnaryOp = 'neg' | 'exp' | 'log' | 'sqrt' | 'abs' | 'square' | 'relu' | 'step' | 'tanh' | 'sigmoid' | 'reciprocal';

/** Reductions along one axis, or over everything when `axis` is null. */
export type ReduceOp = 'sum' | 'mean' | 'max' | 'min';

/** Tolerance for comparing a backend's results with float64 references. */
export interface Tolerance {
  readonly rtol: number;
  readonly atol: number;
}

/**
 * One step of an update rule with its hyperparameters, for {@link Backend.updateStep}; the
 * formulas are the course's `optim.py` (adam: `t` already incremented).
 */
export type UpdateStep =
  | { readonly rule: 'sgd'; readonly learningRate: number }
  | { readonly rule: 'sgdMomentum'; readonly learningRate: number; readonly momentum: number }
  | { readonly rule: 'rmsprop'; readonly learningRate: number; readonly decayRate: number; readonly epsilon: number }
  | { readonly rule: 'adam'; readonly learningRate: number; readonly beta1: number; readonly beta2: number; readonly epsilon: number; readonly t: number };

/** How many state tensors each rule keeps: sgdMomentum [velocity], rmsprop [cache], adam [m, v]. */
export const updateStepStates: Readonly<Record<UpdateStep['rule'], number>> = { sgd: 0, sgdMomentum: 1, rmsprop: 1, adam: 2 };

/** New weights and new state tensors of {@link Backend.updateStep} (the inputs are left untouched). */
export interface UpdateStepResult {
  w: Tensor;
  state: Tensor[];
}

/** What a backend runs on, for logs and run records (`backend.info`). */
export interface BackendInfo {
  /** Threads its kernels use, main thread included. */
  readonly threads: number;
  /** True when its memory is shared with worker threads. */
  readonly sharedMemory: boolean;
  /** Why it runs this way, in words (e.g. 'page is not cross-origin isolated: one thread on a private heap'). */
  readonly reason: string;
}

/**
 * The seam between the maths and the hardware. Layers call the free functions in
 * `@dropout/tensor` (`matMul`, `add`, …); those validate shapes and dispatch here.
 * A backend implements every method; a missing one is a compile error.
 */
export interface Backend {
  /** Identifier as accepted by `loadBackend`, e.g. 'cpu64', 'cpu32', 'gpujs:webasm'. */
  readonly name: string;
  readonly floatBits: 64 | 32;
  readonly dtype: DType;
  readonly tolerance: Tolerance;
  /** True when `read` works synchronously (false for async-only modes; use `readAsync`). */
  readonly syncRead: boolean;
  /** Most elements one tensor may hold here (typed-array length, heap or texture limit). */
  readonly maxElements: number;
  /** How the backend runs where it was loaded (threads, shared memory and why), where it has a choice. */
  readonly info?: BackendInfo;

  fromArray(values: ArrayLike<number>, shape: Shape): Tensor;
  /**
   * A tensor over `values` (row-major; its length is the size of `shape`, already checked), taking ownership:
   * a host backend whose float type matches wraps the array without copying (the caller
   * must not write to it afterwards); others copy it into their memory (wasm heap, GPU).
   * @example
   *   const t = backend.adopt(new Float64Array([1, 2, 3, 4]), [2, 2]);
   */
  adopt(values: Float64Array | Float32Array, shape: Shape): Tensor;
  read(t: Tensor): Float64Array | Float32Array;
  readAsync(t: Tensor): Promise<Float64Array | Float32Array>;
  disposeTensor(t: Tensor): void;

  /** `a·b` for 2-D tensors, reading `a` or `b` transposed in place when asked. */
  matMul(a: Tensor, b: Tensor, transposeA: boolean, transposeB: boolean): Tensor;
  /** Elementwise op with NumPy broadcasting to `outShape` (already validated). */
  binary(op: BinaryOp, a: Tensor, b: Tensor, outShape: Shape): Tensor;
  /** Elementwise op with a scalar; `scalarFirst` computes `s op a` instead of `a op s`. */
  binaryScalar(op: BinaryOp, a: Tensor, s: number, scalarFirst: boolean): Tensor;
  unary(op: UnaryOp, a: Tensor): Tensor;
  /** Reduction along `axis` (null: all); the result keeps the axis with size 1 when `keepDims`. */
  reduce(op: ReduceOp, a: Tensor, axis: number | null, keepDims: boolean): Tensor;
  /** Index of the largest value along `axis` (first one on ties), as a float tensor. */
  argMax(a: Tensor, axis: number): Tensor;
  reshape(a: Tensor, shape: Shape): Tensor;
  /** Swaps the two axes of a 2-D tensor. */
  transpose(a: Tensor): Tensor;
  /** Rows `indices` of `a` along axis 0, in that order (repeats allowed). */
  gatherRows(a: Tensor, indices: ArrayLike<number>): Tensor;
  /** Rows `start` (inclusive) to `end` (exclusive) along axis 0. */
  sliceRows(a: Tensor, start: number, end: number): Tensor;

  /** A tensor of `shape` filled with `value`, allocated once in the backend's own dtype. */
  fill(shape: Shape, value: number): Tensor;

  /**
   * `x·w + b` for `x: [N, D]`, `w: [D, M]`, `b: [M]` (already validated): the matrix product
   * with the bias added as it is written (no separate broadcast-add tensor).
   */
  affine(x: Tensor, w: Tensor, b: Tensor): Tensor;
  /**
   * One update-rule step over `w`, `dw` and the rule's state (see {@link updateStepStates};
   * null entries mean zeros, the first step) in one pass. Returns new tensors.
   */
  updateStep(step: UpdateStep, w: Tensor, dw: Tensor, state: readonly (Tensor | null)[]): UpdateStepResult;
  /**
   * Inverted dropout in one pass: `mask = (u < p) / p` (u: x.size uniforms drawn on the host),
   * `out = x · mask`, or `max(x, 0) · mask` with `relu` (ReLU and dropout fused). The mask is
   * returned for the backward pass.
   */
  dropout(x: Tensor, u: ArrayLike<number>, p: number, relu: boolean): { out: Tensor; mask: Tensor };
  /**
   * Softmax loss and its gradient in one pass over `x: [N, C]` with labels in [0, C) (already
   * validated): `lossSum` is a scalar tensor, `−Σᵢ log softmax(x)[i, yᵢ]` (divide by N for the mean),
   * and `dx = (softmax(x) − Y) / N`.
   */
  softmaxLoss(x: Tensor, labels: ArrayLike<number>): { lossSum: Tensor; dx: Tensor };

  /** Runs `fn` and frees every tensor it created, except those in its result. */
  tidy<T>(fn: () => T): T;
  /** Tensors of this backend currently holding memory. */
  liveCount(): number;
}
