import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';

/** What {@link readRegularFile} expects of a file. */
export interface RegularFileSpec {
  /** Read as "a CIFAR-10 batch", "a .tar.gz archive", … in messages. */
  what: string;
  /** Larger files are refused before any byte is read. */
  maxBytes: number;
  /** The fix appended to every refusal, e.g. 'fetch CIFAR-10 again with: …'. */
  fix: string;
}

const MB = 1024 * 1024;
const size = (bytes: number) => (bytes >= 1024 * MB * 1024 ? `${(bytes / (1024 * 1024 * MB)).toFixed(1)} TiB` : bytes >= 1024 * MB ? `${(bytes / (1024 * MB)).toFixed(1)} GiB` : `${(bytes / MB).toFixed(1)} MiB`);

function kind(s: Awaited<ReturnType<typeof stat>>): string {
  if (s.isDirectory()) return 'a folder';
  if (s.isFIFO()) return 'a FIFO (named pipe)';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  if (s.isSocket()) return 'a socket';
  return 'not a regular file';
}

function fsError(path: string, err: NodeJS.ErrnoException, spec: RegularFileSpec): Error {
  const why = err.code === 'ENOENT' ? 'does not exist' : err.code === 'EACCES' || err.code === 'EPERM' ? 'cannot be read (permission denied)' : `cannot be read (${err.code ?? err.message})`;
  return new Error(`${path} ${why}; expected ${spec.what}. ${spec.fix}`, { cause: err });
}

/**
 * Reads a whole file, refusing — by name, before reading a byte — anything that is not a
 * regular file (a folder, a FIFO that would block forever, a symlink to `/dev/zero` that would
 * read forever) or is larger than `maxBytes` (a sparse 3 TB file). Bounded in time and memory.
 * @example
 *   const bytes = await readRegularFile('data/cifar-10-batches-bin/test_batch.bin', { what: 'a CIFAR-10 batch', maxBytes: 30_730_000, fix: '' });
 */
export async function readRegularFile(path: string, spec: RegularFileSpec): Promise<Uint8Array> {
  const before = await stat(path).catch((err: NodeJS.ErrnoException) => {
    throw fsError(path, err, spec);
  });
  if (!before.isFile()) throw new Error(`${path} is ${kind(before)}, not a regular file; expected ${spec.what}. ${spec.fix}`);
  if (before.size > spec.maxBytes) {
    throw new Error(`${path} is ${size(before.size)} (${before.size} bytes), larger than ${spec.what} can be (at most ${spec.maxBytes} bytes); it is not ${spec.what}. ${spec.fix}`);
  }
  // O_NONBLOCK: should the path have been swapped for a FIFO since the stat, open does not hang.
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK).catch((err: NodeJS.ErrnoException) => {
    throw fsError(path, err, spec);
  });
  try {
    const now = await handle.stat();
    if (!now.isFile() || now.size !== before.size) throw new Error(`${path} changed while it was being opened; expected ${spec.what}. ${spec.fix}`);
    const bytes = new Uint8Array(now.size);
    for (let at = 0; at < bytes.length; ) {
      const { bytesRead } = await handle.read(bytes, at, bytes.length - at, at);
      if (bytesRead === 0) throw new Error(`${path} shrank while it was being read (${at} of ${bytes.length} bytes); expected ${spec.what}. ${spec.fix}`);
      at += bytesRead;
    }
    return bytes;
  } finally {
    await handle.close();
  }
}
