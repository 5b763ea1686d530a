import { updateStep, type Tensor } from '@dropout/tensor';
import { assertConfigKeys, assertWeights, hyper, stateTensor, type UpdateResult, type UpdateRuleOptions } from './update-rule.js';

/** Hyperparameters and state of {@link adam}. */
export interface AdamConfig {
  /** Step size (default 1e-3). */
  learningRate?: number;
  /** Decay of the first-moment average (default 0.9). */
  beta1?: number;
  /** Decay of the second-moment average (default 0.999). */
  beta2?: number;
  /** Small number that keeps the division finite (default 1e-8). */
  epsilon?: number;
  /** First moment (moving average of gradients), shaped like w (starts at zeros). */
  m?: Tensor;
  /** Second moment (moving average of squared gradients), shaped like w (starts at zeros). */
  v?: Tensor;
  /** Number of updates made so far (starts at 0; incremented before the bias correction). */
  t?: number;
}

/** Keys {@link adam} accepts in its config. @example adamConfigKeys; // ['learningRate', 'beta1', 'beta2', 'epsilon', 'm', 'v', 't'] */
export const adamConfigKeys = ['learningRate', 'beta1', 'beta2', 'epsilon', 'm', 'v', 't'] as const;

/**
 * Adam with bias correction, as in the course: `t += 1`, `m = β1·m + (1−β1)·dw`,
 * `v = β2·v + (1−β2)·dw²`, `nextW = w − learningRate · m̂ / (√v̂ + ε)` where
 * `m̂ = m / (1 − β1ᵗ)` and `v̂ = v / (1 − β2ᵗ)`. w, dw: any shape (the same).
 * @example
 *   const { nextW, config } = adam(w, dw, { learningRate: 5e-4 }); // config.t === 1
 */
export function adam(w: Tensor, dw: Tensor, config: AdamConfig = {}, options: UpdateRuleOptions = {}): UpdateResult<Required<AdamConfig>> {
  assertWeights('adam', w, dw);
  assertConfigKeys('adam', config, adamConfigKeys);
  const c = { ...config } as Record<string, unknown>;
  const learningRate = hyper('adam', c, 'learningRate', 1e-3);
  const beta1 = hyper('adam', c, 'beta1', 0.9);
  const beta2 = hyper('adam', c, 'beta2', 0.999);
  const epsilon = hyper('adam', c, 'epsilon', 1e-8);
  const t = hyper('adam', c, 't', 0) + 1;
  const m0 = stateTensor('adam', c, 'm', w);
  const v0 = stateTensor('adam', c, 'v', w);
  // One pass over w, dw, m and v (zeros at first) with the formula above, instead of thirteen ops.
  const step = { rule: 'adam', learningRate, beta1, beta2, epsilon, t } as const;
  const { w: nextW, state: [m, v] } = updateStep(step, w, dw, [m0 ?? null, v0 ?? null], options);
  return { nextW, config: { ...config, learningRate, beta1, beta2, epsilon, m: m!, v: v!, t } };
}
