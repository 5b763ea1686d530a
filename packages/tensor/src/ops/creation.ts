import { formatShape, shapeSize, type Backend, type Shape, type Tensor } from '../tensor.js';
import { assertShape } from './validate.js';

/**
 * A tensor holding `values` (row-major) with the given shape.
 * @example
 *   const x = fromArray([1, 2, 3, 4, 5, 6], [2, 3], getBackend('cpu64'));
 */
export function fromArray(values: ArrayLike<number>, shape: Shape, backend: Backend): Tensor {
  assertShape('fromArray', shape, backend);
  if (values.length !== shapeSize(shape)) {
    throw new Error(`fromArray: ${values.length} values do not fill shape ${formatShape(shape)} (${shapeSize(shape)} elements)`);
  }
  return backend.fromArray(values, shape);
}

/** A tensor of the given shape filled with `value`. */
export function full(shape: Shape, value: number, backend: Backend, op = 'full'): Tensor {
  assertShape(op, shape, backend);
  return backend.fill(shape, value);
}

/** A tensor of zeros. @example zeros([2, 3], getBackend('cpu32')) */
export function zeros(shape: Shape, backend: Backend): Tensor {
  return full(shape, 0, backend, 'zeros');
}

/** A tensor of ones. @example ones([3], getBackend('cpu64')) */
export function ones(shape: Shape, backend: Backend): Tensor {
  return full(shape, 1, backend, 'ones');
}

/** A tensor of zeros with the shape and backend of `t`. */
export function zerosLike(t: Tensor): Tensor {
  return full(t.shape, 0, t.backend, 'zerosLike');
}

/** Copies a tensor to another backend (through the host). */
export function toBackend(t: Tensor, backend: Backend): Tensor {
  t.assertLive('toBackend');
  return t.backend === backend ? backend.reshape(t, t.shape) : backend.fromArray(t.read(), t.shape);
}
