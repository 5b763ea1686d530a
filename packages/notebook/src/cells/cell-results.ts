import type { CellResult } from '@dropout/run-record';
import type { CellId } from '../options.js';

/** Titles of the notebook's sections, as the report shows them. */
export const CELL_TITLES: Record<CellId, string> = {
  data: 'Load the (preprocessed) data',
  'dropout-forward': 'Dropout: Forward Pass',
  'dropout-backward': 'Dropout: Backward Pass',
  'fc-gradcheck': 'Fully Connected Networks with Dropout',
  regularization: 'Regularization Experiment',
  'mc-dropout': 'Monte Carlo Dropout: Uncertainty and Calibration',
};

/**
 * A cell's record before it runs: status 'skipped', no lines, empty results of its kind.
 * @example
 *   emptyCellResult('dropout-backward'); // { kind: 'dropout-backward', id: 'dropout-backward', status: 'skipped', dxRelError: null, … }
 */
export function emptyCellResult(id: CellId): CellResult {
  const base = { id, title: CELL_TITLES[id], status: 'skipped' as const, lines: [] as string[], durationMs: 0 };
  switch (id) {
    case 'data':
      return { kind: 'data', ...base, shapes: {} };
    case 'dropout-forward':
      return { kind: 'dropout-forward', ...base, rows: [] };
    case 'dropout-backward':
      return { kind: 'dropout-backward', ...base, dxRelError: null };
    case 'fc-gradcheck':
      return { kind: 'fc-gradcheck', ...base, runs: [] };
    case 'regularization':
      return { kind: 'regularization', ...base, runs: [] };
    case 'mc-dropout':
      return { kind: 'mc-dropout', ...base, samples: [], seed: 0, numBins: 0, numImages: 0, nets: [] };
  }
}
