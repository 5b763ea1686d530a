import { formatShape, shapeSize, type Shape, type Tensor } from '../tensor.js';
import { inheritFinite } from './known-finite.js';
import { assertTensor } from './validate.js';

/** Same values, new shape; one dimension may be -1 (inferred). @example reshape(x, [N, -1]) */
export function reshape(x: Tensor, shape: Shape): Tensor {
  assertTensor('reshape', 'x', x);
  const unknown = shape.filter((d) => d === -1).length;
  const known = shapeSize(shape.filter((d) => d !== -1));
  if (unknown > 1 || shape.some((d) => !Number.isInteger(d) || d < -1)) {
    throw new Error(`reshape: invalid target shape ${formatShape(shape)}; use non-negative integers and at most one -1`);
  }
  const target = shape.map((d) => (d === -1 ? (known === 0 ? 0 : x.size / known) : d));
  if (shapeSize(target) !== x.size || !target.every(Number.isInteger)) {
    throw new Error(`reshape: cannot reshape ${formatShape(x.shape)} (${x.size} elements) into ${formatShape(shape)}`);
  }
  return inheritFinite(x, x.backend.reshape(x, target));
}

/** Collapses every axis after the first: `[N, d1, …, dk]` → `[N, d1·…·dk]`. */
export function flattenRows(x: Tensor): Tensor {
  assertTensor('flattenRows', 'x', x);
  return reshape(x, [x.shape[0] ?? 1, -1]);
}

/** Transpose of a 2-D tensor. @example transpose(w) */
export function transpose(x: Tensor): Tensor {
  assertTensor('transpose', 'x', x);
  if (x.rank !== 2) throw new Error(`transpose: expected a 2-D tensor, got shape ${formatShape(x.shape)}`);
  return x.backend.transpose(x);
}

/** Rows `indices` along axis 0 (a minibatch): `X[idx]`. @example gatherRows(X, rng.choice(N, 100)) */
export function gatherRows(x: Tensor, indices: ArrayLike<number>): Tensor {
  assertTensor('gatherRows', 'x', x);
  if (x.rank < 1) throw new Error('gatherRows: expected a tensor with at least one axis, got a scalar');
  const n = x.shape[0]!;
  for (let i = 0; i < indices.length; i++) {
    const k = indices[i]!;
    if (!Number.isInteger(k) || k < 0 || k >= n) {
      throw new RangeError(`gatherRows: index ${k} at position ${i} is outside [0, ${n}) for shape ${formatShape(x.shape)}`);
    }
  }
  return inheritFinite(x, x.backend.gatherRows(x, indices));
}

/** Rows `start` to `end` (exclusive) along axis 0: `X[start:end]`. */
export function sliceRows(x: Tensor, start: number, end: number): Tensor {
  assertTensor('sliceRows', 'x', x);
  const n = x.shape[0] ?? 0;
  const s = Math.max(0, Math.min(n, start));
  const e = Math.max(s, Math.min(n, end));
  if (!Number.isInteger(start) || !Number.isInteger(end)) {
    throw new TypeError(`sliceRows: start and end must be integers, got ${start} and ${end}`);
  }
  return inheritFinite(x, x.backend.sliceRows(x, s, e));
}
