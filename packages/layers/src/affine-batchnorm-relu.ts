import { tidy, type Tensor } from '@dropout/tensor';
import { affineBackward, affineForward, type AffineCache, type AffineGrads, type BackwardOptions, type WithoutDx } from './affine.js';
import { batchnormBackward, batchnormForward, type BatchnormCache, type BatchnormParam } from './batchnorm.js';
import { reluBackward, reluForward, type ReluCache } from './relu.js';

/** Gradients of an affine-norm-ReLU block: the affine ones plus `dgamma`, `dbeta: [M]`. */
export interface AffineNormGrads extends AffineGrads {
  dgamma: Tensor;
  dbeta: Tensor;
}

/** What {@link affineBatchnormReluForward} saves: the caches of its three layers. */
export interface AffineBatchnormReluCache {
  affine: AffineCache;
  batchnorm: BatchnormCache;
  relu: ReluCache;
}

/** Output, cache and updated batch norm param of {@link affineBatchnormReluForward}. */
export interface AffineBatchnormReluResult {
  out: Tensor;
  cache: AffineBatchnormReluCache;
  bnParam: BatchnormParam;
}

/**
 * Affine layer, batch norm, ReLU: `max(batchnorm(x·w + b), 0)`, returning the batch norm
 * param with its updated running statistics. x: `[N, d1, …, dk]`, w: `[D, M]`, b, gamma, beta: `[M]`.
 * @example
 *   const { out, cache, bnParam } = affineBatchnormReluForward(x, W1, b1, gamma1, beta1, { mode: 'train' });
 */
export function affineBatchnormReluForward(
  x: Tensor, w: Tensor, b: Tensor, gamma: Tensor, beta: Tensor, bnParam: BatchnormParam,
): AffineBatchnormReluResult {
  const affine = affineForward(x, w, b);
  const norm = batchnormForward(affine.out, gamma, beta, bnParam);
  const relu = reluForward(norm.out);
  return { out: relu.out, cache: { affine: affine.cache, batchnorm: norm.cache, relu: relu.cache }, bnParam: norm.bnParam };
}

/**
 * Backward pass of {@link affineBatchnormReluForward}. dout: `[N, M]`. `{ computeDx: false }`
 * skips the input gradient.
 * @example
 *   const { dx, dw, db, dgamma, dbeta } = affineBatchnormReluBackward(dout, cache);
 */
export function affineBatchnormReluBackward(dout: Tensor, cache: AffineBatchnormReluCache, options?: { computeDx?: true }): AffineNormGrads;
export function affineBatchnormReluBackward(
  dout: Tensor, cache: AffineBatchnormReluCache, options: { computeDx: false },
): WithoutDx<AffineNormGrads>;
export function affineBatchnormReluBackward(
  dout: Tensor, cache: AffineBatchnormReluCache, options?: BackwardOptions,
): AffineNormGrads | WithoutDx<AffineNormGrads>;
export function affineBatchnormReluBackward(
  dout: Tensor, cache: AffineBatchnormReluCache, options: BackwardOptions = {},
): AffineNormGrads | WithoutDx<AffineNormGrads> {
  return tidy(() => {
    const norm = batchnormBackward(reluBackward(dout, cache.relu), cache.batchnorm);
    return { ...affineBackward(norm.dx, cache.affine, options), dgamma: norm.dgamma, dbeta: norm.dbeta };
  });
}
