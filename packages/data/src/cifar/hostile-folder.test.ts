import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeCifarFolder } from '../testing.js';
import { loadCifar10 } from './load-cifar10.js';

// Real special files in place of a batch: each is refused by name before a byte is read, so
// these finish in milliseconds and use no memory (a /dev/zero read would never end, a FIFO
// with no writer would block forever).
const root = mkdtempSync(join(tmpdir(), 'dropout-hostile-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const sparse = (path: string, size: number) => {
  writeFileSync(path, '');
  truncateSync(path, size);
};

function folderWith(name: string, replace: (path: string) => void): string {
  const dir = join(root, name);
  const folder = writeCifarFolder(dir, 'bin', 2, 2);
  const victim = join(folder, 'data_batch_3.bin');
  unlinkSync(victim);
  replace(victim);
  return victim;
}

describe('loadCifar10 refuses what is not a regular batch file, by name', () => {
  it.each([
    ['a symlink to /dev/zero', (p: string) => symlinkSync('/dev/zero', p), 'is a character device, not a regular file'],
    ['a FIFO', (p: string) => execFileSync('mkfifo', [p]), 'is a FIFO (named pipe), not a regular file'],
    ['a folder', (p: string) => mkdirSync(p), 'is a folder, not a regular file'],
    ['a sparse 3 TB file', (p: string) => sparse(p, 3 * 1024 ** 4), 'is 3.0 TiB (3298534883328 bytes), larger than a CIFAR-10 bin batch can be (at most 30730000 bytes)'],
    ['a sparse 2.5 GiB file', (p: string) => sparse(p, 2.5 * 1024 ** 3), 'is 2.5 GiB (2684354560 bytes), larger than a CIFAR-10 bin batch can be'],
  ])('%s', async (name, replace, message) => {
    const victim = folderWith(name.replace(/\W+/g, '-'), (p) => replace(p));
    const started = Date.now();
    const failure = loadCifar10(join(victim, '..'));
    await expect(failure).rejects.toThrow(`${victim} ${message}`);
    await expect(failure).rejects.toThrow(/Download it again with: npx dropout-data fetch --format bin/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reports a dangling symlink as the missing batch it is', async () => {
    const victim = folderWith('dangling', (p) => symlinkSync(join(root, 'nowhere'), p));
    await expect(loadCifar10(join(victim, '..'))).rejects.toThrow(`CIFAR-10 folder ${join(victim, '..')} is missing data_batch_3.bin. Download it again with:`);
  });
});
