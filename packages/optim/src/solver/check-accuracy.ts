import { argMax, formatShape, gatherRows, sliceRows, Tensor, type Labels, type Rng } from '@dropout/tensor';
import type { SolverModel } from './solver-types.js';

/** Which rows an accuracy check evaluates, drawn exactly like the course's `check_accuracy`. */
export interface AccuracyPlan {
  /** Row indices (with replacement) when subsampling, else null (all rows in order). */
  mask: Int32Array | null;
  N: number;
}

/** `np.random.choice(N, numSamples)` when `N > numSamples`, else every row. */
export function planAccuracy(N: number, numSamples: number | null, rng: Rng): AccuracyPlan {
  if (numSamples !== null && N > numSamples) return { mask: rng.choice(N, numSamples), N: numSamples };
  return { mask: null, N };
}

/** Forward pass of rows `start..end` of the plan in test mode; returns predicted classes `[rows]` (a float Tensor). */
export function predictBatch(model: SolverModel, X: Tensor, plan: AccuracyPlan, start: number, end: number): Tensor {
  const Xb = plan.mask ? gatherRows(X, plan.mask.subarray(start, end)) : sliceRows(X, start, end);
  const scores = model.loss(Xb);
  if (!(scores instanceof Tensor) || scores.rank !== 2 || scores.shape[0] !== end - start) {
    const got = scores instanceof Tensor ? `a Tensor of shape ${formatShape(scores.shape)}` : typeof scores;
    throw new Error(`Solver.checkAccuracy: model.loss(X) must return class scores of shape [${end - start}, C] when called without labels, got ${got}`);
  }
  return argMax(scores, 1);
}

/** Counts rows `start..end` of the plan whose prediction equals the label. */
export function countCorrect(pred: ArrayLike<number>, y: Labels, plan: AccuracyPlan, start: number): number {
  let correct = 0;
  for (let i = 0; i < pred.length; i++) {
    const row = plan.mask ? plan.mask[start + i]! : start + i;
    if (pred[i] === y[row]) correct++;
  }
  return correct;
}
