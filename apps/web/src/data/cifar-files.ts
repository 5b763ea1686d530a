import { CIFAR10_ARCHIVES, loadCifar10FromArchive, loadCifar10FromBatches, type Cifar10Raw } from '@dropout/data';

/** CIFAR-10 read in the page, and how far it could be checked. */
export interface CifarFromFiles {
  raw: Cifar10Raw;
  /** One sentence for the page: what was read and whether it is the official archive. */
  note: string;
}

const isArchive = (f: File) => /\.(tar\.gz|tgz)$/i.test(f.name);

/**
 * CIFAR-10 from files the reader chose or dropped, read in the page (never uploaded): the
 * official `cifar-10-binary.tar.gz` or `cifar-10-python.tar.gz` (checked against the official
 * MD5s; an archive in the same format that is not the official one is read too and said to be
 * unverified), or the extracted batch files of either format. A wrong or damaged file is an
 * error naming it and the fix.
 * @example
 *   const { raw, note } = await cifarFromFiles([...input.files]);
 */
export async function cifarFromFiles(files: File[]): Promise<CifarFromFiles> {
  const archives = files.filter(isArchive);
  if (archives.length > 1 || (archives.length === 1 && files.length > 1)) {
    throw new Error(`Give one CIFAR-10 archive or the batch files, not ${files.map((f) => f.name).join(', ')} together`);
  }
  if (archives.length === 1) return fromArchive(archives[0]!);
  const raw = await loadCifar10FromBatches(new Map(files.map((f) => [f.name, f])), { source: `files chosen in the page (${files.map((f) => f.name).join(', ')})` });
  return { raw, note: `the ${raw.format === 'bin' ? 'binary' : 'Python'} batch files` };
}

async function fromArchive(file: File): Promise<CifarFromFiles> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    const raw = await loadCifar10FromArchive(bytes, { name: file.name, source: `${file.name} (official archive, MD5 checked)` });
    return { raw, note: `${file.name}, the official archive (MD5 checked)` };
  } catch (error) {
    if (!/^MD5 mismatch/.test((error as Error).message)) throw error;
  }
  // Not the official file: read it only if it is a sound archive in the CIFAR-10 layout.
  const official = `${CIFAR10_ARCHIVES.bin.md5} binary, ${CIFAR10_ARCHIVES.py.md5} Python`;
  try {
    const raw = await loadCifar10FromArchive(bytes, { name: file.name, md5: false, source: `${file.name} (not the official archive: MD5 differs)` });
    return { raw, note: `${file.name}: not the official archive (its MD5 is neither of the official sums, ${official}), read as an archive in the CIFAR-10 format` };
  } catch (error) {
    throw new Error(`${file.name} is not the official CIFAR-10 archive (MD5 differs from ${official}) and cannot be read: ${(error as Error).message}`);
  }
}
