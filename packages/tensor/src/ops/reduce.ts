import type { ReduceOp } from '../backend.js';
import { formatShape, type Tensor } from '../tensor.js';
import { assertTensor, normalizeAxis } from './validate.js';

/** Which axis to reduce (all when omitted or null), and whether to keep it with size 1. */
export interface ReduceOptions {
  axis?: number | null;
  keepDims?: boolean;
}

function reduce(op: ReduceOp, x: Tensor, options: ReduceOptions): Tensor {
  assertTensor(op, 'x', x);
  const axis = options.axis === undefined || options.axis === null ? null : normalizeAxis(op, options.axis, x.shape);
  if (x.size === 0 && (op === 'max' || op === 'min' || op === 'mean')) {
    throw new Error(`${op}: cannot reduce an empty tensor of shape ${formatShape(x.shape)}`);
  }
  return x.backend.reduce(op, x, axis, options.keepDims ?? false);
}

/** Sum along an axis (`np.sum(x, axis, keepdims)`). @example sum(dout, { axis: 0 }) // db */
export const sum = (x: Tensor, options: ReduceOptions = {}): Tensor => reduce('sum', x, options);
/** Mean along an axis. */
export const mean = (x: Tensor, options: ReduceOptions = {}): Tensor => reduce('mean', x, options);
/** Maximum along an axis. @example max(scores, { axis: 1, keepDims: true }) */
export const max = (x: Tensor, options: ReduceOptions = {}): Tensor => reduce('max', x, options);
/** Minimum along an axis. */
export const min = (x: Tensor, options: ReduceOptions = {}): Tensor => reduce('min', x, options);

/** Row sums of a 2-D tensor, `[N, D]` → `[N, 1]`. */
export const sumRows = (x: Tensor): Tensor => reduce('sum', x, { axis: 1, keepDims: true });
/** Row maxima of a 2-D tensor, `[N, D]` → `[N, 1]`. */
export const maxCols = (x: Tensor): Tensor => reduce('max', x, { axis: 1, keepDims: true });

/** Index of the largest value along `axis` (default last), first on ties. @example argMax(scores, 1) */
export function argMax(x: Tensor, axis = -1): Tensor {
  assertTensor('argMax', 'x', x);
  return x.backend.argMax(x, normalizeAxis('argMax', axis, x.shape));
}
