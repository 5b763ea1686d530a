import { formatShape, shapeSize, type Backend, type Tensor, type Shape } from '../tensor.js';

export { assertTensor } from './assert-tensor.js';

/** Throws when two tensors live on different backends (which also covers mixed dtypes). */
export function assertSameBackend(op: string, a: Tensor, b: Tensor): void {
  if (a.backend !== b.backend) {
    throw new Error(
      `${op}: operands live on different backends: a ${formatShape(a.shape)} ${a.dtype} on ${a.backend.name}, ` +
        `b ${formatShape(b.shape)} ${b.dtype} on ${b.backend.name}; move one with toBackend(t, backend)`,
    );
  }
}

/** NumPy broadcasting of two shapes, or an error naming the op and both shapes. */
export function broadcastShapes(op: string, a: Shape, b: Shape): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new Error(
        `${op}: shapes ${formatShape(a)} and ${formatShape(b)} cannot be broadcast (axis ${i}: ${da} vs ${db}); ` +
          'sizes must match or one of them must be 1',
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Row-major strides of `shape` read as the broadcast `outShape`, with 0 on broadcast axes. */
export function broadcastStrides(shape: Shape, outShape: Shape): number[] {
  const strides = new Array<number>(outShape.length).fill(0);
  let stride = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const j = outShape.length - shape.length + i;
    strides[j] = shape[i] === 1 && outShape[j] !== 1 ? 0 : stride;
    stride *= shape[i]!;
  }
  return strides;
}

/** Normalises a possibly negative axis, or throws naming the op and the shape. */
export function normalizeAxis(op: string, axis: number, shape: Shape): number {
  const a = axis < 0 ? axis + shape.length : axis;
  if (!Number.isInteger(axis) || a < 0 || a >= shape.length) {
    throw new RangeError(`${op}: axis ${axis} is out of range for shape ${formatShape(shape)} (rank ${shape.length})`);
  }
  return a;
}

/** Throws unless `shape` is a list of non-negative integers. */
export function assertShape(op: string, shape: Shape, backend?: Backend): void {
  if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new TypeError(`${op}: shape must be an array of non-negative integers, got ${JSON.stringify(shape)}`);
  }
  if (backend) assertFits(op, shapeSize(shape), formatShape(shape), backend);
}

/** Throws, naming the op and shape, when a tensor of `size` elements exceeds what `backend` can hold. */
export function assertFits(op: string, size: number, shape: string, backend: Backend): void {
  if (size <= backend.maxElements) return;
  const bytes = (n: number): string => `${(n * (backend.floatBits / 8) / 2 ** 30).toPrecision(3)} GiB`;
  throw new RangeError(
    `${op}: shape ${shape} has ${size.toExponential(3)} elements (${bytes(size)} of ${backend.dtype}), more than ` +
      `${backend.name} can hold (${backend.maxElements} elements, ${bytes(backend.maxElements)}); use a smaller shape or split the work into batches`,
  );
}
