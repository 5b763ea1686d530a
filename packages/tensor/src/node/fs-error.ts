const CAUSES: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a file is in the way',
  EISDIR: 'it is a folder, not a file',
  ENOENT: 'no such file or folder',
  ENAMETOOLONG: 'the path is too long',
  EMFILE: 'too many open files',
  EIO: 'an input/output error from the device',
  ELOOP: 'too many symbolic links in the path',
};

/**
 * The cause of a file-system error in words, with its code: `no space left on the device (ENOSPC)`.
 * Falls back to the error's own message for codes it does not know.
 * @example
 *   fsErrorCause(Object.assign(new Error('x'), { code: 'EROFS' })); // 'the file system is read-only (EROFS)'
 */
export function fsErrorCause(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code && CAUSES[code]) return `${CAUSES[code]} (${code})`;
  if (error instanceof FileWriteError) return error.reason;
  return (error as Error | null)?.message ?? String(error);
}

/** A file could not be written; `code` is the system's (ENOSPC, EROFS, …), `path` the target. */
export class FileWriteError extends Error {
  override name = 'FileWriteError';
  readonly code: string | undefined;
  /** The cause in words, as {@link fsErrorCause} gives it. */
  readonly reason: string;

  constructor(readonly path: string, error: unknown) {
    const cause = fsErrorCause(error);
    super(`Cannot write ${path}: ${cause}`);
    this.code = (error as NodeJS.ErrnoException | null)?.code;
    this.reason = cause;
  }
}
