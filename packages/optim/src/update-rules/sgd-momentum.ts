import { updateStep, type Tensor } from '@dropout/tensor';
import { assertConfigKeys, assertWeights, hyper, stateTensor, type UpdateResult, type UpdateRuleOptions } from './update-rule.js';

/** Hyperparameters and state of {@link sgdMomentum}. */
export interface SgdMomentumConfig {
  /** Step size (default 1e-2). */
  learningRate?: number;
  /** Weight of the previous velocity, in [0, 1) (default 0.9; 0 is plain sgd). */
  momentum?: number;
  /** Running velocity, shaped like w (starts at zeros). */
  velocity?: Tensor;
}

/** Keys {@link sgdMomentum} accepts in its config. @example sgdMomentumConfigKeys; // ['learningRate', 'momentum', 'velocity'] */
export const sgdMomentumConfigKeys = ['learningRate', 'momentum', 'velocity'] as const;

/**
 * SGD with momentum: `v = momentum · v − learningRate · dw`, `nextW = w + v`.
 * w, dw: any shape (the same). The returned config holds the new `velocity`.
 * @example
 *   let { nextW, config } = sgdMomentum(w, dw);           // velocity starts at zeros
 *   ({ nextW, config } = sgdMomentum(nextW, dw2, config)); // and carries over
 */
export function sgdMomentum(w: Tensor, dw: Tensor, config: SgdMomentumConfig = {}, options: UpdateRuleOptions = {}): UpdateResult<Required<SgdMomentumConfig>> {
  assertWeights('sgdMomentum', w, dw);
  assertConfigKeys('sgdMomentum', config, sgdMomentumConfigKeys);
  const c = { ...config } as Record<string, unknown>;
  const learningRate = hyper('sgdMomentum', c, 'learningRate', 1e-2);
  const momentum = hyper('sgdMomentum', c, 'momentum', 0.9);
  const previous = stateTensor('sgdMomentum', c, 'velocity', w);
  // One pass: velocity = momentum·previous − learningRate·dw (previous: zeros at first), nextW = w + velocity.
  const { w: nextW, state: [velocity] } = updateStep({ rule: 'sgdMomentum', learningRate, momentum }, w, dw, [previous ?? null], options);
  return { nextW, config: { ...config, learningRate, momentum, velocity: velocity! } };
}
