/**
 * Python's `'%f'`-style fixed-point formatting (`'%.6f' % x`): like `toFixed`, except that exact
 * ties round half to even, `-0.0` keeps its sign and non-finite values print as `inf`/`nan`.
 * @example
 *   formatFixed(0.0078125, 6); // '0.007812' (toFixed gives '0.007813')
 */
export function formatFixed(x: number, digits = 6): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const magnitude = Math.abs(x);
  const rounded = magnitude.toFixed(digits);
  if (magnitude >= 1e21) return sign + rounded;
  // toFixed(100) is the exact decimal expansion for every double below 1e21 that can tie.
  const exact = magnitude.toFixed(100);
  const cut = exact.indexOf('.') + 1 + digits;
  const truncated = exact.slice(0, digits === 0 ? cut - 1 : cut);
  const isTie = /^50*$/.test(exact.slice(cut));
  const lastDigit = Number(truncated[truncated.length - 1]);
  return sign + (isTie && lastDigit % 2 === 0 ? truncated : rounded);
}
