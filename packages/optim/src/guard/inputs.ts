import { add, assertFinite, assertFiniteAsync, assertTensor, checkLabels, formatShape, mul, sum, Tensor, type Backend } from '@dropout/tensor';
import type { LossOutput, SolverData, SolverModel } from '../solver-types.js';

/** Checks the model's shape (`params` of Tensors on one backend, a `loss` method) and returns that backend. */
export function checkModel(model: SolverModel): Backend {
  if (model === null || typeof model !== 'object' || typeof model.loss !== 'function') {
    throw new TypeError('Solver: model must have a loss(X, y?) method and a params object (e.g. a FullyConnectedNet)');
  }
  if (model.params === null || typeof model.params !== 'object' || Object.keys(model.params).length === 0) {
    throw new TypeError('Solver: model.params must be an object of parameter Tensors (W1, b1, …), got none');
  }
  let backend: Backend | null = null;
  for (const [name, p] of Object.entries(model.params)) {
    assertTensor('Solver', `model.params.${name}`, p);
    backend ??= p.backend;
    if (p.backend !== backend) throw new Error(`Solver: model.params.${name} lives on ${p.backend.name} but other parameters on ${backend.name}`);
  }
  return backend!;
}

/** Checks X tensors (on the model's backend, at least one row) and labels (one integer ≥ 0 per row); values are checked by the Solver. */
export function checkData(data: SolverData, backend: Backend): { yTrain: Int32Array; yVal: Int32Array } {
  if (data === null || typeof data !== 'object') throw new TypeError('Solver: data must be { XTrain, yTrain, XVal, yVal }');
  for (const key of Object.keys(data)) {
    if (!['XTrain', 'yTrain', 'XVal', 'yVal'].includes(key)) {
      throw new Error(`Solver: unknown data key '${key}'; valid keys: XTrain, yTrain, XVal, yVal (the course's X_train, y_train, X_val, y_val)`);
    }
  }
  for (const key of ['XTrain', 'XVal'] as const) {
    const X = data[key];
    assertTensor('Solver', `data.${key}`, X);
    if (X.rank < 1 || X.shape[0] === 0) throw new Error(`Solver: data.${key} has shape ${formatShape(X.shape)}; it needs at least one row`);
    if (X.backend !== backend) {
      throw new Error(`Solver: data.${key} lives on ${X.backend.name} but the model's parameters on ${backend.name}; move it with toBackend(X, backend)`);
    }
  }
  const labels = (name: 'yTrain' | 'yVal', X: Tensor) => checkLabels(data[name], { op: 'Solver', name: `data.${name}`, rows: X.shape[0]!, rowsOf: 'X' });
  return { yTrain: labels('yTrain', data.XTrain), yVal: labels('yVal', data.XVal) };
}

/** Checks that every value of `data.XTrain` and `data.XVal` is finite, naming the first that is not. */
export function checkDataValues(X: { train: Tensor; val: Tensor }): void {
  assertFinite(X.train, 'Solver: data.XTrain');
  assertFinite(X.val, 'Solver: data.XVal');
}

/** {@link checkDataValues} reading with `readAsync`. */
export async function checkDataValuesAsync(X: { train: Tensor; val: Tensor }): Promise<void> {
  await assertFiniteAsync(X.train, 'Solver: data.XTrain');
  await assertFiniteAsync(X.val, 'Solver: data.XVal');
}

/** Checks that `model.loss(X)` without labels returned class scores `[rows, C]`. */
export function checkScores(scores: unknown, rows: number): Tensor {
  if (!(scores instanceof Tensor) || scores.rank !== 2 || scores.shape[0] !== rows) {
    const got = scores instanceof Tensor ? `a Tensor of shape ${formatShape(scores.shape)}` : typeof scores;
    throw new Error(`Solver.checkAccuracy: model.loss(X) must return class scores of shape [${rows}, C] when called without labels, got ${got}`);
  }
  return scores;
}

/** What one step computed before its update: the loss, the gradients and `check`, the one number it reads. */
export interface StepOutput extends LossOutput {
  /** The loss plus 0·Σ sum(grad): equal to the loss when every gradient is finite, NaN otherwise. */
  check: Tensor;
}

/** Checks what `model.loss(X, y)` returned (a loss and a gradient shaped like each parameter) and adds the `check` scalar. */
export function checkLossOutput(out: unknown, model: SolverModel): StepOutput {
  const o = out as Partial<LossOutput> | null;
  if (o === null || typeof o !== 'object' || o instanceof Tensor || !o.grads || typeof o.grads !== 'object') {
    throw new TypeError('Solver: model.loss(X, y) must return { loss, grads } when given labels');
  }
  if (typeof o.loss !== 'number' && !(o.loss instanceof Tensor && o.loss.size === 1)) {
    throw new TypeError(`Solver: model.loss(X, y).loss must be a number or a one-element Tensor, got ${o.loss instanceof Tensor ? `shape ${formatShape(o.loss.shape)}` : typeof o.loss}`);
  }
  let total: Tensor | null = null;
  for (const [name, w] of Object.entries(model.params)) {
    const g = o.grads[name];
    if (!(g instanceof Tensor)) throw new Error(`Solver: model.loss returned no gradient for parameter '${name}'`);
    if (formatShape(g.shape) !== formatShape(w.shape)) {
      throw new Error(`Solver: the gradient of '${name}' has shape ${formatShape(g.shape)} but the parameter has shape ${formatShape(w.shape)}`);
    }
    total = total ? add(total, sum(g)) : sum(g);
  }
  const zeroIfFinite = mul(total!, 0);
  return { loss: o.loss, grads: o.grads, check: typeof o.loss === 'number' ? zeroIfFinite : add(o.loss, zeroIfFinite) };
}
