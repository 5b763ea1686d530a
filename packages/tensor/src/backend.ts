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

/**
 * The scalar arguments of a fused update kernel, by name and in the kernels' argument order, with
 * 1 − β (`keep`) and Adam's bias corrections `c1 = 1 − β1^t`, `c2 = 1 − β2^t` computed once on the
 * host. The wasm kernels take the values in this order, the gpu.js kernels by these names.
 * @example
 *   Object.values(updateStepScalars({ rule: 'rmsprop', learningRate: 0.01, decayRate: 0.99, epsilon: 1e-8 })); // [0.01, 0.99, ≈0.01, 1e-8]
 */
export function updateStepScalars(step: UpdateStep): Record<string, number> {
  switch (step.rule) {
    case 'sgd':
      return { lr: step.learningRate };
    case 'sgdMomentum':
      return { lr: step.learningRate, momentum: step.momentum };
    case 'rmsprop':
      return { lr: step.learningRate, decay: step.decayRate, keep: 1 - step.decayRate, eps: step.epsilon };
    case 'adam': {
      const { learningRate: lr, beta1, beta2, epsilon: eps, t } = step;
      return { lr, beta1, keep1: 1 - beta1, beta2, keep2: 1 - beta2, c1: 1 - beta1 ** t, c2: 1 - beta2 ** t, eps };
    }
  }
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
