import { dropoutBackward, dropoutForward, type DropoutCache, type DropoutParam } from '@dropout/layers';
import type { Tensor } from '@dropout/tensor';
import type { ForwardContext, Layer, LayerGrads } from '../layer.js';

/** Options of {@link DropoutLayer}. */
export interface DropoutLayerOptions {
  /** KEEP probability in (0, 1], not the drop rate. */
  p: number;
  /** The course's dropout seed: every train-mode pass draws the same mask (gradient checks). */
  seed?: number;
}

/**
 * Inverted dropout (`dropoutForward` of `@dropout/layers`): masks in train mode and in Monte Carlo
 * prediction, the identity in test mode. A fixed `seed` applies to train and test passes as in
 * the course (a NumPy stream is reseeded even in test mode) and is ignored by Monte Carlo passes.
 * @example
 *   new DropoutLayer({ p: 0.5 });
 */
export class DropoutLayer implements Layer<DropoutCache> {
  readonly type = 'dropout';

  constructor(readonly options: DropoutLayerOptions) {}

  forward(x: Tensor, ctx: ForwardContext): { out: Tensor; cache: DropoutCache } {
    return dropoutForward(x, this.param(ctx), ctx.rng);
  }

  /** The course's `dropout_param` for a pass in `ctx`. */
  param(ctx: ForwardContext): DropoutParam {
    const { p, seed } = this.options;
    const monteCarlo = ctx.mode === 'test' && ctx.stochastic;
    return { p, mode: ctx.stochastic ? 'train' : 'test', ...(seed === undefined || monteCarlo ? {} : { seed }) };
  }

  backward(dout: Tensor, cache: DropoutCache): LayerGrads {
    return { dx: dropoutBackward(dout, cache) };
  }

  toConfig(): Record<string, unknown> {
    const { p, seed } = this.options;
    return seed === undefined ? { p } : { p, seed };
  }
}
