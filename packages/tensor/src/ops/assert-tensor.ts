import { Tensor } from '../tensor.js';

/**
 * Throws unless `t` is a live Tensor, naming the operation and the argument: the one
 * "must be a Tensor" check that every package uses.
 * @example
 *   assertTensor('softmaxLoss', 'x', x); // TypeError: softmaxLoss: x must be a Tensor, got object; …
 */
export function assertTensor(op: string, name: string, t: unknown): asserts t is Tensor {
  if (!(t instanceof Tensor)) {
    throw new TypeError(`${op}: ${name} must be a Tensor, got ${t === null ? 'null' : typeof t}; create one with fromArray(values, shape, backend)`);
  }
  t.assertLive(op);
}
