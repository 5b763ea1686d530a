import { nonFiniteMessage, Tensor } from '@dropout/tensor';
import type { LossOutput, SolverModel } from '../solver-types.js';

/** Thrown when training meets a non-finite loss, gradient or parameter; `solver.result()` still holds the history so far. */
export class TrainingDivergedError extends Error {
  override readonly name = 'TrainingDivergedError';
  constructor(
    message: string,
    /** The iteration (1-based) that stopped. */
    readonly iteration: number,
    /** What was not finite first, e.g. `grads.W1[3, 17]` or `loss`. */
    readonly offending: string,
  ) {
    super(message);
  }
}

/** The tensors to search when `check` is not finite, in the order a cause shows up: parameters, loss, gradients. */
export function suspects(step: LossOutput, model: SolverModel): Array<[string, Tensor]> {
  const list: Array<[string, Tensor]> = Object.entries(model.params).map(([k, t]) => [`model.params.${k}`, t]);
  if (step.loss instanceof Tensor) list.push(['the loss', step.loss]);
  for (const [k, t] of Object.entries(step.grads)) list.push([`grads.${k}`, t]);
  return list;
}

/** The error for a step whose `check` was not finite, naming the first offending tensor and index (`values` are the suspects' values). */
export function divergedError(step: LossOutput, list: Array<[string, Tensor]>, values: ArrayLike<number>[], where: { t: number; numIterations: number; epoch: number }): TrainingDivergedError {
  let offending = typeof step.loss === 'number' && !Number.isFinite(step.loss) ? `the loss is ${step.loss}` : null;
  for (let i = 0; offending === null && i < list.length; i++) {
    const [name, t] = list[i]!;
    offending = name === 'the loss' ? (Number.isFinite(values[i]![0]) ? null : `the loss is ${values[i]![0]}`) : nonFiniteMessage(name, t, values[i]!);
  }
  offending ??= 'the sum of the gradients overflows';
  const at = `at iteration ${where.t + 1} / ${where.numIterations} (epoch ${where.epoch})`;
  return new TrainingDivergedError(
    `Solver: ${offending} ${at}; training stopped before the update. ` +
      'Lower the learning rate or the weight scale, or check the data for NaN/Infinity',
    where.t + 1,
    offending,
  );
}
