import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeLearnableCifarFolder } from '@dropout/data/testing';
import { UsageError } from '../cli/args.js';
import { describeSource, resolveDataSource } from './data-source.js';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'dropout-data-source-'));
  writeLearnableCifarFolder(join(root, 'with-cifar', 'data'), 2);
  mkdirSync(join(root, 'empty'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const auto = { dataset: 'auto' as const, dataDir: null };

describe('resolveDataSource', () => {
  it('falls back to the embedded MNIST digits, announcing how to fetch CIFAR-10', () => {
    const source = resolveDataSource(auto, {}, join(root, 'empty'));
    expect(source.kind).toBe('mnist');
    expect(describeSource(source)).toMatch(/embedded MNIST.*(data:fetch|dropout-data fetch)/);
  });

  it('finds CIFAR-10 in ./data', () => {
    expect(resolveDataSource(auto, {}, join(root, 'with-cifar'))).toEqual({
      kind: 'cifar10', dir: join(root, 'with-cifar', 'data', 'cifar-10-batches-bin'), foundVia: './data',
    });
  });

  it('prefers --data, then $DROPOUT_DATA, then $CIFAR10_DIR', () => {
    const there = join(root, 'with-cifar', 'data');
    const env = { DROPOUT_DATA: '/nonexistent-a', CIFAR10_DIR: '/nonexistent-b' };
    expect(resolveDataSource({ dataset: 'auto', dataDir: there }, env, root)).toMatchObject({ kind: 'cifar10', foundVia: '--data' });
    expect(resolveDataSource(auto, { CIFAR10_DIR: there }, join(root, 'empty'))).toMatchObject({ kind: 'cifar10', foundVia: '$CIFAR10_DIR' });
  });

  it('rejects a --data folder that does not exist or holds no CIFAR-10, naming it and the fetch command', () => {
    const missing = join(root, 'nope');
    expect(() => resolveDataSource({ dataset: 'auto', dataDir: missing }, {}, root)).toThrow(UsageError);
    expect(() => resolveDataSource({ dataset: 'auto', dataDir: missing }, {}, root)).toThrow(new RegExp(`${missing} does not exist.*fetch`));
    expect(() => resolveDataSource({ dataset: 'auto', dataDir: join(root, 'empty') }, {}, root)).toThrow(/holds no CIFAR-10/);
    const file = join(root, 'a-file');
    writeFileSync(file, 'not a folder');
    expect(() => resolveDataSource({ dataset: 'auto', dataDir: file }, {}, root)).toThrow(`--data: ${file} is a file, not a folder; give the folder that holds cifar-10-batches-py/ or cifar-10-batches-bin/`);
  });

  it('refuses --dataset cifar10 without CIFAR-10, and --data with --dataset mnist', () => {
    expect(() => resolveDataSource({ dataset: 'cifar10', dataDir: null }, {}, join(root, 'empty'))).toThrow(/--dataset cifar10: no CIFAR-10 in/);
    expect(() => resolveDataSource({ dataset: 'mnist', dataDir: root }, {}, root)).toThrow(/--dataset mnist/);
  });
});
