import { fsCause } from './download.js';

const REASONS: Record<string, string> = {
  EEXIST: 'a file is in the way (the path, or a folder on it, is a file)',
  ENOTDIR: 'a file is in the way (a folder on the path is a file)',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full (CIFAR-10 needs about 170 MB for the archive and 185 MB extracted)',
  EDQUOT: 'the disk quota is exhausted (CIFAR-10 needs about 355 MB)',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

/**
 * The folder `fetchCifar10` writes into cannot hold the data: a file in the way, a read-only
 * mount, a full disk, no permission. Nothing was left behind. The CLI reports it as a usage
 * error (exit 2), naming `--dir`.
 * @example
 *   try { await fetchCifar10({ dir: '/ro' }); } catch (err) { if (err instanceof FetchDirError) console.log(err.code); }
 */
export class FetchDirError extends Error {
  override name = 'FetchDirError';
  constructor(
    readonly dir: string,
    readonly code: string,
    readonly path: string,
    options?: ErrorOptions,
  ) {
    super(`cannot write CIFAR-10 into ${dir}: ${REASONS[code] ?? code} (${code} at ${path}); choose another folder or free the space`, options);
  }
}

/** `err` as a {@link FetchDirError} when a write into `dir` failed for a reason the user must fix, else `err`. */
export function asDirError(err: unknown, dir: string): unknown {
  const cause = fsCause(err);
  if (!cause || !(cause.code! in REASONS)) return err;
  return new FetchDirError(dir, cause.code!, cause.path ?? dir, { cause: err });
}
