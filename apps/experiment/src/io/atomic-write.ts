import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';

let counter = 0;

/**
 * Writes `contents` to `path` atomically: a temp file in the same folder, flushed, then renamed
 * over the target, so readers see the old file or the new one and never half of one.
 * @example
 *   writeFileAtomic('runs/x/record.json', JSON.stringify(record));
 */
export function writeFileAtomic(path: string, contents: string | Uint8Array): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${process.pid}.${counter++}.tmp`);
  try {
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, typeof contents === 'string' ? Buffer.from(contents, 'utf8') : contents);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
