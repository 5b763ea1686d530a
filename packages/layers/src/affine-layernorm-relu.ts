import { tidy, type Tensor } from '@dropout/tensor';
import { affineBackward, affineForward, type AffineCache, type BackwardOptions, type WithoutDx } from './affine.js';
import type { AffineNormGrads } from './affine-batchnorm-relu.js';
import { layernormBackward, layernormForward, type LayernormCache, type LayernormParam } from './layernorm.js';
import { reluBackward, reluForward, type ReluCache } from './relu.js';

/** What {@link affineLayernormReluForward} saves: the caches of its three layers. */
export interface AffineLayernormReluCache {
  affine: AffineCache;
  layernorm: LayernormCache;
  relu: ReluCache;
}

/** Output and cache of {@link affineLayernormReluForward}. */
export interface AffineLayernormReluResult {
  out: Tensor;
  cache: AffineLayernormReluCache;
}

/**
 * Affine layer, layer norm, ReLU: `max(layernorm(x·w + b), 0)`.
 * x: `[N, d1, …, dk]`, w: `[D, M]`, b, gamma, beta: `[M]`; out: `[N, M]`.
 * @example
 *   const { out, cache } = affineLayernormReluForward(x, W1, b1, gamma1, beta1);
 */
export function affineLayernormReluForward(
  x: Tensor, w: Tensor, b: Tensor, gamma: Tensor, beta: Tensor, lnParam: LayernormParam = {},
): AffineLayernormReluResult {
  const affine = affineForward(x, w, b);
  const norm = layernormForward(affine.out, gamma, beta, lnParam);
  const relu = reluForward(norm.out);
  return { out: relu.out, cache: { affine: affine.cache, layernorm: norm.cache, relu: relu.cache } };
}

/**
 * Backward pass of {@link affineLayernormReluForward}. dout: `[N, M]`. `{ computeDx: false }`
 * skips the input gradient.
 * @example
 *   const { dx, dw, db, dgamma, dbeta } = affineLayernormReluBackward(dout, cache);
 */
export function affineLayernormReluBackward(dout: Tensor, cache: AffineLayernormReluCache, options?: { computeDx?: true }): AffineNormGrads;
export function affineLayernormReluBackward(
  dout: Tensor, cache: AffineLayernormReluCache, options: { computeDx: false },
): WithoutDx<AffineNormGrads>;
export function affineLayernormReluBackward(
  dout: Tensor, cache: AffineLayernormReluCache, options?: BackwardOptions,
): AffineNormGrads | WithoutDx<AffineNormGrads>;
export function affineLayernormReluBackward(
  dout: Tensor, cache: AffineLayernormReluCache, options: BackwardOptions = {},
): AffineNormGrads | WithoutDx<AffineNormGrads> {
  return tidy(() => {
    const norm = layernormBackward(reluBackward(dout, cache.relu), cache.layernorm);
    return { ...affineBackward(norm.dx, cache.affine, options), dgamma: norm.dgamma, dbeta: norm.dbeta };
  });
}
