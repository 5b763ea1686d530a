import { add, checkLabels, div, greater, maximum0, mul, sub, sum, tidy, type Labels, type Tensor } from '@dropout/tensor';
import { oneHot } from './one-hot.js';
import type { LossResult } from './softmax-loss.js';
import { checkTensor } from './validate.js';

/**
 * Multiclass SVM (hinge) loss with margin 1, averaged over the minibatch, and its gradient
 * with respect to the scores. x: `[N, C]` scores; y: N labels in [0, C).
 * @example
 *   const { loss, dx } = svmLoss(scores, [3, 0, 9]); loss.item();
 */
export function svmLoss(x: Tensor, y: Labels): LossResult {
  checkTensor('svmLoss', 'x', x, 2);
  const [N, C] = x.shape as [number, number];
  const labels = checkLabels(y, { op: 'svmLoss', rows: N, numClasses: C });
  return tidy(() => {
    const Y = oneHot(labels, C, x.backend);
    const correct = sum(mul(x, Y), { axis: 1, keepDims: true });
    // The correct class's own margin (always 1) is masked out, as the course sets it to 0.
    const margins = mul(maximum0(add(sub(x, correct), 1)), sub(1, Y));
    const positive = greater(margins, 0);
    const numPositive = sum(positive, { axis: 1, keepDims: true });
    const loss = div(sum(margins), N);
    return { loss, dx: div(sub(positive, mul(Y, numPositive)), N) };
  });
}
