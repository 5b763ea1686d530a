// Extracting a checked archive into a folder, and telling later whether the folder still holds
// exactly what the archive held (the `.dropout-fetch.json` marker with each batch's SHA-256).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gunzip } from '../archive/gunzip.js';
import { readTar } from '../archive/tar-reader.js';
import { CIFAR10_BATCH_FILES, CIFAR10_FOLDERS, type Cifar10Format } from '../cifar/cifar10-files.js';
import { readRegularFile } from '../read-regular-file.js';

/** Written into the extracted folder: the archive's MD5 and the SHA-256 of each batch it held. */
export const FETCH_MARKER = '.dropout-fetch.json';
const MAX_BATCH_BYTES = 64 * 1024 * 1024;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Whether `folder` holds exactly what an MD5-checked archive held: its marker names `md5` and
 * every batch file still has the SHA-256 recorded at extraction. Null when there is no marker.
 * @example
 *   await checkFetchedCopy('data/cifar-10-batches-py', 'py'); // { md5: 'c58f…', intact: true }
 */
export async function checkFetchedCopy(folder: string, format: Cifar10Format): Promise<{ md5: string; intact: boolean } | null> {
  const markerPath = join(folder, FETCH_MARKER);
  if (!existsSync(markerPath)) return null;
  let marker: { md5?: unknown; sha256?: Record<string, unknown> };
  try {
    marker = JSON.parse(await readFile(markerPath, 'utf8')) as typeof marker;
  } catch {
    return { md5: '', intact: false };
  }
  const md5 = typeof marker.md5 === 'string' ? marker.md5 : '';
  for (const file of CIFAR10_BATCH_FILES[format]) {
    const bytes = await readRegularFile(join(folder, file), { what: 'a CIFAR-10 batch', maxBytes: MAX_BATCH_BYTES, fix: '' }).catch(() => null);
    if (!bytes || marker.sha256?.[file] !== sha256(bytes)) return { md5, intact: false };
  }
  return { md5, intact: true };
}

/** Writes every byte to a new file (0644) and fsyncs it. */
export async function writeAll(path: string, bytes: Uint8Array): Promise<void> {
  const handle = await open(path, 'wx', 0o644);
  try {
    for (let at = 0; at < bytes.length; ) at += (await handle.write(bytes, at, bytes.length - at)).bytesWritten;
    await handle.sync();
  } catch (err) {
    (err as NodeJS.ErrnoException).path ??= path;
    throw err;
  } finally {
    await handle.close();
  }
}

/** Unpacks the (already MD5-checked) archive in memory into `staging`; plain modes, so no setuid/setgid/sticky bit survives. */
export async function extract(bytes: Uint8Array, archive: string, format: Cifar10Format, staging: string): Promise<Record<string, string>> {
  const { files, dirs } = readTar(await gunzip(bytes, archive), archive);
  const folder = CIFAR10_FOLDERS[format];
  const missing = CIFAR10_BATCH_FILES[format].filter((f) => !files.has(`${folder}/${f}`));
  if (missing.length > 0) throw new Error(`${archive} does not contain ${folder}/${missing.join(', ')}; it is not the official ${format} archive`);
  for (const dir of dirs) await mkdir(join(staging, dir), { recursive: true, mode: 0o755 });
  for (const [path, data] of files) {
    await mkdir(dirname(join(staging, path)), { recursive: true, mode: 0o755 });
    await writeAll(join(staging, path), data);
  }
  return Object.fromEntries(CIFAR10_BATCH_FILES[format].map((f) => [f, sha256(files.get(`${folder}/${f}`)!)]));
}

