import * as nodeFs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { FileWriteError } from './fs-error.js';

/** The file-system calls {@link writeFileAtomic} makes; tests pass one that fails on purpose. */
export interface AtomicWriteFs {
  openSync(path: string, flags: string, mode?: number): number;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  unlinkSync(path: string): void;
}

let counter = 0;
// Folders cannot be fsynced everywhere (Windows); their data is on disk once the rename returns.
const DIR_SYNC_UNSUPPORTED = new Set(['EISDIR', 'EINVAL', 'EPERM', 'ENOTSUP', 'EBADF', 'EACCES']);

/**
 * Writes `contents` to `path` so that readers see the old file or the new one, never part of
 * one: a new temp file in the same folder, every byte written (short writes are continued),
 * fsynced, renamed over `path`, then the folder fsynced. On any error the temp file is
 * removed, the old `path` is left as it was, and a {@link FileWriteError} names the path and
 * the cause in words (`no space left on the device (ENOSPC)`). The folder must exist.
 * @example
 *   writeFileAtomic('runs/x/record.json', JSON.stringify(record));
 */
export function writeFileAtomic(path: string, contents: string | Uint8Array, fs: AtomicWriteFs = nodeFs): void {
  const bytes = typeof contents === 'string' ? Buffer.from(contents, 'utf8') : contents;
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${counter++}.tmp`);
  let fd: number | null = null;
  let created = false;
  try {
    fd = fs.openSync(temp, 'wx', 0o666);
    created = true;
    for (let offset = 0; offset < bytes.length; ) {
      const written = fs.writeSync(fd, bytes, offset, bytes.length - offset);
      if (!(written > 0)) throw Object.assign(new Error(`wrote 0 of ${bytes.length - offset} remaining bytes`), { code: 'ENOSPC' });
      offset += written;
    }
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    fs.renameSync(temp, path);
    created = false;
  } catch (error) {
    if (fd !== null) {
      try { fs.closeSync(fd); } catch { /* already failing; the original error is the one to report */ }
    }
    if (created) {
      try { fs.unlinkSync(temp); } catch { /* nothing more can be done about a temp file that cannot be removed */ }
    }
    throw new FileWriteError(path, error);
  }
  syncFolder(dir, fs);
}

function syncFolder(dir: string, fs: AtomicWriteFs): void {
  let fd: number;
  try {
    fd = fs.openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fs.fsyncSync(fd);
  } catch (error) {
    if (!DIR_SYNC_UNSUPPORTED.has((error as NodeJS.ErrnoException).code ?? '')) throw new FileWriteError(dir, error);
  } finally {
    fs.closeSync(fd);
  }
}
