import {
  affineBatchnormReluBackward, affineBatchnormReluForward, affineLayernormReluBackward, affineLayernormReluForward,
  affineReluBackward, affineReluForward, dropoutBackward, dropoutForward,
  type AffineBatchnormReluCache, type AffineLayernormReluCache, type AffineReluCache, type BatchnormParam,
  type DropoutCache, type DropoutParam,
} from '@dropout/layers';
import type { Rng, Tensor } from '@dropout/tensor';
import type { Normalization } from './options.js';

/** What one hidden block (affine, optional norm, ReLU, optional dropout) saves for its backward pass. */
export type HiddenCache = {
  dropout: DropoutCache | null;
} & (
  | { normalization: null; cache: AffineReluCache }
  | { normalization: 'batchnorm'; cache: AffineBatchnormReluCache }
  | { normalization: 'layernorm'; cache: AffineLayernormReluCache }
);

/** The block's parameters: `W, b` and, with normalisation, `gamma, beta`. */
export interface HiddenParams {
  W: Tensor;
  b: Tensor;
  gamma?: Tensor;
  beta?: Tensor;
}

/** Everything a hidden block needs besides its input and parameters. */
export interface HiddenContext {
  normalization: Normalization;
  /** Batch norm param of this block (mode already set), or undefined without batch norm. */
  bnParam?: BatchnormParam;
  /** Dropout param (mode already set), or null without dropout. */
  dropoutParam: DropoutParam | null;
  rng: Rng;
}

/** Output, cache and (batch norm in train mode) the updated batch norm param. */
export interface HiddenResult {
  out: Tensor;
  cache: HiddenCache;
  bnParam?: BatchnormParam;
}

function dropout(h: Tensor, ctx: HiddenContext): { out: Tensor; cache: DropoutCache | null } {
  return ctx.dropoutParam ? dropoutForward(h, ctx.dropoutParam, ctx.rng) : { out: h, cache: null };
}

/** `{affine - [batch/layer norm] - relu - [dropout]}` forward, as in the course's FullyConnectedNet. */
export function hiddenForward(x: Tensor, p: HiddenParams, ctx: HiddenContext): HiddenResult {
  if (ctx.normalization === 'batchnorm') {
    const r = affineBatchnormReluForward(x, p.W, p.b, p.gamma!, p.beta!, ctx.bnParam!);
    const d = dropout(r.out, ctx);
    return { out: d.out, cache: { normalization: 'batchnorm', cache: r.cache, dropout: d.cache }, bnParam: r.bnParam };
  }
  if (ctx.normalization === 'layernorm') {
    const r = affineLayernormReluForward(x, p.W, p.b, p.gamma!, p.beta!);
    const d = dropout(r.out, ctx);
    return { out: d.out, cache: { normalization: 'layernorm', cache: r.cache, dropout: d.cache } };
  }
  const r = affineReluForward(x, p.W, p.b);
  const d = dropout(r.out, ctx);
  return { out: d.out, cache: { normalization: null, cache: r.cache, dropout: d.cache } };
}

/** Gradients of a hidden block; `dx` is null when not asked for (the first block). */
export interface HiddenGrads {
  dx: Tensor | null;
  dw: Tensor;
  db: Tensor;
  dgamma?: Tensor;
  dbeta?: Tensor;
}

/** Backward pass of {@link hiddenForward}. */
export function hiddenBackward(dout: Tensor, hc: HiddenCache, computeDx: boolean): HiddenGrads {
  const d = hc.dropout ? dropoutBackward(dout, hc.dropout) : dout;
  if (hc.normalization === 'batchnorm') return affineBatchnormReluBackward(d, hc.cache, { computeDx });
  if (hc.normalization === 'layernorm') return affineLayernormReluBackward(d, hc.cache, { computeDx });
  return affineReluBackward(d, hc.cache, { computeDx });
}
