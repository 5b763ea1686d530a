import { updateStepStates, type UpdateStep } from '../backend.js';
import { formatShape, type Tensor, type UpdateStepResult } from '../tensor.js';
import { assertSameBackend, assertTensor } from './validate.js';

function assertSameShape(op: string, name: string, t: Tensor, like: Tensor, likeName: string): void {
  if (formatShape(t.shape) !== formatShape(like.shape)) {
    throw new Error(`${op}: ${name} has shape ${formatShape(t.shape)} but ${likeName} has shape ${formatShape(like.shape)}; they must match`);
  }
}

/**
 * `x·w + b` in one call (`x: [N, D]`, `w: [D, M]`, `b: [M]` → `[N, M]`): the bias is added as the
 * product is written, with no broadcast temporary. Same result as `add(matMul(x, w), b)`.
 * @example
 *   const scores = matMulBias(x, params.W1, params.b1);
 */
export function matMulBias(x: Tensor, w: Tensor, b: Tensor): Tensor {
  for (const [name, t] of [['x', x], ['w', w], ['b', b]] as const) {
    assertTensor('matMulBias', name, t);
    if (t !== x) assertSameBackend('matMulBias', x, t);
  }
  if (x.rank !== 2 || w.rank !== 2 || b.rank !== 1 || x.shape[1] !== w.shape[0] || b.shape[0] !== w.shape[1]) {
    throw new Error(
      `matMulBias: expected x [N, D], w [D, M], b [M], got x ${formatShape(x.shape)}, w ${formatShape(w.shape)}, b ${formatShape(b.shape)}`,
    );
  }
  return x.backend.affine(x, w, b);
}

/** Options of {@link updateStep}. */
export interface UpdateStepOptions {
  /**
   * Give `w` and the state tensors to the step: they are disposed when it returns, and the backend
   * may write the results over their storage (wasm32/wasm64 do when no reshape shares it), which
   * saves allocating and streaming three new tensors per Adam step. For a caller that drops the
   * old weights and state anyway, as a Solver does. `dw` is never written; it must be a tensor
   * other than `w` and the state.
   */
  donate?: boolean;
}

/**
 * One step of an update rule over `w`, `dw` and the rule's state in a single pass: `state`
 * holds sgdMomentum's [velocity], rmsprop's [cache] or adam's [m, v] (null entries mean zeros,
 * the first step); the result holds the new weights and the new state. Inputs are not changed
 * (with `{ donate: true }`, `w` and the state are disposed instead; see {@link UpdateStepOptions}).
 * Same result as the rule's elementwise formula on this backend.
 * @example
 *   const { w: nextW, state: [m, v] } = updateStep({ rule: 'adam', learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, t: 1 }, w, dw, [null, null]);
 */
export function updateStep(step: UpdateStep, w: Tensor, dw: Tensor, state: readonly (Tensor | null)[] = [], options: UpdateStepOptions = {}): UpdateStepResult {
  const op = `updateStep(${step.rule})`;
  assertTensor(op, 'w', w);
  assertTensor(op, 'dw', dw);
  assertSameBackend(op, w, dw);
  assertSameShape(op, 'dw', dw, w, 'w');
  const count = updateStepStates[step.rule];
  if (state.length > count) throw new Error(`${op}: expected at most ${count} state tensors, got ${state.length}`);
  const full = Array.from({ length: count }, (_, k) => state[k] ?? null);
  full.forEach((s, k) => {
    if (s === null) return;
    assertTensor(op, `state[${k}]`, s);
    assertSameBackend(op, w, s);
    assertSameShape(op, `state[${k}]`, s, w, 'w');
  });
  const donate = options.donate === true;
  if (donate) {
    const given: [string, Tensor][] = [['w', w], ...full.flatMap((s, k): [string, Tensor][] => (s ? [[`state[${k}]`, s]] : []))];
    const same = given.find(([, t]) => t === dw);
    if (same) throw new Error(`${op}: { donate: true } would dispose dw, which is also ${same[0]}; pass a copy or do not donate`);
  }
  const result = w.backend.updateStep(step, w, dw, full, donate);
  if (donate) for (const t of [w, ...full]) t?.dispose();
  return result;
}

/**
 * Inverted dropout in one pass: `mask = (u < p) / p` from `u` (x.size uniforms in [0, 1), drawn
 * on the host), `out = x · mask`, or `max(x, 0) · mask` with `{ relu: true }`. Returns both.
 * @example
 *   const { out, mask } = dropoutMask(h, rng.rand(h.size), 0.5);
 */
export function dropoutMask(x: Tensor, u: ArrayLike<number>, p: number, options: { relu?: boolean } = {}): { out: Tensor; mask: Tensor } {
  assertTensor('dropoutMask', 'x', x);
  if (u.length !== x.size) throw new Error(`dropoutMask: ${u.length} uniforms for a tensor of ${x.size} elements ${formatShape(x.shape)}; draw x.size of them`);
  if (!(p > 0 && p <= 1)) throw new RangeError(`dropoutMask: p = ${p} is outside (0, 1]; p is the keep probability`);
  return x.backend.dropout(x, u, p, options.relu === true);
}

/**
 * Softmax cross-entropy and its gradient in one pass over `x: [N, C]` with integer labels in
 * [0, C): `lossSum = −Σᵢ log softmax(x)[i, yᵢ]` (a scalar tensor; divide by N for the mean) and
 * `dx = (softmax(x) − onehot(y)) / N`.
 * @example
 *   const { lossSum, dx } = softmaxCrossEntropy(scores, [3, 0, 9]);
 */
export function softmaxCrossEntropy(x: Tensor, labels: ArrayLike<number>): { lossSum: Tensor; dx: Tensor } {
  assertTensor('softmaxCrossEntropy', 'x', x);
  if (x.rank !== 2) throw new Error(`softmaxCrossEntropy: x must be [N, C], got ${formatShape(x.shape)}`);
  const [N, C] = x.shape as [number, number];
  if (labels.length !== N) throw new Error(`softmaxCrossEntropy: ${labels.length} labels for ${N} rows of x ${formatShape(x.shape)}`);
  for (let i = 0; i < N; i++) {
    const y = labels[i]!;
    if (!Number.isInteger(y) || y < 0 || y >= C) throw new RangeError(`softmaxCrossEntropy: labels[${i}] = ${y} is not an integer class in [0, ${C})`);
  }
  return x.backend.softmaxLoss(x, labels);
}
