import { parseArgs } from 'node:util';
import { CIFAR10_ARCHIVES } from '../cifar/cifar10-files.js';
import { loadCifar10 } from '../cifar/load-cifar10.js';
import { FetchDirError } from '../fetch/dir-error.js';
import { DOWNLOAD_DEFAULTS } from '../fetch/download.js';
import { checkFetchedCopy, fetchCifar10 } from '../fetch/fetch-cifar10.js';
import { createProgressBar } from '../fetch/progress-bar.js';

const USAGE = `dropout-data: CIFAR-10 for the @dropout packages

Usage:
  dropout-data fetch [--format py|bin] [--dir DIR] [--url URL] [--md5 HEX] [--keep-archive] [--force]
                     [--timeout SECONDS] [--min-rate BYTES_PER_S]
      Downloads the official archive (default format py, dir ./data), checks its MD5,
      extracts DIR/cifar-10-batches-py (or -bin). Does nothing when a verified copy is there.
      A transfer ends with an error after --timeout s without a byte (default ${DOWNLOAD_DEFAULTS.timeoutMs / 1000})
      or below --min-rate bytes/s over ${DOWNLOAD_DEFAULTS.rateWindowMs / 1000} s (default ${DOWNLOAD_DEFAULTS.minBytesPerSecond}; 0 turns it off).
  dropout-data info [--dir DIR]
      Loads CIFAR-10 from DIR and prints its format, sizes, content hash and whether it is
      verified (the files an MD5-checked archive held).

Exit codes: 0 done, 1 failed (network, corrupt data), 2 usage (bad flag or value, --dir unusable),
130/143 interrupted (SIGINT/SIGTERM; temp files are removed).

Official archives:
  py   ${CIFAR10_ARCHIVES.py.url}  md5 ${CIFAR10_ARCHIVES.py.md5}
  bin  ${CIFAR10_ARCHIVES.bin.url}  md5 ${CIFAR10_ARCHIVES.bin.md5}`;

/** The streams the CLI writes to (process.stdout/stderr, or test doubles). */
export interface CliIo {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

class UsageError extends Error {}

function checkUrl(text: string | undefined): void {
  if (text === undefined) return;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--url '${text}' is not a URL; give a full http:// or https:// address`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--url '${text}': only http:// and https:// are supported`);
}

function seconds(flag: string, text: string | undefined, fallback: number, allowZero: boolean): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(value > 0 || (allowZero && value === 0))) throw new UsageError(`${flag} must be a number ${allowZero ? '≥ 0' : '> 0'}, got '${text}'`);
  return value;
}

/**
 * Runs `dropout-data <command> …` and resolves to the exit code (0 ok, 1 failed, 2 usage).
 * @example
 *   process.exitCode = await runCli(['fetch', '--format', 'bin', '--dir', 'data']);
 */
export async function runCli(argv: string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'py' },
        dir: { type: 'string', default: 'data' },
        url: { type: 'string' },
        md5: { type: 'string' },
        timeout: { type: 'string' },
        'min-rate': { type: 'string' },
        'keep-archive': { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    io.stderr.write(`${(err as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.help || !command) {
    (values.help ? io.stdout : io.stderr).write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  try {
    if (positionals.length > 1) throw new UsageError(`unexpected argument '${positionals[1]}' after '${command}'`);
    if (command === 'fetch') {
      if (values.format !== 'py' && values.format !== 'bin') throw new UsageError(`--format must be py or bin, got '${values.format}'`);
      if (values.md5 !== undefined && !/^[0-9a-fA-F]{32}$/.test(values.md5)) throw new UsageError(`--md5 must be 32 hexadecimal digits, got '${values.md5}'`);
      checkUrl(values.url);
      const timeoutMs = seconds('--timeout', values.timeout, DOWNLOAD_DEFAULTS.timeoutMs / 1000, false) * 1000;
      const minBytesPerSecond = seconds('--min-rate', values['min-rate'], DOWNLOAD_DEFAULTS.minBytesPerSecond, true);
      const bar = createProgressBar(io.stderr);
      const result = await fetchCifar10({
        dir: values.dir, format: values.format, url: values.url, md5: values.md5, timeoutMs, minBytesPerSecond,
        keepArchive: values['keep-archive'], force: values.force, onProgress: bar.update,
      }).finally(() => bar.done());
      const what = result.status === 'present' ? `already present${result.verified ? ' (verified: SHA-256 of every batch matches the MD5-checked archive)' : ' (not fetched by this tool, so not verified; --force replaces it)'}` : `${result.status}, MD5 ${result.md5} verified`;
      io.stdout.write(`CIFAR-10 (${result.format}) in ${result.folder}: ${what}\n`);
      return 0;
    }
    if (command === 'info') {
      const raw = await loadCifar10(values.dir);
      const { identity } = raw;
      io.stdout.write(`${identity.name} (${raw.format}) from ${identity.source}\n`);
      for (const [key, shape] of Object.entries(identity.shapes)) io.stdout.write(`  ${key}: (${shape.join(', ')})\n`);
      io.stdout.write(`  sha256: ${identity.hash}\n`);
      const copy = await checkFetchedCopy(raw.folder, raw.format);
      const verified = copy === null ? 'no (not fetched by dropout-data)' : copy.intact ? `yes (the files of the archive with MD5 ${copy.md5})` : 'no: the files changed since they were fetched; run dropout-data fetch to restore them';
      io.stdout.write(`  verified: ${verified}\n`);
      return 0;
    }
    throw new UsageError(`unknown command '${command}'`);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`${err.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (err instanceof FetchDirError) {
      io.stderr.write(`\n--dir ${err.message}\n`);
      return 2;
    }
    io.stderr.write(`\n${(err as Error).message}\n`);
    return 1;
  }
}
