import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileWriteError, writeFileAtomic, type AtomicWriteFs } from './index.js';
import { mountTestsSkipped, mountTmpfs, type Tmpfs } from '@dropout/tmpfs';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dropout-atomic-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Node's fs, except that every write takes at most `chunk` bytes (as a nearly full disk or a pipe does). */
function shortWrites(chunk: number, failAfter = Number.POSITIVE_INFINITY): AtomicWriteFs & { calls: number } {
  let total = 0;
  const shim = {
    ...fs,
    calls: 0,
    writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number {
      shim.calls++;
      if (total >= failAfter) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      const n = fs.writeSync(fd, buffer, offset, Math.min(chunk, length, failAfter - total));
      total += n;
      return n;
    },
  };
  return shim;
}

describe('writeFileAtomic', () => {
  it('replaces the file in one step and leaves no temp file behind', () => {
    const path = join(dir, 'record.json');
    writeFileSync(path, 'old');
    writeFileAtomic(path, '{"new":true}');
    expect(readFileSync(path, 'utf8')).toBe('{"new":true}');
    expect(readdirSync(dir)).toEqual(['record.json']);
  });

  it('continues short writes until every byte is written (issue 14.1)', () => {
    const path = join(dir, 'record.json');
    const text = 'x'.repeat(20_000);
    const shim = shortWrites(4096);
    writeFileAtomic(path, text, shim);
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(shim.calls).toBe(5); // 4 × 4096 + 3616
  });

  it('keeps the old file and removes the temp file when a write fails part-way', () => {
    const path = join(dir, 'record.json');
    writeFileSync(path, 'the good record');
    expect(() => writeFileAtomic(path, 'y'.repeat(20_000), shortWrites(4096, 8192))).toThrow(
      `Cannot write ${path}: no space left on the device (ENOSPC)`,
    );
    expect(readFileSync(path, 'utf8')).toBe('the good record');
    expect(readdirSync(dir)).toEqual(['record.json']);
  });

  it('refuses to loop forever on a write that makes no progress', () => {
    const stuck = { ...fs, writeSync: () => 0 } as AtomicWriteFs;
    expect(() => writeFileAtomic(join(dir, 'a.json'), 'abc', stuck)).toThrow(/no space left on the device \(ENOSPC\)/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('leaves a folder in the way intact, names the path and the cause', () => {
    const path = join(dir, 'a-folder');
    fs.mkdirSync(path);
    writeFileSync(join(path, 'inner.txt'), 'x');
    const error = (() => { try { writeFileAtomic(path, 'cannot replace a folder'); } catch (e) { return e; } })();
    expect(error).toBeInstanceOf(FileWriteError);
    expect((error as FileWriteError).message).toMatch(new RegExp(`^Cannot write ${path}: it is a folder, not a file \\(EISDIR\\)$`));
    expect(readdirSync(dir)).toEqual(['a-folder']);
    expect(readFileSync(join(path, 'inner.txt'), 'utf8')).toBe('x');
  });

  it('names a missing folder and a path under a file', () => {
    expect(() => writeFileAtomic(join(dir, 'no', 'such', 'x.json'), '{}')).toThrow(/no such file or folder \(ENOENT\)/);
    writeFileSync(join(dir, 'file'), '');
    expect(() => writeFileAtomic(join(dir, 'file', 'x.json'), '{}')).toThrow(/a part of the path is a file, not a folder \(ENOTDIR\)/);
  });
});

describe.skipIf(mountTestsSkipped)('writeFileAtomic on a real full or read-only disk (a 64 KiB tmpfs)', () => {
  let disk: Tmpfs;
  beforeEach(() => {
    disk = mountTmpfs('64k');
  });
  afterEach(() => disk.unmount());

  it('fails with ENOSPC instead of truncating, and keeps the earlier good record (issue 14.1)', () => {
    const path = join(disk.dir, 'record.json');
    const good = `${JSON.stringify({ loss: Array.from({ length: 1500 }, (_, i) => i / 7) })}\n`;
    writeFileAtomic(path, good);
    expect(readFileSync(path, 'utf8')).toBe(good);
    // Fill the disk to a few KiB free, then try a 20 KB record.
    writeFileSync(join(disk.dir, 'ballast'), Buffer.alloc(64 * 1024 - good.length - 8 * 1024 - 4096));
    const big = `${JSON.stringify({ big: 'z'.repeat(20_000) })}\n`;
    expect(() => writeFileAtomic(path, big)).toThrow(`Cannot write ${path}: no space left on the device (ENOSPC)`);
    expect(readFileSync(path, 'utf8')).toBe(good);
    expect(readdirSync(disk.dir).sort()).toEqual(['ballast', 'record.json']);
    JSON.parse(readFileSync(path, 'utf8'));
  });

  it('fails with EROFS on a read-only mount, naming it, and changes nothing', () => {
    const path = join(disk.dir, 'record.json');
    writeFileAtomic(path, 'good');
    disk.readOnly();
    expect(() => writeFileAtomic(path, 'new')).toThrow(`Cannot write ${path}: the file system is read-only (EROFS)`);
    expect(readFileSync(path, 'utf8')).toBe('good');
  });
});
