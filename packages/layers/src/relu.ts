import { maximum0, mul, step, tidy, type Tensor } from '@dropout/tensor';
import { checkShape, checkTensor } from './validate.js';

/** What {@link reluForward} saves for {@link reluBackward}: its input. */
export interface ReluCache {
  x: Tensor;
}

/** Output and cache of {@link reluForward}. */
export interface ReluResult {
  out: Tensor;
  cache: ReluCache;
}

/**
 * Rectified linear unit, forward pass: `out = max(x, 0)`. x: any shape; out: x's shape.
 * @example
 *   const { out, cache } = reluForward(x);
 */
export function reluForward(x: Tensor): ReluResult {
  checkTensor('reluForward', 'x', x);
  return { out: maximum0(x), cache: { x } };
}

/**
 * ReLU, backward pass: `dx = dout · (x > 0)`. dout: the shape of x.
 * @example
 *   const dx = reluBackward(dout, cache);
 */
export function reluBackward(dout: Tensor, cache: ReluCache): Tensor {
  checkTensor('reluBackward', 'dout', dout);
  checkShape('reluBackward', 'dout', dout, cache.x.shape, 'the shape of the forward input');
  return tidy(() => mul(dout, step(cache.x)));
}
