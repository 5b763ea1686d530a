// What a user sees when something is wrong with the command line or the data.
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLAGS } from '../src/cli/args.js';
import { cleanEnv, startCli } from './helpers/run-cli.js';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'dropout-experiment-errors-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('pnpm experiment --help', () => {
  it('documents every flag and exits 0', async () => {
    const result = await startCli(['--help'], work);
    expect(result.code).toBe(0);
    for (const { flag } of FLAGS) expect(result.stdout).toContain(flag);
    expect(result.stdout).toMatch(/^Usage: pnpm experiment \[flags\]/);
  });
});

describe('bad flags', () => {
  it.each([
    [['--bogus'], '--bogus'],
    [['--keep-ratios', '1,1.5'], '--keep-ratios'],
    [['--epochs', 'two'], '--epochs'],
    [['--epochs'], '--epochs'],
    [['--dataset', 'imagenet'], '--dataset'],
    [['--rng=mersenne'], '--rng'],
    [['--cells', 'data,backprop'], '--cells'],
    [['--seeds', '231,-1'], '--seeds'],
    [['--backend', 'tpu'], '--backend'],
  ])('%j is a usage error naming %s (exit 2)', async (args, flag) => {
    const result = await startCli([...args, '--cells', 'dropout-backward', '--out', join(work, 'runs')], work);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(flag);
    expect(result.stdout).toBe('');
  });

  it('creates no run folder for a usage error', async () => {
    await startCli(['--keep-ratios', '0', '--out', join(work, 'never')], work);
    expect(() => readdirSync(join(work, 'never'))).toThrow();
  });
});

describe('missing data', () => {
  it('names the missing --data folder and the fetch command', async () => {
    const missing = join(work, 'no-such-folder');
    const result = await startCli(['--data', missing, '--out', join(work, 'runs')], work);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(missing);
    expect(result.stderr).toMatch(/data:fetch|dropout-data fetch/);
  });

  it('names a $DROPOUT_DATA folder that does not exist', async () => {
    const missing = join(work, 'env-folder');
    const result = await startCli(['--out', join(work, 'runs')], work, undefined, cleanEnv({ DROPOUT_DATA: missing }));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`$DROPOUT_DATA: the folder ${missing} does not exist`);
  });

  it('says what --dataset cifar10 looked for when there is none', async () => {
    mkdirSync(join(work, 'empty'), { recursive: true });
    const result = await startCli(['--dataset', 'cifar10', '--out', join(work, 'runs')], join(work, 'empty'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(join(work, 'empty', 'data'));
    expect(result.stderr).toMatch(/data:fetch|dropout-data fetch/);
  });
});
