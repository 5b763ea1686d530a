import { div, exp, log, maxCols, mul, sub, sum, sumRows, tidy, type Tensor } from '@dropout/tensor';
import { checkLabels, oneHot, type Labels } from './labels.js';
import { checkTensor } from './validate.js';

/** Loss and gradient of {@link softmaxLoss} / {@link svmLoss}: `loss` a number, `dx: [N, C]`. */
export interface LossResult {
  loss: number;
  dx: Tensor;
}

/**
 * Softmax (cross-entropy) loss averaged over the minibatch, and its gradient with respect to
 * the scores. x: `[N, C]` scores; y: N labels in [0, C).
 * @example
 *   const { loss, dx } = softmaxLoss(scores, [3, 0, 9]);
 */
export function softmaxLoss(x: Tensor, y: Labels): LossResult {
  checkTensor('softmaxLoss', 'x', x, 2);
  const [N, C] = x.shape as [number, number];
  const labels = checkLabels('softmaxLoss', y, N, C);
  return tidy(() => {
    // Subtracting each row's max leaves the softmax unchanged and keeps exp from overflowing.
    const shifted = sub(x, maxCols(x));
    const logProbs = sub(shifted, log(sumRows(exp(shifted))));
    const Y = oneHot(labels, C, x.backend);
    const loss = -sum(mul(logProbs, Y)).item() / N;
    return { loss, dx: div(sub(exp(logProbs), Y), N) };
  });
}
