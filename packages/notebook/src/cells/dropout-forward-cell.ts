import { dropoutForward } from '@dropout/layers';
import { mean, randn, tidy } from '@dropout/tensor';
import type { DropoutForwardRow } from '@dropout/run-record';
import { pyFloat, pyNumber, pyPrint } from '@dropout/run-record';
import type { CellContext } from './cell-context.js';

const KEEP_PROBABILITIES = [0.25, 0.4, 0.7];

function zeroFraction(values: ArrayLike<number>): number {
  let zeros = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === 0) zeros++;
  return zeros / values.length;
}

/**
 * Notebook cell "Dropout: Forward Pass": one stream seeded 231, `x = randn(500, 500) + 10`, then
 * train- and test-mode dropout for p = 0.25, 0.4, 0.7 with masks drawn from that same stream.
 * @example
 *   const result = { rows: [] };
 *   runDropoutForwardCell(ctx, result); // result.rows[0].trainZeroFraction === 0.749784 with the NumPy stream
 */
export function runDropoutForwardCell(ctx: CellContext, result: { rows: DropoutForwardRow[] }): void {
  const rng = ctx.makeRng(231);
  const { rows } = result;
  tidy(() => {
    const x = randn(rng, [500, 500], ctx.cpu64, { mean: 10 });
    for (const p of KEEP_PROBABILITIES) {
      const { out } = dropoutForward(x, { p, mode: 'train' }, rng);
      const { out: outTest } = dropoutForward(x, { p, mode: 'test' }, rng);
      const row: DropoutForwardRow = {
        p,
        inputMean: mean(x).item(),
        trainMean: mean(out).item(),
        testMean: mean(outTest).item(),
        trainZeroFraction: zeroFraction(out.read()),
        testZeroFraction: zeroFraction(outTest.read()),
      };
      rows.push(row);
      ctx.print(pyPrint('Running tests with p = ', pyNumber(p)));
      ctx.print(pyPrint('Mean of input: ', pyFloat(row.inputMean)));
      ctx.print(pyPrint('Mean of train-time output: ', pyFloat(row.trainMean)));
      ctx.print(pyPrint('Mean of test-time output: ', pyFloat(row.testMean)));
      ctx.print(pyPrint('Fraction of train-time output set to zero: ', pyFloat(row.trainZeroFraction)));
      ctx.print(pyPrint('Fraction of test-time output set to zero: ', pyFloat(row.testZeroFraction)));
      ctx.print('');
    }
  });
}
