import { flattenRows, formatShape, matMul, matMulBias, reshape, sum, tidy, type Tensor } from '@dropout/tensor';
import { checkBackend, checkShape, checkTensor } from './validate.js';

/** What {@link affineForward} saves for {@link affineBackward}: the course's `(x, w, b)`. */
export interface AffineCache {
  x: Tensor;
  w: Tensor;
  b: Tensor;
}

/** Output and cache of {@link affineForward}. */
export interface AffineResult {
  out: Tensor;
  cache: AffineCache;
}

/** Gradients of {@link affineBackward}: `dx` in x's original shape, `dw: [D, M]`, `db: [M]`. */
export interface AffineGrads {
  dx: Tensor;
  dw: Tensor;
  db: Tensor;
}

/** Options of the backward passes that start with an affine layer. */
export interface BackwardOptions {
  /**
   * Compute the gradient with respect to the input (default true). The first layer of a net
   * passes false: nobody needs the gradient with respect to the input images, and it costs a
   * full `dout·wᵀ` product.
   */
  computeDx?: boolean;
}

/** A backward result whose `dx` was skipped with `{ computeDx: false }`. */
export type WithoutDx<G extends { dx: Tensor }> = Omit<G, 'dx'> & { dx: null };

/**
 * Affine (fully connected) layer, forward pass: `out = x·w + b`, each row of x flattened.
 * x: `[N, d1, …, dk]` (D = d1·…·dk), w: `[D, M]`, b: `[M]`; out: `[N, M]`.
 * @example
 *   const { out, cache } = affineForward(x, params.W1, params.b1);
 */
export function affineForward(x: Tensor, w: Tensor, b: Tensor): AffineResult {
  checkTensor('affineForward', 'x', x, undefined, 2);
  checkTensor('affineForward', 'w', w, 2);
  checkTensor('affineForward', 'b', b, 1);
  checkBackend('affineForward', x.backend, { w, b });
  const D = x.size / x.shape[0]!;
  if (w.shape[0] !== D) {
    throw new Error(
      `affineForward: x ${formatShape(x.shape)} has ${D} values per row but w is ${formatShape(w.shape)}; w must be [${D}, M]`,
    );
  }
  checkShape('affineForward', 'b', b, [w.shape[1]!], 'one bias per output column of w');
  // The bias is added as the product is written (no broadcast temporary).
  return tidy(() => ({ out: matMulBias(flattenRows(x), w, b), cache: { x, w, b } }));
}

/**
 * Affine layer, backward pass: `dx = dout·wᵀ` (reshaped like x), `dw = xᵀ·dout`, `db = Σ dout`.
 * dout: `[N, M]`. With `{ computeDx: false }` it skips `dx` (returned as null).
 * @example
 *   const { dx, dw, db } = affineBackward(dout, cache);
 *   const first = affineBackward(dout, cache, { computeDx: false }); // first.dx === null
 */
export function affineBackward(dout: Tensor, cache: AffineCache, options?: { computeDx?: true }): AffineGrads;
export function affineBackward(dout: Tensor, cache: AffineCache, options: { computeDx: false }): WithoutDx<AffineGrads>;
export function affineBackward(dout: Tensor, cache: AffineCache, options?: BackwardOptions): AffineGrads | WithoutDx<AffineGrads>;
export function affineBackward(dout: Tensor, cache: AffineCache, options: BackwardOptions = {}): AffineGrads | WithoutDx<AffineGrads> {
  const { x, w } = cache;
  checkTensor('affineBackward', 'dout', dout, 2);
  checkShape('affineBackward', 'dout', dout, [x.shape[0]!, w.shape[1]!], 'the shape of the forward output');
  return tidy(() => ({
    dx: options.computeDx === false ? null : reshape(matMul(dout, w, { transposeB: true }), x.shape),
    dw: matMul(flattenRows(x), dout, { transposeA: true }),
    db: sum(dout, { axis: 0 }),
  }));
}
