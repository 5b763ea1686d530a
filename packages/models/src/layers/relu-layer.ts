import { reluBackward, reluDropoutForward, reluForward, type DropoutCache, type ReluCache } from '@dropout/layers';
import type { Tensor } from '@dropout/tensor';
import type { ForwardContext, Layer, LayerGrads } from '../layer.js';
import { DropoutLayer } from './dropout-layer.js';

/**
 * `max(x, 0)`, elementwise. Followed by a {@link DropoutLayer}, it runs the pair as one pass
 * (`reluDropoutForward` of `@dropout/layers`: the same bits and mask, no intermediate tensor).
 * @example
 *   new Sequential([new AffineLayer({ … }), new ReluLayer(), …], { … });
 */
export class ReluLayer implements Layer<ReluCache> {
  readonly type = 'relu';

  forward(x: Tensor): { out: Tensor; cache: ReluCache } {
    return reluForward(x);
  }

  forwardWith(next: Layer, x: Tensor, ctx: ForwardContext): { out: Tensor; caches: [ReluCache, DropoutCache] } | null {
    if (!(next instanceof DropoutLayer)) return null;
    const { out, cache } = reluDropoutForward(x, next.param(ctx), ctx.rng);
    return { out, caches: [cache.relu, cache.dropout] };
  }

  backward(dout: Tensor, cache: ReluCache): LayerGrads {
    return { dx: reluBackward(dout, cache) };
  }

  toConfig(): Record<string, unknown> {
    return {};
  }
}
