import type { CellResult } from '@dropout/run-record';
import { pyShape } from '@dropout/run-record';
import type { CellContext } from './cell-context.js';
import { runDropoutBackwardCell } from './dropout-backward-cell.js';
import { runDropoutForwardCell } from './dropout-forward-cell.js';
import { runFcGradcheckCell } from './fc-gradcheck-cell.js';
import { runRegularizationCell } from './regularization-cell.js';
import { runMcDropoutCell } from './mc-dropout-cell.js';

/**
 * Runs one cell, filling its record in place (so an interruption keeps what was done).
 * @example
 *   await runCell(ctx, emptyCellResult('dropout-forward'));
 */
export async function runCell(ctx: CellContext, cell: CellResult): Promise<void> {
  switch (cell.kind) {
    case 'data': {
      // The notebook prints its data dict: X_train, y_train, X_val, y_val, X_test, y_test.
      const { shapes } = await ctx.loadData();
      for (const [key, shape] of Object.entries(shapes)) {
        cell.shapes[key] = shape;
        ctx.print(`${key}: ${pyShape(shape)}`);
      }
      return;
    }
    case 'dropout-forward':
      return runDropoutForwardCell(ctx, cell);
    case 'dropout-backward':
      cell.dxRelError = runDropoutBackwardCell(ctx).dxRelError;
      return;
    case 'fc-gradcheck':
      return runFcGradcheckCell(ctx, cell);
    case 'regularization':
      return runRegularizationCell(ctx, cell, await ctx.loadData());
    case 'mc-dropout':
      return runMcDropoutCell(ctx, cell, await ctx.loadData());
  }
}
