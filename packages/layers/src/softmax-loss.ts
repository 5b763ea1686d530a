import { checkLabels, div, exp, log, maxCols, mul, sub, sum, sumRows, tidy, type Labels, type Tensor } from '@dropout/tensor';
import { oneHot } from './one-hot.js';
import { checkTensor } from './validate.js';

/**
 * Loss and gradient of {@link softmaxLoss} / {@link svmLoss}: `loss` a one-element Tensor (read it
 * with `loss.item()`, or `await loss.readAsync()` on a backend without synchronous reads), `dx: [N, C]`.
 */
export interface LossResult {
  loss: Tensor;
  dx: Tensor;
}

/**
 * Softmax (cross-entropy) loss averaged over the minibatch, and its gradient with respect to
 * the scores. x: `[N, C]` scores; y: N labels in [0, C).
 * @example
 *   const { loss, dx } = softmaxLoss(scores, [3, 0, 9]); loss.item(); // e.g. 2.302
 */
export function softmaxLoss(x: Tensor, y: Labels): LossResult {
  checkTensor('softmaxLoss', 'x', x, 2);
  const [N, C] = x.shape as [number, number];
  const labels = checkLabels(y, { op: 'softmaxLoss', rows: N, numClasses: C });
  return tidy(() => {
    // Subtracting each row's max leaves the softmax unchanged and keeps exp from overflowing.
    const shifted = sub(x, maxCols(x));
    const logProbs = sub(shifted, log(sumRows(exp(shifted))));
    const Y = oneHot(labels, C, x.backend);
    const loss = div(sum(mul(logProbs, Y)), -N);
    return { loss, dx: div(sub(exp(logProbs), Y), N) };
  });
}
