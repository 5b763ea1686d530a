import type { UpdateStep } from '../backend.js';

type FloatArray = Float64Array | Float32Array;
/** Rounds an intermediate to the storage dtype (Math.fround for float32, identity for float64). */
export type Round = (x: number) => number;

const none = new Float64Array(0);

/**
 * The reference update step: one loop over `w`, `dw` and the rule's state, writing `outW` and
 * `outState` (which may be the state arrays themselves). Every intermediate is rounded with
 * `r` exactly where the unfused ops (`sub(w, mul(lr, dw))`, …) store a tensor, so the fused
 * step gives the same bits as the course's sequence of NumPy-style operations on this dtype.
 * A missing state entry reads as zeros (the first step).
 */
export function updateStepInto(
  step: UpdateStep, r: Round, w: FloatArray, dw: FloatArray,
  state: readonly (FloatArray | null)[], outW: FloatArray, outState: readonly FloatArray[],
): void {
  const n = w.length;
  switch (step.rule) {
    case 'sgd': {
      const { learningRate: lr } = step;
      for (let i = 0; i < n; i++) outW[i] = w[i]! - r(lr * dw[i]!);
      return;
    }
    case 'sgdMomentum': {
      const { learningRate: lr, momentum } = step;
      const v0 = state[0] ?? none;
      const v = outState[0]!;
      const has = state[0] != null;
      for (let i = 0; i < n; i++) {
        const vi = r(r(momentum * (has ? v0[i]! : 0)) - r(lr * dw[i]!));
        v[i] = vi;
        outW[i] = w[i]! + vi;
      }
      return;
    }
    case 'rmsprop': {
      const { learningRate: lr, decayRate, epsilon } = step;
      const c0 = state[0] ?? none;
      const c = outState[0]!;
      const has = state[0] != null;
      const keep = 1 - decayRate;
      for (let i = 0; i < n; i++) {
        const g = dw[i]!;
        const ci = r(r(decayRate * (has ? c0[i]! : 0)) + r(keep * r(g * g)));
        c[i] = ci;
        outW[i] = w[i]! - r(r(lr * g) / r(r(Math.sqrt(ci)) + epsilon));
      }
      return;
    }
    case 'adam': {
      const { learningRate: lr, beta1, beta2, epsilon, t } = step;
      const [m0, v0] = [state[0] ?? none, state[1] ?? none];
      const [hasM, hasV] = [state[0] != null, state[1] != null];
      const [m, v] = [outState[0]!, outState[1]!];
      const [keep1, keep2] = [1 - beta1, 1 - beta2];
      const [c1, c2] = [1 - beta1 ** t, 1 - beta2 ** t];
      for (let i = 0; i < n; i++) {
        const g = dw[i]!;
        const mi = r(r(beta1 * (hasM ? m0[i]! : 0)) + r(keep1 * g));
        const vi = r(r(beta2 * (hasV ? v0[i]! : 0)) + r(keep2 * r(g * g)));
        m[i] = mi;
        v[i] = vi;
        outW[i] = w[i]! - r(r(lr * r(mi / c1)) / r(r(Math.sqrt(r(vi / c2))) + epsilon));
      }
      return;
    }
  }
}
