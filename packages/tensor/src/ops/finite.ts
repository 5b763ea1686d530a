import { formatShape, type Tensor } from '../tensor.js';
import { isKnownFinite, markFinite } from './known-finite.js';
import { sum } from './reduce.js';

/** Index of the first NaN or ±Infinity in `values`, or -1 when every value is finite. */
export function firstNonFinite(values: ArrayLike<number>): number {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return i;
  return -1;
}

/** `[i, j, …]` of flat index `flat` in `shape`, e.g. `[3, 17]`. */
function position(shape: readonly number[], flat: number): string {
  const index: number[] = [];
  for (let d = shape.length - 1, rest = flat; d >= 0; d--) {
    index.unshift(rest % shape[d]!);
    rest = Math.floor(rest / shape[d]!);
  }
  return `[${index.join(', ')}]`;
}

/**
 * Says what is wrong with `t` given its values: the first NaN/±Infinity (`X[3, 17] is NaN`), or,
 * when every value is finite but their sum is not, that the values are too large. Null when fine.
 * @example
 *   nonFiniteMessage('data.XTrain', X, X.read()); // 'data.XTrain[0, 2] is NaN' or null
 */
export function nonFiniteMessage(what: string, t: Tensor, values: ArrayLike<number>, total = 0): string | null {
  const i = firstNonFinite(values);
  if (i >= 0) return `${what}${position(t.shape, i)} is ${values[i]}`;
  if (!Number.isFinite(total)) return `${what} (shape ${formatShape(t.shape)}) sums to ${total}: its values are too large for ${t.dtype}`;
  return null;
}

/**
 * Throws unless every value of `t` is finite, naming `what` and the first bad element. One sum
 * on the backend decides; the values are copied to the host only to find a bad one. Reads
 * synchronously: on a backend with `syncRead` false, use {@link assertFiniteAsync}.
 * @example
 *   assertFinite(X, 'data.XTrain'); // Error: data.XTrain[3, 17] is NaN; …
 */
export function assertFinite(t: Tensor, what: string): void {
  if (isKnownFinite(t)) return;
  const s = sum(t);
  let total: number;
  try {
    total = s.read()[0]!;
  } finally {
    s.dispose();
  }
  if (Number.isFinite(total)) return markFinite(t);
  fail(nonFiniteMessage(what, t, t.read(), total));
}

/** {@link assertFinite} with `readAsync`, for every backend. */
export async function assertFiniteAsync(t: Tensor, what: string): Promise<void> {
  if (isKnownFinite(t)) return;
  const s = sum(t);
  let total: number;
  try {
    total = (await s.readAsync())[0]!;
  } finally {
    s.dispose();
  }
  if (Number.isFinite(total)) return markFinite(t);
  fail(nonFiniteMessage(what, t, await t.readAsync(), total));
}

function fail(message: string | null): never {
  throw new RangeError(`${message ?? 'a value is not finite'}; every value must be a finite number (check the data for NaN or Infinity)`);
}
