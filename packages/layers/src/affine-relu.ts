import { tidy, type Tensor } from '@dropout/tensor';
import { affineBackward, affineForward, type AffineCache, type AffineGrads, type BackwardOptions, type WithoutDx } from './affine.js';
import { reluBackward, reluForward, type ReluCache } from './relu.js';

/** What {@link affineReluForward} saves: the caches of its two layers. */
export interface AffineReluCache {
  affine: AffineCache;
  relu: ReluCache;
}

/** Output and cache of {@link affineReluForward}. */
export interface AffineReluResult {
  out: Tensor;
  cache: AffineReluCache;
}

/**
 * Affine layer followed by a ReLU (the course's `affine_relu_forward`): `max(x·w + b, 0)`.
 * x: `[N, d1, …, dk]`, w: `[D, M]`, b: `[M]`; out: `[N, M]`.
 * @example
 *   const { out, cache } = affineReluForward(x, params.W1, params.b1);
 */
export function affineReluForward(x: Tensor, w: Tensor, b: Tensor): AffineReluResult {
  const affine = affineForward(x, w, b);
  const relu = reluForward(affine.out);
  return { out: relu.out, cache: { affine: affine.cache, relu: relu.cache } };
}

/**
 * Backward pass of {@link affineReluForward}. dout: `[N, M]`. `{ computeDx: false }` skips
 * the input gradient (the first layer of a net).
 * @example
 *   const { dx, dw, db } = affineReluBackward(dout, cache);
 */
export function affineReluBackward(dout: Tensor, cache: AffineReluCache, options?: { computeDx?: true }): AffineGrads;
export function affineReluBackward(dout: Tensor, cache: AffineReluCache, options: { computeDx: false }): WithoutDx<AffineGrads>;
export function affineReluBackward(dout: Tensor, cache: AffineReluCache, options?: BackwardOptions): AffineGrads | WithoutDx<AffineGrads>;
export function affineReluBackward(dout: Tensor, cache: AffineReluCache, options: BackwardOptions = {}): AffineGrads | WithoutDx<AffineGrads> {
  return tidy(() => affineBackward(reluBackward(dout, cache.relu), cache.affine, options));
}
