// An update rule's step as separate tensor ops, one temporary per op: how @dropout/optim's rules
// were written before the fused `updateStep` kernels. The benches time it against the fused
// kernels (breakdown.js on wasm32, gpujs/launches.mjs on gpu.js).

/**
 * `step` (an UpdateStep of @dropout/tensor) over `w`, `dw` and the rule's state, with the ops of
 * `api` (the @dropout/tensor module), inside one `tidy`; returns `{ w, state }` like `updateStep`.
 * @example
 *   composedUpdateStep(tensor, { rule: 'adam', learningRate: 5e-4, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, t: 2 }, w, dw, [m, v]);
 */
export function composedUpdateStep(api, step, w, dw, state) {
  const { add, div, mul, sqrt, square, sub, tidy } = api;
  const decayed = (k, factor, grad) => (state[k] ? add(mul(factor, state[k]), grad) : grad);
  return tidy(() => {
    switch (step.rule) {
      case 'sgd':
        return { w: sub(w, mul(step.learningRate, dw)), state: [] };
      case 'sgdMomentum': {
        const v = state[0] ? sub(mul(step.momentum, state[0]), mul(step.learningRate, dw)) : mul(-step.learningRate, dw);
        return { w: add(w, v), state: [v] };
      }
      case 'rmsprop': {
        const cache = decayed(0, step.decayRate, mul(1 - step.decayRate, square(dw)));
        return { w: sub(w, div(mul(step.learningRate, dw), add(sqrt(cache), step.epsilon))), state: [cache] };
      }
      case 'adam': {
        const { learningRate, beta1, beta2, epsilon, t } = step;
        const m = decayed(0, beta1, mul(1 - beta1, dw));
        const v = decayed(1, beta2, mul(1 - beta2, square(dw)));
        return { w: sub(w, div(mul(learningRate, div(m, 1 - beta1 ** t)), add(sqrt(div(v, 1 - beta2 ** t)), epsilon))), state: [m, v] };
      }
      default:
        throw new Error(`composedUpdateStep: unknown rule '${step.rule}'`);
    }
  });
}
