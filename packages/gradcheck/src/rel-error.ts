import { Tensor } from '@dropout/tensor';

type Values = Tensor | ArrayLike<number> | number;

function toArray(name: string, v: Values): ArrayLike<number> {
  if (v instanceof Tensor) return v.read();
  if (typeof v === 'number') return [v];
  if (v && typeof v === 'object' && typeof v.length === 'number') return v;
  throw new TypeError(`relError: ${name} must be a Tensor, an array of numbers or a number, got ${v === null ? 'null' : typeof v}`);
}

/**
 * The notebook's relative error: `max(|x − y| / max(1e-8, |x| + |y|))` over all elements.
 * @example
 *   relError([1, 2], [1, 2.000001]); // ≈ 2.5e-7
 */
export function relError(x: Values, y: Values): number {
  const a = toArray('x', x);
  const b = toArray('y', y);
  if (a.length !== b.length) {
    throw new Error(`relError: x has ${a.length} elements but y has ${b.length}; compare arrays of the same shape`);
  }
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const r = Math.abs(a[i]! - b[i]!) / Math.max(1e-8, Math.abs(a[i]!) + Math.abs(b[i]!));
    if (r > worst || Number.isNaN(r)) worst = r;
  }
  return worst;
}
