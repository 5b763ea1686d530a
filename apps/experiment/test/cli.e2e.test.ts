// The CLI end to end, as a user runs it: a child process on a small generated CIFAR-10 folder.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateRunRecord, type RunRecord } from '@dropout/run-record';
import { readRunRecord } from '@dropout/run-record/node';
import { writeLearnableCifarFolder } from '@dropout/data/testing';
import { startCli, type CliResult } from './helpers/run-cli.js';

let work: string;
let dataRoot: string;
// 20 training images in minibatches of 10: two iterations per epoch, as few FLOPs as the format allows.
const smallData = (): string[] => ['--data', dataRoot, '--num-train', '20', '--num-val', '10', '--num-test', '6', '--batch-size', '10'];

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'dropout-experiment-e2e-'));
  dataRoot = join(work, 'cifar');
  writeLearnableCifarFolder(dataRoot, 6); // 30 training-pool records, 6 test records
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The record path the CLI printed, and the folder of the `pnpm report` command it suggests (the CLI itself writes no report). */
function printedPaths(result: CliResult): { record: string; reportFolder: string } {
  const record = /^Record: (.+)$/m.exec(result.stdout)?.[1];
  const reportFolder = /^Render its report with: pnpm report (.+)$/m.exec(result.stdout)?.[1];
  expect(record, result.stdout + result.stderr).toBeDefined();
  expect(reportFolder, result.stdout + result.stderr).toBeDefined();
  return { record: record!, reportFolder: reportFolder! };
}

/** The record without what legitimately differs between two runs: timestamps and timings. */
function withoutTimings(record: RunRecord): unknown {
  return JSON.parse(JSON.stringify(record), (key, value) =>
    ['createdAt', 'finishedAt', 'timings', 'durationMs'].includes(key) ? undefined : value,
  );
}

// The notebook's printed formats (Python's print with ', ' separators puts two spaces after the colon).
const NOTEBOOK_LINES: RegExp[] = [
  /^X_train: \(20, 3, 32, 32\)$/m, /^y_train: \(20,\)$/m, /^X_val: \(10, 3, 32, 32\)$/m, /^y_val: \(10,\)$/m,
  /^X_test: \(6, 3, 32, 32\)$/m, /^y_test: \(6,\)$/m,
  /^Running tests with p = {2}0\.25$/m, /^Running tests with p = {2}0\.4$/m, /^Running tests with p = {2}0\.7$/m,
  /^Mean of input: {2}10\.000\d+$/m, /^Mean of train-time output: {2}\d+\.\d+$/m, /^Mean of test-time output: {2}10\.000\d+$/m,
  /^Fraction of train-time output set to zero: {2}0\.\d+$/m, /^Fraction of test-time output set to zero: {2}0\.0$/m,
  /^dx relative error: {2}\d\.\d+e-\d\d$/m,
  /^Running check with dropout = {2}1$/m, /^Running check with dropout = {2}0\.75$/m, /^Running check with dropout = {2}0\.5$/m,
  /^Initial loss: {2}2\.30\d+$/m, /^W1 relative error: \d\.\d\de-\d\d$/m, /^b3 relative error: \d\.\d\de-\d\d$/m,
  /^1\n\(Iteration 1 \/ 4\) loss: \d+\.\d{6}\n\(Epoch 0 \/ 2\) train acc: \d\.\d{6}; val_acc: \d\.\d{6}$/m,
  /^0\.25\n\(Iteration 1 \/ 4\) loss: \d+\.\d{6}$/m,
  /^\(Epoch 2 \/ 2\) train acc: \d\.\d{6}; val_acc: \d\.\d{6}$/m,
];

describe('pnpm experiment on a generated CIFAR-10 folder (2 epochs)', () => {
  let first: CliResult;
  let second: CliResult;
  beforeAll(async () => {
    // Same flags twice, at the same time: also exercises two runs landing in the same second.
    const args = [...smallData(), '--epochs', '2', '--out', join(work, 'runs')];
    [first, second] = await Promise.all([startCli(args, work), startCli(args, work)]);
  }, 120_000);

  it('exits 0 and prints every cell in the notebook\'s formats and order', () => {
    expect(first.code, first.stderr).toBe(0);
    for (const pattern of NOTEBOOK_LINES) expect(first.stdout).toMatch(pattern);
    const order = ['X_train:', 'Running tests with p', 'dx relative error', 'Running check with dropout', '(Iteration 1 / 4)', 'Record:', 'Render its report with:'];
    const positions = order.map((text) => first.stdout.indexOf(text));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(first.stdout).toMatch(/^Data: CIFAR-10 from .*cifar-10-batches-bin \(found via --data\)\.$/m);
  });

  it('prints the notebook\'s own numbers for the NumPy-seeded cells', () => {
    expect(first.stdout).toContain('Fraction of train-time output set to zero:  0.749784');
    expect(first.stdout).toContain('Fraction of train-time output set to zero:  0.600796');
    expect(first.stdout).toContain('Fraction of train-time output set to zero:  0.30074\n');
    expect(first.stdout).toMatch(/^Initial loss: {2}2\.30047908976849\d*$/m);
    expect(first.stdout).toMatch(/^Initial loss: {2}2\.30427592207859\d*$/m);
  });

  it('writes a valid record, prints its path and the command that renders its report', () => {
    const { record: recordPath, reportFolder } = printedPaths(first);
    expect(recordPath).toMatch(/runs\/\d{8}-\d{6}-cifar10(-\d+)?\/record\.json$/);
    expect(join(recordPath, '..')).toBe(reportFolder);
    expect(existsSync(join(reportFolder, 'report.html'))).toBe(false); // the report is the report app's job (pnpm experiment chains it)
    const record = readRunRecord(recordPath);
    expect(() => validateRunRecord(record)).not.toThrow();
    expect(record.status).toBe('complete');
    expect(record.missing).toEqual([]);
    // auto: the fast float32 CPU backend, else the plain one; either way float32 like the notebook's nets.
    expect(record.backend).toMatchObject({ requested: 'auto', floatBits: 32 });
    expect(['wasm32', 'cpu32']).toContain(record.backend.name);
    expect(record.config.gradcheckBackend).toBe('cpu64');
    expect(record.config).toMatchObject({ keepRatios: [1, 0.25], seeds: [231], numEpochs: 2, numTrain: 20, batchSize: 10, rng: 'numpy', dataset: 'cifar10' });
    expect(record.dataset?.name).toBe('CIFAR-10');
    expect(record.dataset?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(record.cells.map((c) => [c.id, c.status])).toEqual([
      ['data', 'done'], ['dropout-forward', 'done'], ['dropout-backward', 'done'], ['fc-gradcheck', 'done'], ['regularization', 'done'],
    ]);
    const regularization = record.cells.find((c) => c.kind === 'regularization');
    if (regularization?.kind !== 'regularization') throw new Error('no regularization cell');
    expect(regularization.runs.map((r) => [r.keepRatio, r.seed, r.status, r.epochsDone, r.valAccHistory.length])).toEqual([
      [1, 231, 'complete', 2, 3], [0.25, 231, 'complete', 2, 3],
    ]);
    const printed = first.stdout.split('\n');
    for (const cell of record.cells) for (const line of cell.lines.filter(Boolean)) expect(printed).toContain(line);
  });

  it('gives identical records for the same flags, apart from timings', () => {
    expect(second.code, second.stderr).toBe(0);
    const a = readRunRecord(printedPaths(first).record);
    const b = readRunRecord(printedPaths(second).record);
    expect(printedPaths(first).record).not.toBe(printedPaths(second).record);
    expect(withoutTimings(b)).toEqual(withoutTimings(a));
  });

  it('reports progress as plain lines with an ETA when stderr is not a terminal', () => {
    expect(first.stderr).toMatch(/^progress: keep 1 · seed 231 \(1\/2\): epoch 1\/2, iteration 2\/4 \(50%\), elapsed \d+:\d\d, ETA \d+:\d\d$/m);
  });
});

describe('Ctrl-C', () => {
  it('ends cleanly: exit 130, completed cells kept, the record marked partial', async () => {
    let sent = false;
    const result = await startCli(
      [...smallData(), '--cells', 'dropout-forward,regularization', '--epochs', '100', '--out', join(work, 'interrupted')],
      work,
      (soFar, child) => {
        if (!sent && /^\(Epoch 1 \/ 100\)/m.test(soFar)) {
          sent = true;
          child.kill('SIGINT');
        }
      },
    );
    expect(sent).toBe(true);
    expect(result.code, result.stderr).toBe(130);
    expect(result.stderr).toContain('SIGINT: stopping after the current step');
    const { record: recordPath } = printedPaths(result);
    const record = readRunRecord(recordPath);
    expect(record.status).toBe('partial');
    expect(record.finishedAt).not.toBeNull();
    const [forward, regularization] = record.cells;
    expect(forward).toMatchObject({ id: 'dropout-forward', status: 'done' });
    if (forward?.kind !== 'dropout-forward' || regularization?.kind !== 'regularization') throw new Error('unexpected cells');
    expect(forward.rows.map((r) => r.trainZeroFraction)).toEqual([0.749784, 0.600796, 0.30074]);
    expect(regularization.status).toBe('interrupted');
    expect(regularization.runs).toHaveLength(1);
    const run = regularization.runs[0]!;
    expect(run.status).toBe('partial');
    expect(run.epochsDone).toBeGreaterThanOrEqual(1);
    expect(run.epochsDone).toBeLessThan(100);
    expect(run.valAccHistory).toHaveLength(run.epochsDone + 1);
    expect(record.missing).toEqual([
      'cell regularization (interrupted)',
      `training run keep 1, seed 231: interrupted after ${run.epochsDone} of 100 epochs`,
      'training run keep 0.25, seed 231: not started',
    ]);
    expect(result.stdout).toMatch(/^Interrupted; the record is marked partial\. Missing: /m);
  }, 60_000);
});
