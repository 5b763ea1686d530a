import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { CIFAR10_BATCH_FILES, CIFAR10_FOLDERS, type Cifar10Format } from '../cifar/find-cifar10.js';
import { downloadVerified, OfflineError, type ProgressCallback } from './download.js';
import { extractTarSafely } from './extract.js';

/** The official archives and their published MD5 sums (https://www.cs.toronto.edu/~kriz/cifar.html). */
export const CIFAR10_ARCHIVES: Record<Cifar10Format, { url: string; md5: string; file: string }> = {
  bin: { url: 'https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz', md5: 'c32a1d4ab5d03f1284b67883e8d87530', file: 'cifar-10-binary.tar.gz' },
  py: { url: 'https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz', md5: 'c58f30108f718f92721af3b95e74349a', file: 'cifar-10-python.tar.gz' },
};

/** Written into the extracted folder once its archive passed the MD5 check. */
const MARKER = '.dropout-fetch.json';

/** Options of {@link fetchCifar10}. `url` and `md5` default to the official ones (tests inject their own). */
export interface FetchCifar10Options {
  dir: string;
  format?: Cifar10Format;
  url?: string;
  md5?: string;
  onProgress?: ProgressCallback;
  /** Keep the .tar.gz after extracting (default false). */
  keepArchive?: boolean;
  /** Download again even if a copy is there. */
  force?: boolean;
  timeoutMs?: number;
}

/**
 * What {@link fetchCifar10} did. `status`: 'present' (a copy was there), 'downloaded', or
 * 'extracted' (from a matching archive already in `dir`). `verified`: the copy comes from an
 * archive whose MD5 this package checked (false for a complete folder made by other tools).
 */
export interface FetchCifar10Result {
  folder: string;
  format: Cifar10Format;
  status: 'present' | 'downloaded' | 'extracted';
  verified: boolean;
  md5: string;
}

async function fileMd5(path: string): Promise<string> {
  const digest = createHash('md5');
  await pipeline(createReadStream(path), digest);
  return digest.digest('hex');
}

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

async function verifiedCopy(folder: string, format: Cifar10Format, md5: string): Promise<boolean> {
  const markerPath = join(folder, MARKER);
  if (!existsSync(markerPath)) return false;
  try {
    const marker = JSON.parse(await readFile(markerPath, 'utf8')) as { md5?: string; sizes?: Record<string, number> };
    return marker.md5 === md5 && CIFAR10_BATCH_FILES[format].every((f) => existsSync(join(folder, f)) && statSync(join(folder, f)).size === marker.sizes?.[f]);
  } catch {
    return false;
  }
}

/**
 * Downloads and extracts CIFAR-10 into `dir` (creating `cifar-10-batches-py/` or `-bin/`):
 * official URL, MD5-checked temp file renamed only after the check, extraction that refuses
 * entries outside `dir`. Skips everything when a verified copy is there; uses an archive already
 * in `dir` if its MD5 matches. Offline, throws an error with the manual steps.
 * @example
 *   const { folder } = await fetchCifar10({ dir: 'data', format: 'py', onProgress: (got, total) => {} });
 */
export async function fetchCifar10(options: FetchCifar10Options): Promise<FetchCifar10Result> {
  const format = options.format ?? 'py';
  if (format !== 'py' && format !== 'bin') throw new Error(`format must be 'py' or 'bin', got '${String(format)}'`);
  const official = CIFAR10_ARCHIVES[format];
  const url = options.url ?? official.url;
  const md5 = (options.md5 ?? official.md5).toLowerCase();
  const dir = resolve(options.dir);
  const folder = join(dir, CIFAR10_FOLDERS[format]);
  await mkdir(dir, { recursive: true });
  if (!options.force && (await verifiedCopy(folder, format, md5))) return { folder, format, status: 'present', verified: true, md5 };
  const complete = existsSync(folder) && CIFAR10_BATCH_FILES[format].every((f) => existsSync(join(folder, f)));
  if (!options.force && complete) return { folder, format, status: 'present', verified: false, md5 };

  const archive = join(dir, official.file);
  let status: FetchCifar10Result['status'] = 'extracted';
  if (options.force || !existsSync(archive) || (await fileMd5(archive)) !== md5) {
    try {
      await downloadVerified({ url, dest: archive, md5, onProgress: options.onProgress, timeoutMs: options.timeoutMs });
    } catch (err) {
      if (err instanceof OfflineError) throw new Error(`${err.message}.\n${manualSteps(format, url, md5, dir)}`, { cause: err });
      throw err;
    }
    status = 'downloaded';
  }

  const staging = join(dir, `.extract-${process.pid}-${Date.now()}`);
  try {
    await extractTarSafely(archive, staging);
    const extracted = join(staging, CIFAR10_FOLDERS[format]);
    const missing = CIFAR10_BATCH_FILES[format].filter((f) => !existsSync(join(extracted, f)));
    if (missing.length > 0) throw new Error(`${archive} does not contain ${CIFAR10_FOLDERS[format]}/${missing.join(', ')}; it is not the official ${format} archive`);
    const sizes = Object.fromEntries(CIFAR10_BATCH_FILES[format].map((f) => [f, statSync(join(extracted, f)).size]));
    await writeFile(join(extracted, MARKER), `${JSON.stringify({ url, md5, sizes, fetchedAt: new Date().toISOString() }, null, 2)}\n`);
    await rm(folder, { recursive: true, force: true });
    await rename(extracted, folder);
  } catch (err) {
    if (status === 'downloaded' && !options.keepArchive) await rm(archive, { force: true });
    throw err;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  if (!options.keepArchive) await rm(archive, { force: true });
  return { folder, format, status, verified: true, md5 };
}
