import type { Backend } from '@dropout/tensor';
import { NOTEBOOK_DEFAULTS } from '../src/options.js';
import type { CellContext } from '../src/cells/cell-context.js';

/**
 * A cell context for the cell tests: printed lines go to `lines`, progress is ignored, both
 * backends are `cpu64`; `overrides` sets the stream, the data and anything else a test needs.
 * @example
 *   await runCell(testContext(cpu64, lines, { makeRng: (s) => createNumpyRng(s) }), cell);
 */
export function testContext(cpu64: Backend, lines: string[], overrides: Partial<CellContext> & Pick<CellContext, 'makeRng' | 'loadData'>): CellContext {
  return {
    options: { ...NOTEBOOK_DEFAULTS },
    print: (text) => lines.push(text),
    progress: () => {},
    progressDone: () => {},
    signal: new AbortController().signal,
    cpu64,
    trainingBackend: cpu64,
    onTrainingRun: () => {},
    ...overrides,
  };
}
