import { softmaxCrossEntropy, type Tensor } from '@dropout/tensor';
import { checkLabels, type Labels } from './labels.js';
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
  // One pass per row (the backend's fused kernel): shifted = x − max(x) (the softmax is unchanged
  // and exp cannot overflow), logProbs = shifted − log Σ exp(shifted), loss = −Σ logProbs[i, yᵢ] / N,
  // dx = (exp(logProbs) − onehot(y)) / N.
  const { lossSum, dx } = softmaxCrossEntropy(x, labels);
  const loss = lossSum.item() / N;
  lossSum.dispose();
  return { loss, dx };
}
