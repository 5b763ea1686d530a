// The one cell loop of the CLI and the page, on real cells and a record built as both build theirs.
import { describe, expect, it } from 'vitest';
import { loadBackend } from '@dropout/tensor';
import { validateRunRecord, type CellResult, type RunRecord } from '@dropout/run-record';
import { NOTEBOOK_DEFAULTS, type CellId, type NotebookOptions } from '../options.js';
import { prepareDataset, type LoadedDataset } from '../data/prepare-dataset.js';
import { newRunRecord } from '../record/new-run-record.js';
import type { TrainedNet } from '../cells/cell-context.js';
import { runNotebook, type NotebookRunHooks, type NotebookRunInit } from './run-notebook.js';

const cpu64 = await loadBackend('cpu64');

/** A pool of 30 training and 6 test images of 1×2×3 bytes: 20 / 10 / 6 after the course's split. */
function tinyDataset(): LoadedDataset {
  const bytes = (n: number, salt: number) => Uint8Array.from({ length: n * 6 }, (_, i) => (i * 37 + salt * 11) % 256);
  const labels = (n: number) => Int32Array.from({ length: n }, (_, i) => (i * 3) % 10);
  const raw = { XTrain: bytes(30, 1), yTrain: labels(30), XTest: bytes(6, 2), yTest: labels(6), imageShape: [1, 2, 3] as const, identity: { name: 'tiny', source: 'test', hash: 'ab', shapes: {} } };
  return prepareDataset(raw, cpu64, { numVal: 10, numTest: 6 });
}

const SMALL_TRAINING: Partial<NotebookOptions> = { keepRatios: [1, 0.5], seeds: [231], numEpochs: 1, numTrain: 20, batchSize: 10, numVal: 10, numTest: 6 };

function record(cells: CellId[], more: Partial<NotebookOptions> = {}): { record: RunRecord; options: NotebookOptions } {
  const options = { ...NOTEBOOK_DEFAULTS, ...more, cells };
  const made = newRunRecord({
    name: 'loop', createdAt: new Date('2025-01-01T00:00:00Z'), options: { ...options, dataset: 'none', backend: 'cpu64' },
    trainingBackend: cpu64, gradcheckBackend: cpu64, ranDataset: 'none', dataDir: null, extraConfig: {}, dataset: null, versions: {},
    machine: { platform: 'linux', arch: 'x64', cpuModel: 'c', cpuCount: 1, totalMemGiB: 1 },
  });
  return { record: made, options };
}

/** Runs the loop with hooks that log what they saw; `overrides` replaces any hook or init piece. */
async function run(
  rec: RunRecord, options: NotebookOptions,
  overrides: Partial<NotebookRunHooks> & Partial<Omit<NotebookRunInit, 'hooks'>> = {},
): Promise<{ started: string[]; lines: string[]; snapshots: RunRecord[] }> {
  const started: string[] = [];
  const lines: string[] = [];
  const snapshots: RunRecord[] = [];
  const { signal, loadData, keepTrainedNets, onTrainedNet, now, ...hooks } = overrides;
  await runNotebook(rec, {
    options, cpu64, trainingBackend: cpu64,
    loadData: loadData ?? (() => Promise.reject(new Error('these cells need no data'))),
    signal: signal ?? new AbortController().signal,
    now: now ?? (() => new Date('2025-01-01T00:01:00Z')),
    ...(keepTrainedNets === undefined ? {} : { keepTrainedNets }),
    ...(onTrainedNet ? { onTrainedNet } : {}),
    hooks: {
      cellStarted: (cell) => started.push(cell.id),
      line: (id, text) => lines.push(`${id}: ${text}`),
      progress: () => {},
      progressDone: () => {},
      recordChanged: (r) => snapshots.push(structuredClone(r)),
      ...hooks,
    },
  });
  return { started, lines, snapshots };
}

const cell = (rec: RunRecord, id: CellId): CellResult => rec.cells.find((c) => c.id === id)!;

describe('runNotebook', () => {
  it('runs every cell to the end: status complete, durations and lines kept, the record saved after each cell and at the end', async () => {
    const { record: rec, options } = record(['dropout-forward', 'dropout-backward']);
    const { started, lines, snapshots } = await run(rec, options);
    expect(started).toEqual(['dropout-forward', 'dropout-backward']);
    expect(rec.cells.map((c) => c.status)).toEqual(['done', 'done']);
    expect(rec.status).toBe('complete');
    expect(rec.finishedAt).toBe('2025-01-01T00:01:00.000Z');
    // dropout-forward draws a 500×500 stream and masks: measurably more than nothing.
    expect(cell(rec, 'dropout-forward').durationMs).toBeGreaterThan(0);
    expect(cell(rec, 'dropout-backward').durationMs).toBeGreaterThan(0);
    expect(cell(rec, 'dropout-forward').lines[0]).toBe('Running tests with p =  0.25');
    expect(lines).toEqual(rec.cells.flatMap((c) => c.lines.map((l) => `${c.id}: ${l}`)));
    expect(cell(rec, 'dropout-backward').lines).toEqual(['dx relative error:  5.44560814873387e-11']);
    // One save after each cell (the first with the second not run yet), one with the final status.
    expect(snapshots.map((s) => s.cells.map((c) => c.status))).toEqual([['done', 'skipped'], ['done', 'done'], ['done', 'done']]);
    expect(snapshots.map((s) => s.status)).toEqual(['partial', 'partial', 'complete']);
    expect(() => validateRunRecord(JSON.parse(JSON.stringify(rec)))).not.toThrow();
  });

  it('records a cell that throws as failed with its message, runs the next cell, and ends failed', async () => {
    const { record: rec, options } = record(['data', 'dropout-forward']);
    await run(rec, options, { loadData: () => Promise.reject(new Error('no data folder: pass --data-dir')) });
    expect(cell(rec, 'data')).toMatchObject({ status: 'failed', error: 'no data folder: pass --data-dir' });
    expect(cell(rec, 'dropout-forward').status).toBe('done');
    expect(rec.status).toBe('failed');
    expect(() => validateRunRecord(JSON.parse(JSON.stringify(rec)))).not.toThrow();

    // The runner words the message (the page names its fields) and sees the error itself.
    const { record: again, options: same } = record(['data', 'dropout-backward']);
    const seen: unknown[] = [];
    await run(again, same, {
      loadData: () => Promise.reject(new RangeError('bad size')),
      cellFailed: (failed, error) => {
        seen.push(error);
        return `${failed.id}: reworded`;
      },
    });
    expect(cell(again, 'data').error).toBe('data: reworded');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(RangeError);
    expect(again.status).toBe('failed');
  });

  it('stops between cells once the signal is aborted: the rest not run, status partial', async () => {
    const { record: rec, options } = record(['dropout-forward', 'dropout-backward', 'fc-gradcheck']);
    const stop = new AbortController();
    const saves: string[] = [];
    const { started } = await run(rec, options, { signal: stop.signal, recordChanged: (r) => {
      saves.push(r.status);
      stop.abort(); // after the first cell, as a Ctrl-C while it was saved
    } });
    expect(started).toEqual(['dropout-forward']);
    expect(rec.cells.map((c) => c.status)).toEqual(['done', 'skipped', 'skipped']);
    expect(rec.cells.slice(1).map((c) => [c.durationMs, c.lines])).toEqual([[0, []], [0, []]]);
    expect(rec.status).toBe('partial');
    expect(rec.finishedAt).toBe('2025-01-01T00:01:00.000Z');
    expect(saves).toEqual(['partial', 'partial']); // after the first cell, and the final one
  });

  it('marks a cell the signal stopped midway as interrupted, not failed', async () => {
    const { record: rec, options } = record(['fc-gradcheck', 'dropout-backward']);
    const stop = new AbortController();
    await run(rec, options, { signal: stop.signal, line: () => stop.abort() });
    const gradcheck = cell(rec, 'fc-gradcheck');
    expect(gradcheck.status).toBe('interrupted');
    expect(gradcheck.error).toBeUndefined();
    expect(gradcheck.durationMs).toBeGreaterThan(0);
    if (gradcheck.kind === 'fc-gradcheck') expect(gradcheck.runs.map((r) => r.keepRatio)).toEqual([1]);
    expect(cell(rec, 'dropout-backward').status).toBe('skipped');
    expect(rec.status).toBe('partial');
  });

  it('lets an error of the save hook after a cell stop the run and propagate', async () => {
    const { record: rec, options } = record(['dropout-backward', 'dropout-forward']);
    const full = new Error('cannot write record.json: no space left on the device (ENOSPC)');
    const started: string[] = [];
    await expect(run(rec, options, { cellStarted: (c) => started.push(c.id), recordChanged: () => { throw full; } })).rejects.toBe(full);
    expect(started).toEqual(['dropout-backward']);
    expect(rec.cells.map((c) => c.status)).toEqual(['done', 'skipped']);
    expect(rec.finishedAt).toBeNull();
  });

  it('lets an error of the save hook during a training run propagate instead of failing the cell, and frees the kept nets', async () => {
    const { record: rec, options } = record(['regularization'], SMALL_TRAINING);
    const data = tinyDataset();
    const kept: TrainedNet[] = [];
    const full = new Error('cannot write record.json: read-only file system (EROFS)');
    const run1 = run(rec, options, {
      loadData: () => Promise.resolve(data),
      keepTrainedNets: true,
      onTrainedNet: async (net) => void kept.push(net),
      recordChanged: () => { throw full; },
    });
    await expect(run1).rejects.toBe(full);
    const regularization = cell(rec, 'regularization');
    expect(regularization.status).toBe('skipped'); // not 'failed': the record, not the cell, could not go on
    expect(regularization.error).toBeUndefined();
    if (regularization.kind === 'regularization') expect(regularization.runs.map((r) => r.status)).toEqual(['complete']);
    expect(kept).toHaveLength(1);
    expect(kept[0]!.model.params.W1!.isDisposed).toBe(true);
    for (const t of [data.XTrain, data.XVal, data.XTest]) t.dispose();
  });

  it('keeps the trained nets for the mc-dropout cell and frees them when the run ends', async () => {
    const { record: rec, options } = record(['regularization', 'mc-dropout'], SMALL_TRAINING);
    const data = tinyDataset();
    const kept: TrainedNet[] = [];
    const { snapshots } = await run(rec, options, {
      loadData: () => Promise.resolve(data),
      onTrainedNet: async (net) => void kept.push(net),
    });
    expect(rec.cells.map((c) => c.status)).toEqual(['done', 'done']);
    expect(rec.status).toBe('complete');
    const mc = cell(rec, 'mc-dropout');
    if (mc.kind === 'mc-dropout') expect(mc.nets).toHaveLength(2); // both nets reached the next cell
    expect(kept.map((n) => n.run.name)).toEqual(['keep 1, seed 231', 'keep 0.5, seed 231']);
    for (const net of kept) expect(Object.values(net.model.params).every((t) => t.isDisposed)).toBe(true);
    // Saved after each of the two training runs, after each cell, and at the end.
    expect(snapshots).toHaveLength(5);
    expect(() => validateRunRecord(JSON.parse(JSON.stringify(rec)))).not.toThrow();
    for (const t of [data.XTrain, data.XVal, data.XTest]) t.dispose();

    // Without mc-dropout and without keepTrainedNets, no net is kept (each is freed as it is trained).
    const { record: alone, options: aloneOptions } = record(['regularization'], SMALL_TRAINING);
    const data2 = tinyDataset();
    const none: TrainedNet[] = [];
    await run(alone, aloneOptions, { loadData: () => Promise.resolve(data2), onTrainedNet: async (net) => void none.push(net) });
    expect(alone.status).toBe('complete');
    expect(none).toEqual([]);
    for (const t of [data2.XTrain, data2.XVal, data2.XTest]) t.dispose();
  });
});
