import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * A UTC timestamp that sorts by time and is safe in file names: `20250826-140322`.
 * @example
 *   runTimestamp(new Date('2025-08-26T14:03:22Z')); // '20250826-140322'
 */
export function runTimestamp(date: Date): string {
  const iso = date.toISOString(); // 2025-08-26T14:03:22.123Z
  return `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
}

/**
 * Creates `<outDir>/<timestamp>-<name>/` and returns its absolute path; a second run in the
 * same second gets `-2`, `-3`, … so no run overwrites another.
 * @example
 *   createRunFolder('runs', 'mnist', new Date()); // '/…/runs/20250826-140322-mnist'
 */
export function createRunFolder(outDir: string, name: string, date: Date): string {
  const base = join(resolve(outDir), `${runTimestamp(date)}-${name}`);
  makeFolders(resolve(outDir));
  for (let n = 1; ; n++) {
    const folder = n === 1 ? base : `${base}-${n}`;
    if (existsSync(folder)) continue;
    try {
      mkdirSync(folder);
      return folder;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/**
 * `mkdir -p`, one level at a time, so a failure carries the real cause: Node's recursive mkdir
 * reports ENOENT where the file system is read-only (EROFS) or a file is in the way.
 */
function makeFolders(path: string, ancestor = false): void {
  if (existsSync(path)) {
    if (!statSync(path).isDirectory()) throw Object.assign(new Error(`${path} is a file`), { code: ancestor ? 'ENOTDIR' : 'EEXIST' });
    return;
  }
  const parent = dirname(path);
  if (parent !== path) makeFolders(parent, true);
  try {
    mkdirSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(path).isDirectory()) throw error;
  }
}
