import { checkLabels, div, softmaxCrossEntropy, tidy, type Labels, type Tensor } from '@dropout/tensor';
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
  // One pass per row (the backend's fused kernel): shifted = x − max(x) (the softmax is unchanged
  // and exp cannot overflow), logProbs = shifted − log Σ exp(shifted), loss = −Σ logProbs[i, yᵢ] / N,
  // dx = (exp(logProbs) − onehot(y)) / N. The loss stays a Tensor: no synchronous read here.
  return tidy(() => {
    const { lossSum, dx } = softmaxCrossEntropy(x, labels);
    return { loss: div(lossSum, N), dx };
  });
}
