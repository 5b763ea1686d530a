import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { basename, dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { trackTemp } from './temp-files.js';

/** Called while bytes arrive; `totalBytes` is null when the server sent no length. */
export type ProgressCallback = (receivedBytes: number, totalBytes: number | null) => void;

/** Network failures that mean "cannot reach the server", as opposed to a bad answer. */
const OFFLINE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ETIMEDOUT', 'ENETDOWN']);

/** Defaults of {@link DownloadOptions}: 60 s without a byte, or under 10 KB/s over 60 s, ends a transfer. */
export const DOWNLOAD_DEFAULTS = { timeoutMs: 60_000, minBytesPerSecond: 10_000, rateWindowMs: 60_000 };

/** How {@link downloadVerified} fetches and when it gives up. */
export interface DownloadOptions {
  url: string;
  dest: string;
  md5: string;
  onProgress?: ProgressCallback;
  /** No answer or no byte for this long ends the transfer (default 60 s). */
  timeoutMs?: number;
  /** Fewer bytes per second than this, averaged over each `rateWindowMs`, ends the transfer (default 10,000; 0 disables). */
  minBytesPerSecond?: number;
  /** The window the rate is measured over (default 60 s). */
  rateWindowMs?: number;
}

/**
 * The server could not be reached at all (DNS, refused connection, no route, connect timeout).
 * @example
 *   try { await downloadVerified(opts); } catch (err) { if (err instanceof OfflineError) console.log(err.code); }
 */
export class OfflineError extends Error {
  constructor(
    readonly url: string,
    readonly code: string,
  ) {
    super(`Could not reach ${new URL(url).host} (${code}): this machine seems to be offline or the host is unreachable`);
    this.name = 'OfflineError';
  }
}

/**
 * The download finished but its MD5 differs from the published one (the file is deleted).
 * @example
 *   await fetchCifar10({ dir, md5: '0'.repeat(32) }); // throws ChecksumError
 */
export class ChecksumError extends Error {
  constructor(
    readonly url: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`MD5 mismatch for ${url}: expected ${expected}, got ${actual}; the download was corrupted and has been deleted, run the command again`);
    this.name = 'ChecksumError';
  }
}

function get(url: string, timeoutMs: number, redirects = 5): Promise<http.IncomingMessage> {
  return new Promise((resolvePromise, reject) => {
    const client = url.startsWith('https:') ? https : http;
    const request = client.get(url, (response) => {
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location) {
        response.resume();
        if (redirects === 0) return reject(new Error(`Too many redirects fetching ${url}`));
        return resolvePromise(get(new URL(response.headers.location, url).href, timeoutMs, redirects - 1));
      }
      if (status !== 200) {
        response.resume();
        return reject(new Error(`HTTP ${[status, response.statusMessage].filter(Boolean).join(' ')} for ${url}; check the URL (the official ones are listed by dropout-data --help)`));
      }
      resolvePromise(response);
    });
    // A server that accepts the connection and then says nothing is not "offline": its own error.
    request.setTimeout(timeoutMs, () => request.destroy(new Error(`${new URL(url).host} accepted the connection but sent no answer in ${timeoutMs / 1000} s; the server is overloaded or not a web server, try again later`)));
    request.on('error', (err: NodeJS.ErrnoException) => {
      reject(err.code && OFFLINE_CODES.has(err.code) ? new OfflineError(url, err.code) : err);
    });
  });
}

/** The underlying file-system error of a failed write, if that is what failed. */
export function fsCause(err: unknown): NodeJS.ErrnoException | null {
  for (let e = err as (NodeJS.ErrnoException & { cause?: unknown }) | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code === 'string' && typeof e.syscall === 'string') return e;
  }
  return null;
}

/**
 * Downloads `url` to `dest` through a temp file in the same folder, checking the byte count
 * against Content-Length and the MD5 against `md5`; renames only after both pass, and deletes
 * the temp file on any failure (and on SIGINT/SIGTERM). A transfer that stalls for `timeoutMs`
 * or drips slower than `minBytesPerSecond` is ended with an error saying so. Returns the MD5.
 * @example
 *   await downloadVerified({ url, dest: 'data/cifar-10-python.tar.gz', md5: 'c58f30108f718f92721af3b95e74349a' });
 */
export async function downloadVerified(options: DownloadOptions): Promise<string> {
  const { url, dest, md5, onProgress } = options;
  const { timeoutMs = DOWNLOAD_DEFAULTS.timeoutMs, minBytesPerSecond = DOWNLOAD_DEFAULTS.minBytesPerSecond, rateWindowMs = DOWNLOAD_DEFAULTS.rateWindowMs } = options;
  const temp = join(dirname(dest), `.${basename(dest)}.${process.pid}.${Date.now()}.part`);
  const untrack = trackTemp(temp);
  let rateTimer: ReturnType<typeof setInterval> | undefined;
  try {
    const response = await get(url, timeoutMs);
    const lengthHeader = response.headers['content-length'];
    const total = lengthHeader === undefined ? null : Number(lengthHeader);
    const digest = createHash('md5');
    let received = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        digest.update(chunk);
        received += chunk.length;
        onProgress?.(received, total);
        done(null, chunk);
      },
    });
    response.setTimeout(timeoutMs, () => response.destroy(new Error(`the transfer of ${url} stalled: no byte for ${timeoutMs / 1000} s`)));
    if (minBytesPerSecond > 0) {
      let windowStart = received;
      rateTimer = setInterval(() => {
        const rate = ((received - windowStart) * 1000) / rateWindowMs;
        windowStart = received;
        if (rate < minBytesPerSecond) {
          response.destroy(new Error(`the transfer of ${url} is too slow: ${rate.toFixed(1)} bytes/s over the last ${rateWindowMs / 1000} s, below the minimum of ${minBytesPerSecond} bytes/s (--min-rate, minBytesPerSecond, changes it; 0 turns it off)`));
        }
      }, rateWindowMs);
    }
    try {
      await pipeline(response, meter, createWriteStream(temp, { flags: 'wx' }));
    } catch (err) {
      const cause = fsCause(err);
      if (cause) {
        cause.path ??= temp;
        throw err;
      }
      throw new Error(`Download of ${url} broke off after ${received}${total === null ? '' : ` of ${total}`} bytes (${(err as Error).message}); nothing was kept, run the command again`, { cause: err });
    }
    if (total !== null && received !== total) {
      throw new Error(`Download of ${url} is truncated: received ${received} of ${total} bytes; nothing was kept, run the command again`);
    }
    const actual = digest.digest('hex');
    if (actual !== md5.toLowerCase()) throw new ChecksumError(url, md5, actual);
    await rename(temp, dest);
    return actual;
  } finally {
    clearInterval(rateTimer);
    await rm(temp, { force: true });
    untrack();
  }
}
