import { dropoutBackward, dropoutForward, type DropoutParam } from '@dropout/layers';
import { evalNumericalGradientArray, relError } from '@dropout/gradcheck';
import { randn, tidy } from '@dropout/tensor';
import { pyFloat, pyPrint } from '@dropout/run-record';
import type { CellContext } from './cell-context.js';

/**
 * Notebook cell "Dropout: Backward Pass": stream seeded 231, `x = randn(10, 10) + 10`,
 * `dout = randn(10, 10)`, p = 0.2 with mask seed 123, analytic vs numerical gradient (float64).
 * @example
 *   runDropoutBackwardCell(ctx).dxRelError; // ≈ 5.4e-11
 */
export function runDropoutBackwardCell(ctx: CellContext): { dxRelError: number } {
  const rng = ctx.makeRng(231);
  const dxRelError = tidy(() => {
    const x = randn(rng, [10, 10], ctx.cpu64, { mean: 10 });
    const dout = randn(rng, [10, 10], ctx.cpu64);
    const param: DropoutParam = { mode: 'train', p: 0.2, seed: 123 };
    const { cache } = dropoutForward(x, param);
    const dx = dropoutBackward(dout, cache);
    const dxNum = evalNumericalGradientArray((xx) => dropoutForward(xx, param).out, x, dout);
    return relError(dx, dxNum);
  });
  ctx.print(pyPrint('dx relative error: ', pyFloat(dxRelError)));
  return { dxRelError };
}
