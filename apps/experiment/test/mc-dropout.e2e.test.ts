// The mc-dropout cell and --save-models end to end: the CLI as a child process on a generated CIFAR-10 folder.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '@dropout/models/node';
import { readRunRecord } from '@dropout/run-record/node';
import { writeLearnableCifarFolder } from '@dropout/data/testing';
import { startCli, type CliResult } from './helpers/run-cli.js';

let work: string;
let result: CliResult;
let unsaved: CliResult;
const recordOf = (r: CliResult) => readRunRecord(/^Record: (.+)$/m.exec(r.stdout)![1]!);

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'dropout-mc-e2e-'));
  writeLearnableCifarFolder(join(work, 'cifar'), 6);
  const args = ['--data', join(work, 'cifar'), '--num-train', '20', '--num-val', '10', '--num-test', '6', '--batch-size', '10', '--epochs', '1'];
  [result, unsaved] = await Promise.all([
    startCli([...args, '--cells', 'data,regularization,mc-dropout', '--out', join(work, 'runs')], work),
    startCli([...args, '--cells', 'regularization', '--no-save-models', '--out', join(work, 'unsaved')], work),
  ]);
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('--cells data,regularization,mc-dropout', () => {
  it('runs the cell after regularization and records deterministic vs MC results per net', () => {
    expect(result.code, result.stderr).toBe(0);
    const record = recordOf(result);
    expect(record.status).toBe('complete');
    expect(record.cells.map((c) => [c.id, c.status])).toEqual([['data', 'done'], ['regularization', 'done'], ['mc-dropout', 'done']]);
    const cell = record.cells.find((c) => c.kind === 'mc-dropout');
    if (cell?.kind !== 'mc-dropout') throw new Error('no mc-dropout cell');
    expect(cell).toMatchObject({ samples: [1, 10, 50], numImages: 10 });
    expect(cell.nets.map((n) => [n.run, n.predictions.map((p) => p.samples)])).toEqual([
      ['keep 1, seed 231', [0]], ['keep 0.25, seed 231', [0, 1, 10, 50]],
    ]);
    for (const p of cell.nets.flatMap((n) => n.predictions)) {
      expect(p.accuracy).toBeGreaterThanOrEqual(0);
      expect(p.reliability.reduce((a, b) => a + b.count, 0)).toBe(10);
    }
    expect(result.stdout).toMatch(/^ {2}MC T = 50 {5}accuracy \d\.\d{4} {2}ECE \d\.\d{4}/m);
  });

  it('saves each trained net beside the record with its preprocessing and identity; each loads', async () => {
    const record = recordOf(result);
    const folder = dirname(/^Record: (.+)$/m.exec(result.stdout)![1]!);
    const regularization = record.cells.find((c) => c.kind === 'regularization');
    if (regularization?.kind !== 'regularization') throw new Error('no regularization cell');
    expect(regularization.runs.map((r) => r.modelPath)).toEqual(['models/keep-1-seed-231', 'models/keep-0.25-seed-231']);
    for (const run of regularization.runs) {
      const trained = await loadModel(join(folder, run.modelPath!));
      expect(trained.run).toEqual({ name: record.name, createdAt: record.createdAt, trainingRun: run.name, dataset: { name: 'CIFAR-10', hash: record.dataset!.hash } });
      expect(trained.preprocessing?.inputShape).toEqual([3, 32, 32]);
      expect(trained.preprocessing?.meanImage).toHaveLength(3072);
      expect(trained.preprocessing?.classNames).toHaveLength(10);
      expect(trained.model.params.W1!.shape).toEqual([3072, 500]);
      expect(trained.versions['@dropout/experiment']).toBe(record.versions['@dropout/experiment']);
    }
  });

  it('--no-save-models saves nothing', () => {
    expect(unsaved.code, unsaved.stderr).toBe(0);
    const folder = dirname(/^Record: (.+)$/m.exec(unsaved.stdout)![1]!);
    expect(existsSync(join(folder, 'models'))).toBe(false);
    const reg = recordOf(unsaved).cells[0]!;
    if (reg.kind !== 'regularization') throw new Error(reg.kind);
    expect(reg.runs.every((r) => r.modelPath === undefined)).toBe(true);
  });
});
