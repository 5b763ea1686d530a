import { reluBackward, reluForward, type ReluCache } from '@dropout/layers';
import type { Tensor } from '@dropout/tensor';
import type { Layer, LayerGrads } from '../layer.js';

/**
 * `max(x, 0)`, elementwise.
 * @example
 *   new Sequential([new AffineLayer({ … }), new ReluLayer(), …], { … });
 */
export class ReluLayer implements Layer<ReluCache> {
  readonly type = 'relu';

  forward(x: Tensor): { out: Tensor; cache: ReluCache } {
    return reluForward(x);
  }

  backward(dout: Tensor, cache: ReluCache): LayerGrads {
    return { dx: reluBackward(dout, cache) };
  }

  toConfig(): Record<string, unknown> {
    return {};
  }
}
