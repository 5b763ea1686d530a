import { affineBackward, affineForward, type AffineCache } from '@dropout/layers';
import { keep, randn, zeros, type Backend, type Rng, type Tensor } from '@dropout/tensor';
import type { BackwardContext, ForwardContext, Layer, LayerGrads } from '../layer.js';

/** Options of {@link AffineLayer}. */
export interface AffineLayerOptions {
  /** Suffix of the parameter names: index 2 owns `W2` and `b2`, as in the course. */
  index: number;
  inputDim: number;
  outputDim: number;
  backend: Backend;
  /** Stream the initial weights come from; without one they start at zero (a model about to be loaded). */
  rng?: Rng;
  /** Standard deviation of the initial weights (default 1e-2). */
  weightScale?: number;
}

/**
 * Fully connected layer `x·W + b` (each row of x flattened), with `W` drawn from `N(0, weightScale²)`
 * and `b` at zero; L2 applies to `W`.
 * @example
 *   new AffineLayer({ index: 1, inputDim: 15, outputDim: 20, backend, rng, weightScale: 5e-2 });
 */
export class AffineLayer implements Layer<AffineCache> {
  readonly type = 'affine';
  readonly W: string;
  readonly b: string;
  readonly regularized: readonly string[];

  constructor(readonly options: AffineLayerOptions) {
    this.W = `W${options.index}`;
    this.b = `b${options.index}`;
    this.regularized = [this.W];
  }

  createParams(): Record<string, Tensor> {
    const { inputDim, outputDim, backend, rng, weightScale = 1e-2 } = this.options;
    const W = rng ? randn(rng, [inputDim, outputDim], backend, { std: weightScale }) : zeros([inputDim, outputDim], backend);
    // keep() so the model outlives any tidy() it is built in.
    return { [this.W]: keep(W), [this.b]: keep(zeros([outputDim], backend)) };
  }

  forward(x: Tensor, ctx: ForwardContext): { out: Tensor; cache: AffineCache } {
    return affineForward(x, ctx.params[this.W]!, ctx.params[this.b]!);
  }

  backward(dout: Tensor, cache: AffineCache, ctx: BackwardContext): LayerGrads {
    const g = affineBackward(dout, cache, { computeDx: ctx.computeDx });
    return { dx: g.dx, grads: { [this.W]: g.dw, [this.b]: g.db } };
  }

  toConfig(): Record<string, unknown> {
    const { index, inputDim, outputDim } = this.options;
    return { index, inputDim, outputDim };
  }
}
