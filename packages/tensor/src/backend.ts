// The vocabulary of the Backend seam (the interface itself is in tensor.ts, beside the Tensor
// it hands out): op names, tolerances, update steps, run info. Imports nothing.

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
 * One step of an update rule with its hyperparameters, for `Backend.updateStep` (tensor.ts); the
 * formulas are the course's `optim.py` (adam: `t` already incremented).
 */
export type UpdateStep =
  | { readonly rule: 'sgd'; readonly learningRate: number }
  | { readonly rule: 'sgdMomentum'; readonly learningRate: number; readonly momentum: number }
  | { readonly rule: 'rmsprop'; readonly learningRate: number; readonly decayRate: number; readonly epsilon: number }
  | { readonly rule: 'adam'; readonly learningRate: number; readonly beta1: number; readonly beta2: number; readonly epsilon: number; readonly t: number };

/** How many state tensors each rule keeps: sgdMomentum [velocity], rmsprop [cache], adam [m, v]. */
export const updateStepStates: Readonly<Record<UpdateStep['rule'], number>> = { sgd: 0, sgdMomentum: 1, rmsprop: 1, adam: 2 };

/** What a backend runs on, for logs and run records (`backend.info`). */
export interface BackendInfo {
  /** Threads its kernels use, main thread included. */
  readonly threads: number;
  /** True when its memory is shared with worker threads. */
  readonly sharedMemory: boolean;
  /** Why it runs this way, in words (e.g. 'page is not cross-origin isolated: one thread on a private heap'). */
  readonly reason: string;
}
