import { updateStep, type Tensor } from '@dropout/tensor';
import { assertConfigKeys, assertWeights, hyper, stateTensor, type UpdateResult, type UpdateRuleOptions } from './update-rule.js';

/** Hyperparameters and state of {@link rmsprop}. */
export interface RmspropConfig {
  /** Step size (default 1e-2). */
  learningRate?: number;
  /** Decay of the squared-gradient cache, in [0, 1) (default 0.99). */
  decayRate?: number;
  /** Small number that keeps the division finite (default 1e-8). */
  epsilon?: number;
  /** Moving average of squared gradients, shaped like w (starts at zeros). */
  cache?: Tensor;
}

/** Keys {@link rmsprop} accepts in its config. @example rmspropConfigKeys; // ['learningRate', 'decayRate', 'epsilon', 'cache'] */
export const rmspropConfigKeys = ['learningRate', 'decayRate', 'epsilon', 'cache'] as const;

/**
 * RMSProp: `cache = decayRate · cache + (1 − decayRate) · dw²`,
 * `nextW = w − learningRate · dw / (√cache + epsilon)`. w, dw: any shape (the same).
 * @example
 *   const { nextW, config } = rmsprop(w, dw, { learningRate: 1e-2 }); // config.cache is new
 */
export function rmsprop(w: Tensor, dw: Tensor, config: RmspropConfig = {}, options: UpdateRuleOptions = {}): UpdateResult<Required<RmspropConfig>> {
  assertWeights('rmsprop', w, dw);
  assertConfigKeys('rmsprop', config, rmspropConfigKeys);
  const c = { ...config } as Record<string, unknown>;
  const learningRate = hyper('rmsprop', c, 'learningRate', 1e-2);
  const decayRate = hyper('rmsprop', c, 'decayRate', 0.99);
  const epsilon = hyper('rmsprop', c, 'epsilon', 1e-8);
  const previous = stateTensor('rmsprop', c, 'cache', w);
  // One pass over w, dw and the cache (zeros at first) with the formula above.
  const { w: nextW, state: [cache] } = updateStep({ rule: 'rmsprop', learningRate, decayRate, epsilon }, w, dw, [previous ?? null], options);
  return { nextW, config: { ...config, learningRate, decayRate, epsilon, cache: cache! } };
}
