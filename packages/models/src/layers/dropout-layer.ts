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
    const { p, seed } = this.options;
    const monteCarlo = ctx.mode === 'test' && ctx.stochastic;
    const param: DropoutParam = {
      p,
      mode: ctx.stochastic ? 'train' : 'test',
      ...(seed === undefined || monteCarlo ? {} : { seed }),
    };
    return dropoutForward(x, param, ctx.rng);
  }

  backward(dout: Tensor, cache: DropoutCache): LayerGrads {
    return { dx: dropoutBackward(dout, cache) };
  }

  toConfig(): Record<string, unknown> {
    const { p, seed } = this.options;
    return seed === undefined ? { p } : { p, seed };
  }
}
