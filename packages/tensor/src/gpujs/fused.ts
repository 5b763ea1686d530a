// The fused Backend methods on gpu.js, written with the backend's own primitives: each is the
// reference formula of the CPU backends (src/cpu/update-step.ts, src/cpu/fused.ts), one
// kernel per primitive, so gpu.js gives the same results as cpu32 within its tolerance.
import type { UpdateStep } from '../backend.js';
import { add, div, exp, log, mul, sqrt, square, sub } from '../ops/elementwise.js';
import { maxCols, sum, sumRows } from '../ops/reduce.js';
import type { Backend, Tensor, UpdateStepResult } from '../tensor.js';
import { tidy } from '../tracker.js';

/** The update rule written as elementwise ops; a null state entry is zeros. */
export function composedUpdateStep(step: UpdateStep, w: Tensor, dw: Tensor, state: readonly (Tensor | null)[]): UpdateStepResult {
  const decayed = (k: number, factor: number, grad: Tensor): Tensor => {
    const s = state[k];
    return s ? add(mul(factor, s), grad) : grad;
  };
  return tidy(() => {
    switch (step.rule) {
      case 'sgd':
        return { w: sub(w, mul(step.learningRate, dw)), state: [] };
      case 'sgdMomentum': {
        const velocity = state[0] ? sub(mul(step.momentum, state[0]), mul(step.learningRate, dw)) : mul(-step.learningRate, dw);
        return { w: add(w, velocity), state: [velocity] };
      }
      case 'rmsprop': {
        const cache = decayed(0, step.decayRate, mul(1 - step.decayRate, square(dw)));
        return { w: sub(w, div(mul(step.learningRate, dw), add(sqrt(cache), step.epsilon))), state: [cache] };
      }
      case 'adam': {
        const { learningRate, beta1, beta2, epsilon, t } = step;
        const m = decayed(0, beta1, mul(1 - beta1, dw));
        const v = decayed(1, beta2, mul(1 - beta2, square(dw)));
        const nextW = sub(w, div(mul(learningRate, div(m, 1 - beta1 ** t)), add(sqrt(div(v, 1 - beta2 ** t)), epsilon)));
        return { w: nextW, state: [m, v] };
      }
    }
  });
}

/** Inverted dropout from host uniforms: the mask is built on the host, uploaded once, multiplied on the device. */
export function composedDropout(backend: Backend, x: Tensor, u: ArrayLike<number>, p: number, relu: boolean): { out: Tensor; mask: Tensor } {
  const scale = 1 / p;
  const values = new Float32Array(u.length);
  for (let i = 0; i < u.length; i++) values[i] = u[i]! < p ? scale : 0;
  const mask = backend.fromArray(values, x.shape);
  const out = tidy(() => mul(relu ? backend.unary('relu', x) : x, mask));
  return { out, mask };
}

/** Softmax loss and gradient as the CPU formula: `shifted = x − max`, `logProbs = shifted − log Σ exp`. */
export function composedSoftmaxLoss(backend: Backend, x: Tensor, labels: ArrayLike<number>): { lossSum: Tensor; dx: Tensor } {
  const [N, C] = x.shape as [number, number];
  const onehot = new Float32Array(N * C);
  for (let i = 0; i < N; i++) onehot[i * C + labels[i]!] = 1;
  return tidy(() => {
    const shifted = sub(x, maxCols(x));
    const logProbs = sub(shifted, log(sumRows(exp(shifted))));
    const Y = backend.fromArray(onehot, [N, C]);
    return { lossSum: mul(-1, sum(mul(logProbs, Y))), dx: div(sub(exp(logProbs), Y), N) };
  });
}
