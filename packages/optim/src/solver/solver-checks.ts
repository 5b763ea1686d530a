import { formatShape, Tensor, type Backend } from '@dropout/tensor';
import type { Labels, LossOutput, SolverData, SolverModel } from './solver-types.js';

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
    if (!(p instanceof Tensor)) throw new TypeError(`Solver: model.params.${name} must be a Tensor, got ${p === null ? 'null' : typeof p}`);
    p.assertLive(`Solver (model.params.${name})`);
    backend ??= p.backend;
    if (p.backend !== backend) throw new Error(`Solver: model.params.${name} lives on ${p.backend.name} but other parameters on ${backend.name}`);
  }
  return backend!;
}

function checkLabels(name: string, y: Labels, rows: number): Int32Array {
  if (!(y instanceof Int32Array) && !Array.isArray(y)) {
    throw new TypeError(`Solver: data.${name} must be an Int32Array or an array of class indices, got ${y === null ? 'null' : typeof y}`);
  }
  if (y.length !== rows) throw new Error(`Solver: data.${name} has ${y.length} labels but X has ${rows} rows; give one label per row`);
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`Solver: data.${name}[${i}] is ${v}; labels must be integers ≥ 0 (class indices)`);
  }
  return Int32Array.from(y);
}

/** Checks X tensors (on the model's backend, at least one row) and labels (one integer ≥ 0 per row). */
export function checkData(data: SolverData, backend: Backend): { yTrain: Int32Array; yVal: Int32Array } {
  if (data === null || typeof data !== 'object') throw new TypeError('Solver: data must be { XTrain, yTrain, XVal, yVal }');
  for (const key of Object.keys(data)) {
    if (!['XTrain', 'yTrain', 'XVal', 'yVal'].includes(key)) {
      throw new Error(`Solver: unknown data key '${key}'; valid keys: XTrain, yTrain, XVal, yVal (the course's X_train, y_train, X_val, y_val)`);
    }
  }
  for (const key of ['XTrain', 'XVal'] as const) {
    const X = data[key];
    if (!(X instanceof Tensor)) throw new TypeError(`Solver: data.${key} must be a Tensor, got ${X === null ? 'null' : typeof X}`);
    X.assertLive(`Solver (data.${key})`);
    if (X.rank < 1 || X.shape[0] === 0) throw new Error(`Solver: data.${key} has shape ${formatShape(X.shape)}; it needs at least one row`);
    if (X.backend !== backend) {
      throw new Error(`Solver: data.${key} lives on ${X.backend.name} but the model's parameters on ${backend.name}; move it with toBackend(X, backend)`);
    }
  }
  return { yTrain: checkLabels('yTrain', data.yTrain, data.XTrain.shape[0]!), yVal: checkLabels('yVal', data.yVal, data.XVal.shape[0]!) };
}

/** Checks what `model.loss(X, y)` returned: a loss and a gradient shaped like each parameter. */
export function checkLossOutput(out: unknown, model: SolverModel): LossOutput {
  const o = out as Partial<LossOutput> | null;
  if (o === null || typeof o !== 'object' || o instanceof Tensor || !o.grads || typeof o.grads !== 'object') {
    throw new TypeError('Solver: model.loss(X, y) must return { loss, grads } when given labels');
  }
  if (typeof o.loss !== 'number' && !(o.loss instanceof Tensor && o.loss.size === 1)) {
    throw new TypeError(`Solver: model.loss(X, y).loss must be a number or a one-element Tensor, got ${o.loss instanceof Tensor ? `shape ${formatShape(o.loss.shape)}` : typeof o.loss}`);
  }
  for (const [name, w] of Object.entries(model.params)) {
    const g = o.grads[name];
    if (!(g instanceof Tensor)) throw new Error(`Solver: model.loss returned no gradient for parameter '${name}'`);
    if (formatShape(g.shape) !== formatShape(w.shape)) {
      throw new Error(`Solver: the gradient of '${name}' has shape ${formatShape(g.shape)} but the parameter has shape ${formatShape(w.shape)}`);
    }
  }
  return o as LossOutput;
}
