import { gunzip } from '../archive/gunzip.js';
import { readTar } from '../archive/tar-reader.js';
import { toBytes, type BytesSource } from '../bytes-source.js';
import { Md5 } from '../hash/md5.js';
import type { ImageDataset, SplitOptions } from '../preprocess.js';
import { CIFAR10_ARCHIVES, CIFAR10_FOLDERS } from './cifar10-files.js';
import { cifar10Splits, loadCifar10FromBatches, type Cifar10Raw, type Cifar10ReadOptions } from './from-batches.js';

/** Options of {@link loadCifar10FromArchive}. */
export interface Cifar10ArchiveOptions extends Cifar10ReadOptions {
  /**
   * The MD5 the archive must have. Default: either official sum (`cifar-10-python.tar.gz`
   * or `cifar-10-binary.tar.gz`); `false` skips the check (an archive you made yourself).
   */
  md5?: string | false;
  /** Name used in messages (default 'the CIFAR-10 archive'). */
  name?: string;
}

/**
 * Checks an archive held in memory against the expected MD5 (see {@link Cifar10ArchiveOptions.md5})
 * and returns its sum. Throws naming `name`, both sums and the fix.
 * @example
 *   verifyArchiveMd5(bytes, 'cifar-10-python.tar.gz'); // 'c58f30108f718f92721af3b95e74349a'
 */
export function verifyArchiveMd5(bytes: Uint8Array, name: string, md5?: string | false): string {
  const actual = new Md5().update(bytes).digest();
  if (md5 === false) return actual;
  const allowed = md5 ? [md5.toLowerCase()] : [CIFAR10_ARCHIVES.py.md5, CIFAR10_ARCHIVES.bin.md5];
  if (!allowed.includes(actual)) {
    const expected = md5 ? `expected ${md5.toLowerCase()}` : `expected one of the official sums (${CIFAR10_ARCHIVES.py.md5} Python, ${CIFAR10_ARCHIVES.bin.md5} binary)`;
    throw new Error(`MD5 mismatch for ${name}: ${expected}, got ${actual}; the download is corrupt or not the official archive (pass md5: false to read an archive you made)`);
  }
  return actual;
}

/**
 * The official `cifar-10-python.tar.gz` or `cifar-10-binary.tar.gz`, unpacked in memory (no
 * file system: works in a page): MD5-checked, gunzipped with `DecompressionStream`, read by a
 * tar reader that refuses unsafe entries, then {@link loadCifar10FromBatches}.
 * @example
 *   const raw = await loadCifar10FromArchive(await fetch('/cifar-10-python.tar.gz'));
 *   raw.yTrain.length; // 50000
 */
export async function loadCifar10FromArchive(archive: BytesSource, options: Cifar10ArchiveOptions = {}): Promise<Cifar10Raw> {
  const name = options.name ?? 'the CIFAR-10 archive';
  const bytes = await toBytes(archive, name);
  verifyArchiveMd5(bytes, name, options.md5);
  const { files } = readTar(await gunzip(bytes, name), name);
  const batches = new Map<string, Uint8Array>();
  for (const folder of Object.values(CIFAR10_FOLDERS)) {
    for (const [path, data] of files) if (path.startsWith(`${folder}/`) && !path.slice(folder.length + 1).includes('/')) batches.set(path, data);
  }
  if (batches.size === 0) throw new Error(`${name} holds no ${CIFAR10_FOLDERS.py}/ or ${CIFAR10_FOLDERS.bin}/ folder; it is not a CIFAR-10 archive`);
  return loadCifar10FromBatches(batches, { ...options, source: options.source ?? name });
}

/**
 * The official archive → the course's splits in one call.
 * @example
 *   const data = await getCifar10DataFromArchive(await fetch('/cifar-10-python.tar.gz'), { dtype: 'float32' });
 *   data.XTrain.shape; // [49000, 3, 32, 32]
 */
export async function getCifar10DataFromArchive(archive: BytesSource, options: SplitOptions & Cifar10ArchiveOptions = {}): Promise<ImageDataset & { classNames: string[] }> {
  return cifar10Splits(await loadCifar10FromArchive(archive, options), options);
}
