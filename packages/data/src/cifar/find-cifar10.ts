import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CIFAR10_BATCH_FILES, CIFAR10_FOLDERS, CIFAR10_META_FILES, type Cifar10Format } from './cifar10-files.js';

/** Where a CIFAR-10 folder was found and which of its batch files are missing. */
export interface Cifar10Location {
  folder: string;
  format: Cifar10Format;
  missing: string[];
}

const isDir = (path: string) => existsSync(path) && statSync(path).isDirectory();

function inspect(folder: string, format: Cifar10Format): Cifar10Location {
  return { folder, format, missing: CIFAR10_BATCH_FILES[format].filter((f) => !existsSync(join(folder, f))) };
}

function looksLike(folder: string, format: Cifar10Format): boolean {
  if (basename(folder) === CIFAR10_FOLDERS[format]) return true;
  return [...CIFAR10_BATCH_FILES[format], CIFAR10_META_FILES[format]].some((f) => existsSync(join(folder, f)));
}

/**
 * Finds CIFAR-10 in `dir` (the batches folder itself or its parent), detecting the format;
 * null when there is none. When both formats are there, the complete one wins, Python first.
 * @example
 *   const found = findCifar10('data'); // { folder: '/…/data/cifar-10-batches-py', format: 'py', missing: [] }
 */
export function findCifar10(dir: string): Cifar10Location | null {
  const root = resolve(dir);
  if (!isDir(root)) return null;
  for (const format of ['bin', 'py'] as const) {
    if (looksLike(root, format)) return inspect(root, format);
  }
  const candidates = (['py', 'bin'] as const)
    .filter((format) => isDir(join(root, CIFAR10_FOLDERS[format])))
    .map((format) => inspect(join(root, CIFAR10_FOLDERS[format]), format));
  return candidates.find((c) => c.missing.length === 0) ?? candidates[0] ?? null;
}

/**
 * The command that downloads CIFAR-10 of `format` next to (or into) `dir`, for error messages.
 * @example
 *   fetchCommand('bin', '/d/cifar-10-batches-bin'); // 'npx dropout-data fetch --format bin --dir "/d" (…)'
 */
export function fetchCommand(format: Cifar10Format, dir: string): string {
  const root = resolve(dir);
  const parent = Object.values(CIFAR10_FOLDERS).includes(basename(root)) ? dirname(root) : root;
  return `npx dropout-data fetch --format ${format} --dir ${JSON.stringify(parent)} (in the dropout repository: pnpm data:fetch --format ${format} --dir ${JSON.stringify(parent)})`;
}
