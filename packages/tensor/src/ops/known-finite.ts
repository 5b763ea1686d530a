import type { Tensor } from '../tensor.js';

/**
 * Tensors whose values were all found finite by `assertFinite` (or come from such a tensor by a
 * row slice, row gather or reshape). Tensors never change, so the finding stays true for the
 * tensor's life: a model checking each minibatch of data the Solver already checked reads
 * nothing again. Weak: an entry goes with its tensor.
 */
const finite = new WeakSet<Tensor>();

/** Records that every value of `t` is finite. */
export function markFinite(t: Tensor): void {
  finite.add(t);
}

/** True when `t` is known to hold only finite values. */
export function isKnownFinite(t: Tensor): boolean {
  return finite.has(t);
}

/** `to` holds a subset of `from`'s values: it is finite when `from` is known finite. Returns `to`. */
export function inheritFinite(from: Tensor, to: Tensor): Tensor {
  if (finite.has(from)) finite.add(to);
  return to;
}
