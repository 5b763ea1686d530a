import { describe, expect, it } from 'vitest';
import { createNumpyRng, loadBackend } from '@dropout/tensor';
import type { CellResult } from '@dropout/run-record';
import type { CellContext } from './cell-context.js';
import { emptyCellResult } from './cell-results.js';
import { runCell } from './run-cell.js';
import { testContext } from '../../test/cell-context.js';

// Expected values are the notebook's printed outputs (/work/shared/spec/dropout-notebook.txt, NumPy 231 streams).
async function context(lines: string[], signal = new AbortController().signal): Promise<CellContext> {
  return testContext(await loadBackend('cpu64'), lines, {
    signal,
    makeRng: (seed) => createNumpyRng(seed),
    loadData: () => Promise.reject(new Error('these cells need no data')),
  });
}

async function run(id: 'dropout-forward' | 'dropout-backward' | 'fc-gradcheck'): Promise<{ cell: CellResult; lines: string[] }> {
  const lines: string[] = [];
  const cell = emptyCellResult(id);
  await runCell(await context(lines), cell);
  return { cell, lines };
}

describe('notebook cells on cpu64 with the NumPy stream', () => {
  it('dropout forward: the notebook\'s zero fractions and train-time means', async () => {
    const { cell, lines } = await run('dropout-forward');
    if (cell.kind !== 'dropout-forward') throw new Error(cell.kind);
    expect(cell.rows.map((r) => r.trainZeroFraction)).toEqual([0.749784, 0.600796, 0.30074]);
    expect(cell.rows[0]!.trainMean).toBeCloseTo(10.014059116977283, 12);
    expect(lines[0]).toBe('Running tests with p =  0.25');
    expect(lines).toContain('Fraction of train-time output set to zero:  0.749784');
  });

  it('dropout backward: dx relative error as printed', async () => {
    const { cell } = await run('dropout-backward');
    if (cell.kind !== 'dropout-backward') throw new Error(cell.kind);
    expect(cell.dxRelError).toBeCloseTo(5.44560814873387e-11, 18);
  });

  it('FC-net gradient checks: the notebook\'s initial losses and W1 errors', async () => {
    const { cell, lines } = await run('fc-gradcheck');
    if (cell.kind !== 'fc-gradcheck') throw new Error(cell.kind);
    expect(cell.runs.map((r) => r.keepRatio)).toEqual([1, 0.75, 0.5]);
    const losses = cell.runs.map((r) => r.initialLoss);
    [2.300479089768492, 2.302371489704412, 2.30427592207859].forEach((want, i) => expect(losses[i]).toBeCloseTo(want, 12));
    // Relative errors of a numerical gradient depend on summation order, so only their size is the notebook's.
    for (const r of cell.runs) expect(Object.keys(r.relErrors).sort()).toEqual(['W1', 'W2', 'W3', 'b1', 'b2', 'b3']);
    for (const r of cell.runs) for (const e of Object.values(r.relErrors)) expect(e).toBeLessThan(1e-4); // the notebook prints up to 2.21e-05 (W2, keep 1)
    expect(lines.filter((l) => /^W1 relative error: \d\.\d\de-0[6-9]$/.test(l))).toHaveLength(3);
  });

  it('a stop signal between nets interrupts the gradient checks and keeps none unfinished', async () => {
    const stop = new AbortController();
    stop.abort();
    const cell = emptyCellResult('fc-gradcheck');
    await expect(runCell(await context([], stop.signal), cell)).rejects.toThrow(/interrupted during the gradient check for keep 1/);
    if (cell.kind === 'fc-gradcheck') expect(cell.runs).toEqual([]);
  });
});
