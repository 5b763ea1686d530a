import { updateStep, type Tensor } from '@dropout/tensor';
import { assertConfigKeys, assertWeights, hyper, type UpdateResult, type UpdateRuleOptions } from './update-rule.js';

/** Hyperparameters of {@link sgd}. */
export interface SgdConfig {
  /** Step size (default 1e-2). */
  learningRate?: number;
}

/** Keys {@link sgd} accepts in its config. @example sgdConfigKeys.includes('learningRate'); // true */
export const sgdConfigKeys = ['learningRate'] as const;

/**
 * Vanilla stochastic gradient descent: `nextW = w − learningRate · dw`.
 * w, dw: any shape (the same). Returns the new weights and the config with its default filled in.
 * @example
 *   const { nextW, config } = sgd(w, dw, { learningRate: 1e-3 });
 */
export function sgd(w: Tensor, dw: Tensor, config: SgdConfig = {}, options: UpdateRuleOptions = {}): UpdateResult<Required<SgdConfig>> {
  assertWeights('sgd', w, dw);
  assertConfigKeys('sgd', config, sgdConfigKeys);
  const learningRate = hyper('sgd', { ...config }, 'learningRate', 1e-2);
  const nextW = updateStep({ rule: 'sgd', learningRate }, w, dw, [], options).w;
  return { nextW, config: { ...config, learningRate } };
}
