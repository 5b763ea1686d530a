import { describe, expect, it } from 'vitest';
import { missingParts, trainingRunName } from '../src/index.js';
import { broken, record } from './sample-record.js';
import type { RunRecord } from '../src/index.js';

describe('missingParts', () => {
  it('names each unfinished cell and training run once, in the order the config asks for them', () => {
    // The sample: dropout-backward skipped; regularization interrupted with keep 1 seed 231 complete, keep 0.25 never started.
    expect(missingParts(record())).toEqual([
      'cell dropout-backward (not run)',
      'cell regularization (interrupted)',
      'training run keep 0.25, seed 231: not started',
    ]);
  });

  it('says how far an interrupted or failed run got, with the failure reason', () => {
    const r = broken((x) => {
      Object.assign(x.cells[4].runs[0], { status: 'partial', epochsDone: 1 });
      x.cells[4].runs.push({ ...x.cells[4].runs[0], name: trainingRunName(0.25, 231), keepRatio: 0.25, status: 'failed', error: 'loss is NaN', epochsDone: 0 });
      x.cells[4].status = 'failed';
      x.cells[4].error = 'training run keep 0.25, seed 231 failed';
    }) as RunRecord;
    expect(missingParts(r)).toEqual([
      'cell dropout-backward (not run)',
      'cell regularization (failed: training run keep 0.25, seed 231 failed)',
      'training run keep 1, seed 231: interrupted after 1 of 2 epochs',
      'training run keep 0.25, seed 231: failed after 0 of 2 epochs: loss is NaN',
    ]);
  });

  it('names requested cells that have no entry at all, and nothing for a complete record', () => {
    const r = broken((x) => {
      x.cells = x.cells.filter((c: { id: string }) => c.id !== 'dropout-backward' && c.id !== 'regularization');
      x.config.cells = ['data', 'regularization'];
    }) as RunRecord;
    expect(missingParts(r)).toEqual(['cell regularization (not run)']);
    const done = broken((x) => {
      x.cells = x.cells.filter((c: { id: string }) => c.id !== 'dropout-backward' && c.id !== 'regularization');
      x.config.cells = x.cells.map((c: { id: string }) => c.id);
    }) as RunRecord;
    expect(missingParts(done)).toEqual([]);
  });

  it('does not count a skipped cell the config never asked for', () => {
    const r = broken((x) => (x.config.cells = x.config.cells.filter((id: string) => id !== 'dropout-backward'))) as RunRecord;
    expect(missingParts(r)).not.toContain('cell dropout-backward (not run)');
    expect(missingParts(r)).toContain('cell regularization (interrupted)');
  });
});
