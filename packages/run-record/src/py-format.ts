/**
 * Python's `repr(float)` for a JS number: shortest round-trip digits, `.0` on integral values,
 * and exponents where Python switches to them (below 1e-4, from 1e16), so printed lines read
 * exactly as the notebook prints them.
 * @example
 *   pyFloat(0); // '0.0'
 *   pyFloat(5.44560814873387e-11); // '5.44560814873387e-11'
 */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(x);
  if (abs >= 1e-4 && abs < 1e16) {
    // In this range JS and Python print the same shortest digits, JS without exponent.
    const s = String(x);
    return s.includes('.') ? s : `${s}.0`;
  }
  const [mantissa, exponent] = x.toExponential().split('e') as [string, string];
  const sign = exponent.startsWith('-') ? '-' : '+';
  const digits = exponent.replace(/^[+-]/, '').padStart(2, '0');
  return `${mantissa}e${sign}${digits}`;
}

/**
 * Python's `'%.Ne' % x`: N digits after the point and at least two exponent digits.
 * @example
 *   pyExp(1.03e-7, 2); // '1.03e-07'
 */
export function pyExp(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const [mantissa, exponent] = x.toExponential(digits).split('e') as [string, string];
  const sign = exponent.startsWith('-') ? '-' : '+';
  return `${mantissa}e${sign}${exponent.replace(/^[+-]/, '').padStart(2, '0')}`;
}

/**
 * A number as Python prints a literal from the notebook's lists: `1` stays `1`, `0.25` is `0.25`.
 * @example
 *   pyNumber(1); // '1'
 */
export function pyNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : pyFloat(x);
}

/**
 * A shape as Python prints a tuple: `(49000, 3, 32, 32)`, and `(49000,)` for one dimension.
 * @example
 *   pyShape([49000]); // '(49000,)'
 */
export function pyShape(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/**
 * Python's `print(a, b, …)`: arguments joined by one space, so `print('x: ', v)` gives two spaces.
 * @example
 *   pyPrint('Mean of input: ', pyFloat(10)); // 'Mean of input:  10.0'
 */
export function pyPrint(...parts: string[]): string {
  return parts.join(' ');
}
