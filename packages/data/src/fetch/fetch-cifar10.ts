import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { gunzip } from '../archive/gunzip.js';
import { readTar } from '../archive/tar-reader.js';
import { CIFAR10_ARCHIVES, CIFAR10_BATCH_FILES, CIFAR10_FOLDERS, type Cifar10Format } from '../cifar/cifar10-files.js';
import { readRegularFile } from '../read-regular-file.js';
import { asDirError } from './dir-error.js';
import { downloadVerified, OfflineError, type DownloadOptions } from './download.js';
import { removeStaleTemps, trackTemp } from './temp-files.js';

/** Written into the extracted folder: the archive's MD5 and the SHA-256 of each batch it held. */
export const FETCH_MARKER = '.dropout-fetch.json';
const MAX_ARCHIVE_BYTES = 256 * 1024 * 1024;

/** Options of {@link fetchCifar10}. `url` and `md5` default to the official ones (tests inject their own). */
export interface FetchCifar10Options extends Pick<DownloadOptions, 'onProgress' | 'timeoutMs' | 'minBytesPerSecond' | 'rateWindowMs'> {
  dir: string;
  format?: Cifar10Format;
  url?: string;
  md5?: string;
  /** Keep the .tar.gz after extracting (default false). */
  keepArchive?: boolean;
  /** Download again even if a copy is there. */
  force?: boolean;
}

/**
 * What {@link fetchCifar10} did. `status`: 'present' (a copy was there), 'downloaded', or
 * 'extracted' (from a matching archive already in `dir`). `verified`: every batch file has the
 * SHA-256 it had in an archive whose MD5 was checked (false for a folder made by other tools).
 */
export interface FetchCifar10Result {
  folder: string;
  format: Cifar10Format;
  status: 'present' | 'downloaded' | 'extracted';
  verified: boolean;
  md5: string;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const md5Of = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');

function manualSteps(format: Cifar10Format, url: string, md5: string, dir: string): string {
  const file = CIFAR10_ARCHIVES[format].file;
  return [
    'To install CIFAR-10 by hand:',
    `  1. On a machine with internet access, download ${url}`,
    `  2. Check it: md5sum ${file}   (must print ${md5})`,
    `  3. Copy it into ${dir} and run this command again (it verifies and extracts it without downloading),`,
    `     or extract it yourself: tar -xzf ${file} -C ${JSON.stringify(dir)}   (creates ${CIFAR10_FOLDERS[format]}/)`,
  ].join('\n');
}

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
    const bytes = await readRegularFile(join(folder, file), { what: 'a CIFAR-10 batch', maxBytes: MAX_ARCHIVE_BYTES, fix: '' }).catch(() => null);
    if (!bytes || marker.sha256?.[file] !== sha256(bytes)) return { md5, intact: false };
  }
  return { md5, intact: true };
}

async function writeAll(path: string, bytes: Uint8Array): Promise<void> {
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
async function extract(bytes: Uint8Array, archive: string, format: Cifar10Format, staging: string): Promise<Record<string, string>> {
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

const readArchive = (path: string) => readRegularFile(path, { what: 'a CIFAR-10 .tar.gz archive', maxBytes: MAX_ARCHIVE_BYTES, fix: 'Delete it and run the command again.' });

/**
 * Downloads and extracts CIFAR-10 into `dir` (creating `cifar-10-batches-py/` or `-bin/`):
 * official URL, MD5-checked temp file renamed only after the check, extraction that refuses
 * entries outside `dir`. Skips everything when a verified copy is there; uses an archive already
 * in `dir` if its MD5 matches. Temp files are removed on failure, on SIGINT/SIGTERM, and (left
 * by a killed process) on the next run. Offline, throws an error with the manual steps; a
 * folder that cannot be written throws a {@link FetchDirError}.
 * @example
 *   const { folder } = await fetchCifar10({ dir: 'data', format: 'py', onProgress: (got, total) => {} });
 */
export async function fetchCifar10(options: FetchCifar10Options): Promise<FetchCifar10Result> {
  const format = options.format ?? 'py';
  if (format !== 'py' && format !== 'bin') throw new Error(`format must be 'py' or 'bin', got '${String(format)}'`);
  const official = CIFAR10_ARCHIVES[format];
  const url = options.url ?? official.url;
  const md5 = (options.md5 ?? official.md5).toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(md5)) throw new Error(`md5 must be 32 hexadecimal digits, got '${options.md5}'`);
  const dir = resolve(options.dir);
  const folder = join(dir, CIFAR10_FOLDERS[format]);
  try {
    await makeDir(dir);
    removeStaleTemps(dir);
    return await fetchInto(dir, folder, format, url, md5, options);
  } catch (err) {
    throw asDirError(err, dir);
  }
}

/**
 * `mkdir -p` that reports the real cause: Node's recursive mkdir says ENOENT on a read-only
 * mount, so on failure the first missing folder is created on its own to get the true error.
 */
async function makeDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    let missing = dir;
    while (!existsSync(dirname(missing)) && dirname(missing) !== missing) missing = dirname(missing);
    await mkdir(missing);
    throw err;
  }
}

async function fetchInto(dir: string, folder: string, format: Cifar10Format, url: string, md5: string, options: FetchCifar10Options): Promise<FetchCifar10Result> {
  const copy = options.force ? null : await checkFetchedCopy(folder, format);
  if (copy?.intact && copy.md5 === md5) return { folder, format, status: 'present', verified: true, md5 };
  // A folder this tool fetched whose files changed since is fetched again; one made by other tools is left alone.
  const complete = existsSync(folder) && CIFAR10_BATCH_FILES[format].every((f) => existsSync(join(folder, f)));
  if (!options.force && copy === null && complete) return { folder, format, status: 'present', verified: false, md5 };

  const archive = join(dir, CIFAR10_ARCHIVES[format].file);
  let status: FetchCifar10Result['status'] = 'extracted';
  // An archive already in `dir` is used when its MD5 matches; otherwise it is downloaded (and checked) again.
  let bytes = !options.force && existsSync(archive) ? await readArchive(archive).catch(() => null) : null;
  if (!bytes || md5Of(bytes) !== md5) {
    try {
      await downloadVerified({ ...options, url, dest: archive, md5 });
    } catch (err) {
      if (err instanceof OfflineError) throw new Error(`${err.message}.\n${manualSteps(format, url, md5, dir)}`, { cause: err });
      throw err;
    }
    status = 'downloaded';
    bytes = await readArchive(archive);
    if (md5Of(bytes) !== md5) throw new Error(`${archive} changed after its download was checked; run the command again`);
  }

  const staging = join(dir, `.extract-${process.pid}-${Date.now()}`);
  const untrack = trackTemp(staging);
  try {
    const sha = await extract(bytes, archive, format, staging);
    const extracted = join(staging, CIFAR10_FOLDERS[format]);
    await writeAll(join(extracted, FETCH_MARKER), new TextEncoder().encode(`${JSON.stringify({ url, md5, sha256: sha, fetchedAt: new Date().toISOString() }, null, 2)}\n`));
    await rm(folder, { recursive: true, force: true });
    await rename(extracted, folder);
  } catch (err) {
    if (status === 'downloaded' && !options.keepArchive) await rm(archive, { force: true });
    throw err;
  } finally {
    await rm(staging, { recursive: true, force: true });
    untrack();
  }
  if (!options.keepArchive) await rm(archive, { force: true });
  return { folder, format, status, verified: true, md5 };
}
